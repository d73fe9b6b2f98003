import type { RequestContext } from '../../context/request-context.js';
import { recordId } from '../../domain/input.js';
import type { SubjectType } from '../../policies/subjects.js';
import { assertFilterable, assertReadable } from '../policed-reads.js';
import { ROOT, type RecordFilter } from './read-records.js';

/**
 * `changedSince` on a list: records created or changed at or after the instant. It reads
 * `updatedAt`, so it needs that field on every row the caller can see, as any filter does.
 */
export function changedSinceFilter(ctx: RequestContext, subject: SubjectType, changedSince: Date | null | undefined): RecordFilter[] {
  if (!changedSince) return [];
  assertFilterable(ctx, subject, 'changedSince', ['updatedAt']);
  return [{ sql: `${ROOT}.updated_at >= :changedSince`, params: { changedSince } }];
}

/**
 * Records of one prisoner (`link` says how a root record belongs to the prisoner aliased `fp`).
 * Filtering by prisoner requires seeing that prisoner: otherwise the filter would reveal which
 * prisoner a record belongs to when a clause shares the records but not the prisoner. The
 * prisoner's visibility is the Prisoner policy's row predicate, in the same statement.
 */
export function prisonerFilter(ctx: RequestContext, prisonerId: string | null | undefined, link: string): RecordFilter[] {
  if (!prisonerId) return [];
  const id = recordId(prisonerId, 'prisonerId');
  assertReadable(ctx, 'Prisoner');
  ctx.disclosures.queried('Prisoner');
  const visible = ctx.policy.sql('Prisoner', { record: 'fp', prisoner: 'fpp' });
  return [{
    sql: `EXISTS (SELECT 1 FROM prisoner fp WHERE fp.id = :filterPrisonerId AND ${link} AND fp.withdrawn_at IS NULL AND (${visible.sql}))`,
    params: { ...visible.params, filterPrisonerId: id },
  }];
}

/** `prisonerFilter` links: a record's own prisoner, and the prisoners a report is about. */
export const OWN_PRISONER = `fp.id = ${ROOT}.prisoner_id`;
export const REPORT_SUBJECT = `fp.id IN (SELECT s.prisoner_id FROM intelligence_report_subject s WHERE s.report_id = ${ROOT}.id)`;

/** A filter on one field's values: refused unless the caller sees that field on every row. */
export function valuesFilter(
  ctx: RequestContext, subject: SubjectType, argument: string, field: string, values: readonly string[] | null | undefined,
): RecordFilter[] {
  if (!values) return [];
  assertFilterable(ctx, subject, argument, [field]);
  const name = `values_${argument}`;
  return [values.length ? { sql: `${ROOT}.${field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()} IN (:...${name})`, params: { [name]: [...values] } } : { sql: 'FALSE' }];
}
