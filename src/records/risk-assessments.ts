import type { RequestContext } from '../context/request-context.js';
import { RISK_LEVELS, type RiskLevel } from '../domain/enums.js';
import { assertFilterable } from '../enforcement/policed-reads.js';
import { readConnection, ROOT, type CompiledConnection, type PageArgs, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter, OWN_PRISONER, prisonerFilter, valuesFilter } from '../enforcement/compiled-read/record-filters.js';
import type { ConnectionSelection } from '../enforcement/compiled-read/selection.js';

export interface RiskAssessmentFilter {
  prisonerId?: string | null;
  minLevel?: RiskLevel | null;
  assessedSince?: Date | null;
  /** Created or changed at or after this instant. */
  changedSince?: Date | null;
}

export async function listRiskAssessments(
  ctx: RequestContext, filter: RiskAssessmentFilter | null | undefined, page: PageArgs, selection: ConnectionSelection,
): Promise<CompiledConnection> {
  const filters: RecordFilter[] = [
    ...changedSinceFilter(ctx, 'RiskAssessment', filter?.changedSince),
    ...prisonerFilter(ctx, filter?.prisonerId, OWN_PRISONER),
    ...valuesFilter(ctx, 'RiskAssessment', 'minLevel', 'overallLevel', filter?.minLevel ? RISK_LEVELS.slice(RISK_LEVELS.indexOf(filter.minLevel)) : null),
  ];
  if (filter?.assessedSince) {
    assertFilterable(ctx, 'RiskAssessment', 'assessedSince', ['assessedAt']);
    filters.push({ sql: `${ROOT}.assessed_at >= :assessedSince`, params: { assessedSince: filter.assessedSince } });
  }
  return readConnection(ctx, 'RiskAssessment', filters, { field: 'assessedAt', direction: 'DESC' }, page, selection);
}
