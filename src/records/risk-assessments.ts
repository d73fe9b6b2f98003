import type { RequestContext } from '../context/request-context.js';
import { RISK_LEVELS, type RiskLevel } from '../domain/enums.js';
import { RiskAssessmentEntity } from '../entities/index.js';
import { assertFilterable, RECORD_ALIAS } from '../enforcement/policed-reads.js';
import { filterChangedSince } from '../enforcement/changed-since.js';
import { latestByPrisoner, recordsByPrisoner } from '../enforcement/batch-loaders.js';
import { accessibleConnection, type ConnectionView, type PageArgs } from '../enforcement/paging.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';
import { prisonerFilterVisible } from './risk-flags.js';

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

export async function listRiskAssessments(ctx: RequestContext, filter: RiskAssessmentFilter | null | undefined, page: PageArgs): Promise<ConnectionView> {
  const qb = ctx.dataSource.getRepository(RiskAssessmentEntity).createQueryBuilder(RECORD_ALIAS);
  filterChangedSince(ctx, 'RiskAssessment', qb, filter?.changedSince);
  const prisonerId = await prisonerFilterVisible(ctx, filter?.prisonerId);
  if (prisonerId === false) qb.andWhere('FALSE');
  else if (prisonerId) qb.andWhere(`${RECORD_ALIAS}.prisonerId = :prisonerId`, { prisonerId });
  if (filter?.minLevel) {
    assertFilterable(ctx, 'RiskAssessment', 'minLevel', ['overallLevel']);
    qb.andWhere(`${RECORD_ALIAS}.overallLevel IN (:...levels)`, { levels: RISK_LEVELS.slice(RISK_LEVELS.indexOf(filter.minLevel)) });
  }
  if (filter?.assessedSince) {
    assertFilterable(ctx, 'RiskAssessment', 'assessedSince', ['assessedAt']);
    qb.andWhere(`${RECORD_ALIAS}.assessedAt >= :assessedSince`, { assessedSince: filter.assessedSince });
  }
  return accessibleConnection(
    ctx, 'RiskAssessment', RiskAssessmentEntity, qb, { property: 'assessedAt', direction: 'DESC' }, page,
    (rows) => presentRiskAssessments(ctx, rows),
  );
}
