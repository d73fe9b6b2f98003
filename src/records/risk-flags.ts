import type { RequestContext } from '../context/request-context.js';
import { RISK_LEVELS, type RiskFlagCategory, type RiskFlagStatus, type RiskLevel } from '../domain/enums.js';
import { RiskFlagEntity } from '../entities/index.js';
import { isoDate } from '../policies/condition-language.js';
import { assertFilterable, RECORD_ALIAS } from '../enforcement/policed-reads.js';
import { recordsByPrisoner } from '../enforcement/batch-loaders.js';
import { accessibleConnection, type ConnectionView, type PageArgs } from '../enforcement/paging.js';
import { recordId } from '../domain/input.js';
import { prisonersById } from './prisoners.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';

export interface RiskFlagFilter {
  prisonerId?: string | null;
  categories?: RiskFlagCategory[] | null;
  minSeverity?: RiskLevel | null;
  status?: RiskFlagStatus[] | null;
  updatedSince?: Date | null;
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

/**
 * Filtering by prisoner requires seeing that prisoner: otherwise the filter would reveal
 * which prisoner a flag belongs to when a clause shares flags but not prisoners.
 */
export async function prisonerFilterVisible(ctx: RequestContext, prisonerId: string | null | undefined): Promise<string | null | false> {
  if (!prisonerId) return null;
  const id = recordId(prisonerId, 'prisonerId');
  return (await prisonersById(ctx).load(id)) ? id : false;
}

export async function listRiskFlags(ctx: RequestContext, filter: RiskFlagFilter | null | undefined, page: PageArgs): Promise<ConnectionView> {
  const qb = ctx.dataSource.getRepository(RiskFlagEntity).createQueryBuilder(RECORD_ALIAS);
  const prisonerId = await prisonerFilterVisible(ctx, filter?.prisonerId);
  if (prisonerId === false) qb.andWhere('FALSE');
  else if (prisonerId) qb.andWhere(`${RECORD_ALIAS}.prisonerId = :prisonerId`, { prisonerId });
  if (filter?.categories) {
    assertFilterable(ctx, 'RiskFlag', 'categories', ['category']);
    qb.andWhere(filter.categories.length ? `${RECORD_ALIAS}.category IN (:...categories)` : 'FALSE', { categories: filter.categories });
  }
  if (filter?.minSeverity) {
    assertFilterable(ctx, 'RiskFlag', 'minSeverity', ['severity']);
    qb.andWhere(`${RECORD_ALIAS}.severity IN (:...severities)`, { severities: RISK_LEVELS.slice(RISK_LEVELS.indexOf(filter.minSeverity)) });
  }
  if (filter?.status) {
    assertFilterable(ctx, 'RiskFlag', 'status', ['status']);
    qb.andWhere(filter.status.length ? `${RECORD_ALIAS}.status IN (:...statuses)` : 'FALSE', { statuses: filter.status });
  }
  if (filter?.updatedSince) {
    assertFilterable(ctx, 'RiskFlag', 'updatedSince', ['updatedAt']);
    qb.andWhere(`${RECORD_ALIAS}.updatedAt >= :updatedSince`, { updatedSince: filter.updatedSince });
  }
  return accessibleConnection(
    ctx, 'RiskFlag', RiskFlagEntity, qb, { property: 'raisedAt', direction: 'DESC' }, page,
    (rows) => presentRiskFlags(ctx, rows),
  );
}
