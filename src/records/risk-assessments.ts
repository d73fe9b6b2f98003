import type { RequestContext } from '../context/request-context.js';
import { RISK_LEVELS, type RiskLevel } from '../domain/enums.js';
import { RiskAssessmentEntity } from '../entities/index.js';
import { assertFilterable } from '../enforcement/policed-reads.js';
import { latestByPrisoner, recordsByPrisoner } from '../enforcement/batch-loaders.js';
import { readConnection, ROOT, type CompiledConnection, type PageArgs, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter, prisonerFilter, valuesFilter } from '../enforcement/compiled-read/record-filters.js';
import type { ConnectionSelection } from '../enforcement/compiled-read/selection.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';

export interface RiskAssessmentFilter {
  prisonerId?: string | null;
  minLevel?: RiskLevel | null;
  assessedSince?: Date | null;
  /** Created or changed at or after this instant. */
  changedSince?: Date | null;
}

export function presentRiskAssessments(ctx: RequestContext, rows: RiskAssessmentEntity[]): RecordView[] {
  return presentAll(ctx, 'RiskAssessment', rows, (row) => ({
    tool: row.tool,
    toolVersion: row.toolVersion,
    assessor: row.assessor,
    assessedAt: row.assessedAt,
    overallLevel: row.overallLevel,
    domains: row.domains,
    shareableSummary: row.shareableSummary,
    narrative: row.narrative,
    nextReviewDate: row.nextReviewDate,
  }));
}

const byPrisoner = {
  subject: 'RiskAssessment', entity: RiskAssessmentEntity, orderBy: 'assessedAt', direction: 'DESC',
  present: presentRiskAssessments,
} as const;

export const latestAssessmentOfPrisoner = (ctx: RequestContext) => latestByPrisoner(ctx, byPrisoner);
export const assessmentsOfPrisoner = (ctx: RequestContext) => recordsByPrisoner(ctx, byPrisoner);

export async function listRiskAssessments(
  ctx: RequestContext, filter: RiskAssessmentFilter | null | undefined, page: PageArgs, selection: ConnectionSelection,
): Promise<CompiledConnection> {
  const filters: RecordFilter[] = [
    ...changedSinceFilter(ctx, 'RiskAssessment', filter?.changedSince),
    ...prisonerFilter(ctx, filter?.prisonerId, `fp.id = ${ROOT}.prisoner_id`),
    ...valuesFilter(ctx, 'RiskAssessment', 'minLevel', 'overallLevel', filter?.minLevel ? RISK_LEVELS.slice(RISK_LEVELS.indexOf(filter.minLevel)) : null),
  ];
  if (filter?.assessedSince) {
    assertFilterable(ctx, 'RiskAssessment', 'assessedSince', ['assessedAt']);
    filters.push({ sql: `${ROOT}.assessed_at >= :assessedSince`, params: { assessedSince: filter.assessedSince } });
  }
  return readConnection(ctx, 'RiskAssessment', filters, { field: 'assessedAt', direction: 'DESC' }, page, selection);
}
