import { asSubject, type LiaisonAbility } from '../policies/ability.js';
import { isStatutoryField } from '../policies/statutory-exclusions.js';
import { OWNER_FIELD, SUBJECTS } from '../policies/subjects.js';
import type { RecordKind, RecordState } from './record-kind.js';

/**
 * Whether the caller's ability lets them write a record, checked on the state the record
 * would have: CASL `create`/`update` rules checked on the new state, before anything is saved. Pure.
 * Only own-agency role rules grant `create` and `update`, each pinned to the caller's agency:
 * no MoU clause ever grants a write, and a record of another agency never matches.
 */

/** The policy field a writable field is checked as; null for handling marks, checked on the record as a whole. */
const policyField = (kind: RecordKind, name: string): string | null =>
  (SUBJECTS[kind.subject].fields as readonly string[]).includes(name) ? name : null;

const tagged = (kind: RecordKind, ownerAgencyCode: string, state: RecordState) =>
  asSubject(kind.subject, { ...state, [OWNER_FIELD]: ownerAgencyCode });

/** Fields the caller may not write into this state (`record` when the record itself is refused); empty when allowed. */
export function refusedFields(
  ability: LiaisonAbility, action: 'create' | 'update', kind: RecordKind, ownerAgencyCode: string,
  state: RecordState, written: readonly string[], current: RecordState | null = null,
): string[] {
  const next = tagged(kind, ownerAgencyCode, state);
  if (!ability.can(action, next)) return ['record'];
  if (current && !ability.can(action, tagged(kind, ownerAgencyCode, current))) return ['record'];
  return written.filter((name) => {
    const policy = policyField(kind, name);
    return policy !== null && !ability.can(action, next, policy);
  });
}

/**
 * Whether the caller keeps this record: may update every field of it that is not a
 * statutory exclusion. Keepers withdraw records and read their history and tombstones.
 */
export function keepsRecord(ability: LiaisonAbility, kind: RecordKind, ownerAgencyCode: string, state: RecordState): boolean {
  const subject = tagged(kind, ownerAgencyCode, state);
  if (!ability.can('update', subject)) return false;
  return Object.keys(kind.fields).every((name) => {
    const policy = policyField(kind, name);
    return policy === null || isStatutoryField(kind.subject, policy) || ability.can('update', subject, policy);
  });
}

/** Whether the caller may read this field's values in the record's history. */
export function mayReadField(ability: LiaisonAbility, kind: RecordKind, ownerAgencyCode: string, state: RecordState, name: string): boolean {
  const policy = policyField(kind, name);
  const subject = tagged(kind, ownerAgencyCode, state);
  return policy === null ? ability.can('read', subject) : ability.can('read', subject, policy);
}
