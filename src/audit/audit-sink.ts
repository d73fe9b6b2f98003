import type { RequestContext } from '../context/request-context.js';

/** What the response plugin knows of a finished request, for the disclosure log. */
export interface RequestSummary {
  operationName: string | null;
  /** SHA-256 of the GraphQL document. */
  documentHash: string | null;
  /** Error codes the response carries. */
  errorCodes: string[];
}

/**
 * Where a request's disclosures are written, before its response leaves the gateway. If
 * `record` throws, the caller receives SERVICE_UNAVAILABLE and no data (fail closed).
 */
export interface AuditSink {
  record(ctx: RequestContext, summary: RequestSummary): Promise<void>;
}
