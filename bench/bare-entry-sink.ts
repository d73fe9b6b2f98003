import type { AuditSink, RequestSummary } from '../src/audit/audit-sink.js';
import type { DisclosureLog } from '../src/audit/disclosure-log.js';
import type { RequestContext } from '../src/context/request-context.js';
import type { RequestDisclosure } from '../src/context/request-disclosure.js';

/**
 * The disclosure log's fixed cost, for bench/log-bound.ts: each request still writes one entry
 * to the real log — built, canonicalised, inserted through the group-committing appender, chained
 * by the trigger, committed before the response leaves — but the entry leaves out the records
 * the response carried (a consultation of the searched kinds, a few hundred bytes). What this
 * gateway loses against one without a log is what any synchronous, durable, chained entry per
 * request costs, however compact its records were made. Benchmark only: the entries name no
 * records, so they would not satisfy LED Art. 25.
 */
export class BareEntrySink implements AuditSink {
  constructor(private readonly log: DisclosureLog) {}

  record(request: RequestContext, disclosed: RequestDisclosure, summary: RequestSummary): Promise<void> {
    // The request's disclosure as the log sees it, without its records (quotas and metrics read the real one).
    const withoutRecords = Object.create(disclosed, { entries: { value: () => [] } }) as RequestDisclosure;
    return this.log.record(request, withoutRecords, summary);
  }
}
