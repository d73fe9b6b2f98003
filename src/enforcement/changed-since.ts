import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import type { SubjectType } from '../policies/subjects.js';
import { assertFilterable, RECORD_ALIAS } from './policed-reads.js';

/**
 * `changedSince` on a list: records created or changed at or after the instant (a follower of
 * the change feed, or a recipient polling, fetches only what moved). The filter reads
 * `updatedAt`, so it needs that field on every row the caller can see, as any filter does.
 */
export function filterChangedSince<E extends ObjectLiteral>(ctx: RequestContext, subject: SubjectType, qb: SelectQueryBuilder<E>, changedSince: Date | null | undefined): void {
  if (!changedSince) return;
  assertFilterable(ctx, subject, 'changedSince', ['updatedAt']);
  qb.andWhere(`${RECORD_ALIAS}.updatedAt >= :changedSince`, { changedSince });
}
