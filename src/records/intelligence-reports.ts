import type { RequestContext } from '../context/request-context.js';
import type { IntelligencePriority } from '../domain/enums.js';
import { assertFilterable } from '../enforcement/policed-reads.js';
import { readConnection, ROOT, type CompiledConnection, type PageArgs, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter, REPORT_SUBJECT, prisonerFilter, valuesFilter } from '../enforcement/compiled-read/record-filters.js';
import type { ConnectionSelection } from '../enforcement/compiled-read/selection.js';

export interface IntelligenceReportFilter {
  prisonerId?: string | null;
  handlingCodes?: string[] | null;
  priorities?: IntelligencePriority[] | null;
  createdSince?: Date | null;
  /** Created or changed at or after this instant. */
  changedSince?: Date | null;
}

export async function listIntelligenceReports(
  ctx: RequestContext, filter: IntelligenceReportFilter | null | undefined, page: PageArgs, selection: ConnectionSelection,
): Promise<CompiledConnection> {
  const filters: RecordFilter[] = [
    ...changedSinceFilter(ctx, 'IntelligenceReport', filter?.changedSince),
    ...prisonerFilter(ctx, filter?.prisonerId, REPORT_SUBJECT),
    ...valuesFilter(ctx, 'IntelligenceReport', 'handlingCodes', 'handlingCode', filter?.handlingCodes),
    ...valuesFilter(ctx, 'IntelligenceReport', 'priorities', 'priority', filter?.priorities),
  ];
  if (filter?.createdSince) {
    assertFilterable(ctx, 'IntelligenceReport', 'createdSince', ['createdAt']);
    filters.push({ sql: `${ROOT}.created_at >= :createdSince`, params: { createdSince: filter.createdSince } });
  }
  return readConnection(ctx, 'IntelligenceReport', filters, { field: 'createdAt', direction: 'DESC' }, page, selection);
}
