import type { RequestContext } from '../context/request-context.js';
import type { RequestDisclosure } from '../context/request-disclosure.js';
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
 * `record` throws, the caller receives SERVICE_UNAVAILABLE and no data (fail closed). Every
 * server has one (`ServerDeps.auditSink` is required); the only sink that writes nothing is
 * the benchmark's allow-all baseline's, built in bench/.
 *
 * `request` is the request's inputs (who asked, why, under which policy); `disclosed` is its
 * output, what the response carried and what was refused.
 */
export interface AuditSink {
  record(request: RequestContext, disclosed: RequestDisclosure, summary: RequestSummary): Promise<void>;
}
