import DataLoader from 'dataloader';
import type { EntityTarget } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import type { SharedRecord } from '../entities/shared-record.js';
import type { SubjectType } from '../policies/subjects.js';
import { fetchAccessible, RECORD_ALIAS } from './policed-reads.js';
import type { RecordView } from './record-view.js';

/** Nested lists are bounded: at most this many records per parent. */
export const NESTED_LIST_LIMIT = 100;

type PrisonerLinked = SharedRecord & { prisonerId: string };

export interface ByPrisonerOptions<E extends PrisonerLinked> {
  subject: SubjectType;
  entity: EntityTarget<E>;
  /** Entity property to order each prisoner's records by (newest/soonest first). */
  orderBy: string;
  direction: 'ASC' | 'DESC';
  present: (ctx: RequestContext, rows: E[]) => RecordView[];
}

/**
 * Per request, one batched, policy-filtered query per nested list: every prisoner in the
 * response gets its records from a single `prisoner_id IN (…)` query (no N+1), with the same
 * SQL predicate as the root lists.
 */
export function recordsByPrisoner<E extends PrisonerLinked>(
  ctx: RequestContext,
  options: ByPrisonerOptions<E>,
): DataLoader<string, RecordView[]> {
  return ctx.once(`${options.subject}:byPrisoner`, () => new DataLoader<string, RecordView[]>(async (ids) => {
    const qb = ctx.dataSource.getRepository(options.entity).createQueryBuilder(RECORD_ALIAS)
      .where(`${RECORD_ALIAS}.prisonerId IN (:...prisonerIds)`, { prisonerIds: [...ids] })
      .orderBy(`${RECORD_ALIAS}.prisonerId`)
      .addOrderBy(`${RECORD_ALIAS}.${options.orderBy}`, options.direction)
      .addOrderBy(`${RECORD_ALIAS}.id`, options.direction)
      .limit(ids.length * NESTED_LIST_LIMIT);
    const grouped = groupByPrisoner(await fetchAccessible(ctx, options.subject, qb));
    return ids.map((id) => options.present(ctx, (grouped.get(id) ?? []).slice(0, NESTED_LIST_LIMIT)));
  }, { maxBatchSize: 200 }));
}

/** Per request, each prisoner's latest visible record of a subject (DISTINCT ON), batched. */
export function latestByPrisoner<E extends PrisonerLinked>(
  ctx: RequestContext,
  options: ByPrisonerOptions<E>,
): DataLoader<string, RecordView | null> {
  return ctx.once(`${options.subject}:latestByPrisoner`, () => new DataLoader<string, RecordView | null>(async (ids) => {
    const qb = ctx.dataSource.getRepository(options.entity).createQueryBuilder(RECORD_ALIAS)
      .distinctOn([`${RECORD_ALIAS}.prisonerId`])
      .where(`${RECORD_ALIAS}.prisonerId IN (:...prisonerIds)`, { prisonerIds: [...ids] })
      .orderBy(`${RECORD_ALIAS}.prisonerId`)
      .addOrderBy(`${RECORD_ALIAS}.${options.orderBy}`, options.direction)
      .addOrderBy(`${RECORD_ALIAS}.id`, options.direction);
    const grouped = groupByPrisoner(await fetchAccessible(ctx, options.subject, qb));
    return ids.map((id) => options.present(ctx, grouped.get(id) ?? [])[0] ?? null);
  }, { maxBatchSize: 200 }));
}

function groupByPrisoner<E extends PrisonerLinked>(rows: E[]): Map<string, E[]> {
  const grouped = new Map<string, E[]>();
  for (const row of rows) {
    const list = grouped.get(row.prisonerId);
    if (list) list.push(row);
    else grouped.set(row.prisonerId, [row]);
  }
  return grouped;
}
