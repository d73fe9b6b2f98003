import { Brackets, type EntityMetadata, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { caseReferenceRequired, forbidden, purposeRequired } from '../errors.js';
import { SUBJECTS, type SubjectType } from '../policies/subjects.js';

/**
 * The policy's gates and filter checks, and the query-builder road of the person search's
 * candidate statement (src/records/person-search.ts), which chooses and ranks candidate ids;
 * every record of the API is read and presented by the compiled read (./compiled-read/).
 * `fetchAccessible` attaches the caller's policy as a SQL predicate (docs/architecture.md
 * §2.5), so no row the caller may not see leaves the database. Queries use the alias `record`
 * for the subject's table; the owning prisoner, when a rule tests it, is joined as `prisoner`.
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

function applyPolicy<E extends ObjectLiteral>(
  ctx: RequestContext, subject: SubjectType, qb: SelectQueryBuilder<E>,
): { policed: SelectQueryBuilder<E>; prisonerFields: readonly string[] } {
  assertReadable(ctx, subject);
  ctx.disclosures.queried(subject);
  const predicate = ctx.policy.sql(subject, { record: RECORD_ALIAS, prisoner: PRISONER_ALIAS });
  const policed = qb.clone();
  if (predicate.prisonerFields.length > 0) {
    if (!SUBJECTS[subject].linkedToPrisoner) throw new Error(`policy: ${subject} rules test prisoner fields`);
    policed.leftJoin(`${RECORD_ALIAS}.prisoner`, PRISONER_ALIAS);
  }
  // A withdrawn record is gone for everyone, its owner's staff included; the owner's keepers
  // and auditors reach its tombstone through its history (src/publishing/record-history.ts).
  policed.andWhere(`${RECORD_ALIAS}.withdrawnAt IS NULL`);
  // Attached last and in brackets, so no filter's OR can widen it.
  policed.andWhere(new Brackets((where) => where.where(predicate.sql, predicate.params)));
  return { policed, prisonerFields: predicate.prisonerFields };
}

/** The record's own columns (relations aside), selected under their property names. */
const ownColumns = new WeakMap<EntityMetadata, readonly string[]>();

function propertiesOf(metadata: EntityMetadata): readonly string[] {
  let properties = ownColumns.get(metadata);
  if (!properties) {
    // `prisonerId` shares its column with the `prisoner` relation: keep the column property, drop relations.
    const relations = new Set(metadata.relations.map((relation) => relation.propertyName));
    properties = [...new Set(metadata.columns.map((column) => column.propertyName))].filter((name) => !relations.has(name));
    ownColumns.set(metadata, properties);
  }
  return properties;
}

const PRISONER_COLUMN_PREFIX = 'prisoner__';

/**
 * The rows of `qb` the caller may read, as plain objects keyed by the entity's property names
 * (with the owning prisoner's tested fields under `prisoner` when a rule needs them). Raw
 * rows, not hydrated entities: the policy and the presentation read properties only, and
 * entity hydration was a good part of every request's CPU.
 */
export async function fetchAccessible<E extends ObjectLiteral>(
  ctx: RequestContext,
  subject: SubjectType,
  qb: SelectQueryBuilder<E>,
  /** Further `[expression, alias]` columns (e.g. of a joined table), returned under their aliases. */
  also: readonly (readonly [string, string])[] = [],
): Promise<E[]> {
  const { policed, prisonerFields } = applyPolicy(ctx, subject, qb);
  const [first, ...rest] = propertiesOf(policed.expressionMap.mainAlias!.metadata);
  policed.select(`${RECORD_ALIAS}.${first!}`, first!);
  for (const property of rest) policed.addSelect(`${RECORD_ALIAS}.${property}`, property);
  for (const [expression, alias] of also) policed.addSelect(expression, alias);
  for (const field of prisonerFields) policed.addSelect(`${PRISONER_ALIAS}.${field}`, `${PRISONER_COLUMN_PREFIX}${field}`);
  const rows = (await policed.getRawMany()) as Record<string, unknown>[];
  if (prisonerFields.length > 0) {
    for (const row of rows) {
      const prisoner: Record<string, unknown> = { id: row.prisonerId };
      for (const field of prisonerFields) {
        prisoner[field] = row[`${PRISONER_COLUMN_PREFIX}${field}`];
        delete row[`${PRISONER_COLUMN_PREFIX}${field}`];
      }
      row.prisoner = prisoner;
    }
  }
  return rows as E[];
}

/**
 * A condition, on the row aliased `record`, that holds where the caller may see `field` of
 * that row — the field decision of the policy, in SQL. For searches that match on a field's
 * values: a value the caller may not see must neither select a row nor explain why it was
 * selected. Use within `fetchAccessible`, which adds the row predicate.
 */
export function fieldVisibleSql(ctx: RequestContext, subject: SubjectType, field: string): { sql: string; params: Record<string, unknown> } {
  const predicate = ctx.policy.fieldSql(subject, field, { record: RECORD_ALIAS, prisoner: PRISONER_ALIAS });
  if (predicate.prisonerFields.length > 0) {
    throw new Error(`policy: field conditions of ${subject} test prisoner fields; not supported by fieldVisibleSql`);
  }
  return { sql: predicate.sql, params: predicate.params };
}
