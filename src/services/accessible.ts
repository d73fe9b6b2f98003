import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { caseReferenceRequired, forbidden, purposeRequired } from '../errors.js';
import { SUBJECTS, type SubjectType } from '../policies/subjects.js';

/**
 * The one road from a query builder to shared records. Every read of a shared record goes
 * through `fetchAccessible` / `countAccessible`, which attach the caller's policy as a SQL
 * predicate (ARCHITECTURE.md §3.5): paging, counts and LIMIT are right, and no row the
 * caller may not see leaves the database. Queries use the alias `record` for the subject's
 * table; the owning prisoner, when a rule tests it, is joined as `prisoner`.
 */

export const RECORD_ALIAS = 'record';
const PRISONER_ALIAS = 'prisoner';

/** Refuses, before any query, a subject whose cross-agency data needs a purpose or case reference the request lacks. */
export function assertReadable(ctx: RequestContext, subject: SubjectType): void {
  const gate = ctx.policy.gate(subject);
  if (!gate) return;
  ctx.disclosures.deny({ code: gate, subject, detail: `read ${subject}` });
  throw gate === 'PURPOSE_REQUIRED' ? purposeRequired(subject) : caseReferenceRequired(subject);
}

/** Refuses a filter on a field the caller cannot see on every row it can see (it would be an oracle). */
export function assertFilterable(ctx: RequestContext, subject: SubjectType, filter: string, fields: readonly string[]): void {
  for (const field of fields) {
    if (!ctx.policy.canFilterOn(subject, field)) {
      ctx.disclosures.deny({ code: 'FORBIDDEN', subject, detail: `filter ${filter} needs field ${field}` });
      throw forbidden(`Filtering ${subject} records by ${filter} is not permitted: not every clause that shares them with you grants ${field}`);
    }
  }
}

function applyPolicy<E extends ObjectLiteral>(ctx: RequestContext, subject: SubjectType, qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
  assertReadable(ctx, subject);
  ctx.disclosures.queried(subject);
  const predicate = ctx.policy.sql(subject, { record: RECORD_ALIAS, prisoner: PRISONER_ALIAS });
  const policed = qb.clone();
  if (predicate.prisonerFields.length > 0) {
    if (!SUBJECTS[subject].linkedToPrisoner) throw new Error(`policy: ${subject} rules test prisoner fields`);
    policed
      .leftJoin(`${RECORD_ALIAS}.prisoner`, PRISONER_ALIAS)
      .addSelect([`${PRISONER_ALIAS}.id`, ...predicate.prisonerFields.map((f) => `${PRISONER_ALIAS}.${f}`)]);
  }
  // Attached last and in brackets, so no filter's OR can widen it.
  return policed.andWhere(new Brackets((where) => where.where(predicate.sql, predicate.params)));
}

/** The rows of `qb` the caller may read. */
export async function fetchAccessible<E extends ObjectLiteral>(
  ctx: RequestContext,
  subject: SubjectType,
  qb: SelectQueryBuilder<E>,
): Promise<E[]> {
  return applyPolicy(ctx, subject, qb).getMany();
}

/** How many rows of `qb` the caller may read. */
export async function countAccessible<E extends ObjectLiteral>(
  ctx: RequestContext,
  subject: SubjectType,
  qb: SelectQueryBuilder<E>,
): Promise<number> {
  return applyPolicy(ctx, subject, qb.clone().orderBy()).getCount();
}
