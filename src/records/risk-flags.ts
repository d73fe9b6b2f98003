import type { RequestContext } from '../context/request-context.js';
import { RISK_LEVELS, type RiskFlagCategory, type RiskFlagStatus, type RiskLevel } from '../domain/enums.js';
import { assertFilterable } from '../enforcement/policed-reads.js';
import { readConnection, ROOT, type CompiledConnection, type PageArgs, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter, OWN_PRISONER, prisonerFilter, valuesFilter } from '../enforcement/compiled-read/record-filters.js';
import type { ConnectionSelection } from '../enforcement/compiled-read/selection.js';

export interface RiskFlagFilter {
  prisonerId?: string | null;
  categories?: RiskFlagCategory[] | null;
  minSeverity?: RiskLevel | null;
  status?: RiskFlagStatus[] | null;
  updatedSince?: Date | null;
  /** Created or changed at or after this instant. */
  changedSince?: Date | null;
}

export async function listRiskFlags(
  ctx: RequestContext, filter: RiskFlagFilter | null | undefined, page: PageArgs, selection: ConnectionSelection,
): Promise<CompiledConnection> {
  const filters: RecordFilter[] = [
    ...changedSinceFilter(ctx, 'RiskFlag', filter?.changedSince),
    ...prisonerFilter(ctx, filter?.prisonerId, OWN_PRISONER),
    ...valuesFilter(ctx, 'RiskFlag', 'categories', 'category', filter?.categories),
    ...valuesFilter(ctx, 'RiskFlag', 'minSeverity', 'severity', filter?.minSeverity ? RISK_LEVELS.slice(RISK_LEVELS.indexOf(filter.minSeverity)) : null),
    ...valuesFilter(ctx, 'RiskFlag', 'status', 'status', filter?.status),
  ];
  if (filter?.updatedSince) {
    assertFilterable(ctx, 'RiskFlag', 'updatedSince', ['updatedAt']);
    filters.push({ sql: `${ROOT}.updated_at >= :updatedSince`, params: { updatedSince: filter.updatedSince } });
  }
  return readConnection(ctx, 'RiskFlag', filters, { field: 'raisedAt', direction: 'DESC' }, page, selection);
}
