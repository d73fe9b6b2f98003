import type { RequestContext } from '../context/request-context.js';
import { RISK_LEVELS, type RiskFlagCategory, type RiskFlagStatus, type RiskLevel } from '../domain/enums.js';
import { RiskFlagEntity } from '../entities/index.js';
import { isoDate } from '../policies/condition-language.js';
import { assertFilterable } from '../enforcement/policed-reads.js';
import { recordsByPrisoner } from '../enforcement/batch-loaders.js';
import { readConnection, ROOT, type CompiledConnection, type PageArgs, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter, prisonerFilter, valuesFilter } from '../enforcement/compiled-read/record-filters.js';
import type { ConnectionSelection } from '../enforcement/compiled-read/selection.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';

export interface RiskFlagFilter {
  prisonerId?: string | null;
  categories?: RiskFlagCategory[] | null;
  minSeverity?: RiskLevel | null;
  status?: RiskFlagStatus[] | null;
  updatedSince?: Date | null;
  /** Created or changed at or after this instant. */
  changedSince?: Date | null;
}

export function presentRiskFlags(ctx: RequestContext, rows: RiskFlagEntity[]): RecordView[] {
  const today = isoDate(ctx.now);
  return presentAll(ctx, 'RiskFlag', rows, (row) => ({
    category: row.category,
    severity: row.severity,
    status: row.status,
    basis: row.basis,
    summary: row.summary,
    raisedAt: row.raisedAt,
    reviewDate: row.reviewDate,
    updatedAt: row.updatedAt,
  }), {
    // A flag past its review date is visibly stale: an old warning must not pass for a current one.
    stale: { from: 'reviewDate', compute: (row) => row.reviewDate !== null && row.reviewDate < today },
  });
}

export const riskFlagsOfPrisoner = (ctx: RequestContext) => recordsByPrisoner(ctx, {
  subject: 'RiskFlag', entity: RiskFlagEntity, orderBy: 'raisedAt', direction: 'DESC',
  present: presentRiskFlags,
});

export async function listRiskFlags(
  ctx: RequestContext, filter: RiskFlagFilter | null | undefined, page: PageArgs, selection: ConnectionSelection,
): Promise<CompiledConnection> {
  const filters: RecordFilter[] = [
    ...changedSinceFilter(ctx, 'RiskFlag', filter?.changedSince),
    ...prisonerFilter(ctx, filter?.prisonerId, `fp.id = ${ROOT}.prisoner_id`),
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
