import type { RequestContext } from '../context/request-context.js';
import type { LoggedSearchTerm } from './core/log-entry.js';

/** What the response plugin knows of a finished request, for the disclosure log. */
export interface RequestSummary {
  operationName: string | null;
  /** SHA-256 of the GraphQL document. */
  documentHash: string | null;
  /** Error codes the response carries. */
  errorCodes: string[];
  /** The root fields' arguments (literals and variables alike), with the subject each returns; agencies are filled in by the log. */
  searchTerms?: Omit<LoggedSearchTerm, 'agencyCodes'>[];
}

/**
 * Where a request's disclosures are written, before its response leaves the gateway. If
 * `record` throws, the caller receives SERVICE_UNAVAILABLE and no data (fail closed).
 */
export interface AuditSink {
  record(ctx: RequestContext, summary: RequestSummary): Promise<void>;
}
