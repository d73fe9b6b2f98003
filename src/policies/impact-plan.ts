import type { Purpose } from '../domain/enums.js';
import { buildPolicy, type BuiltPolicy, type PolicyKey, type PolicySnapshot } from './build-policy.js';
import type { Clause } from './clause.js';
import { SUBJECT_TYPES, type SubjectType } from './subjects.js';

/**
 * What an impact preview compares (issue 3, item 4): for a draft or amendment, the abilities
 * its recipient's staff have now and would have with the draft in force in place of its
 * predecessor — one pair per role × purpose the clauses name. The service counts rows and
 * fields with both policies' compiled predicates, i.e. with the SQL the live policy uses.
 *
 * Abilities are built with a case reference present (the most a clause can give) and the
 * draft treated as in force now (relative dates resolve today), whatever its validity window.
 */

export interface ImpactAudience {
  role: string;
  purpose: Purpose;
  before: BuiltPolicy;
  after: BuiltPolicy;
}

export interface ImpactPlan {
  providerAgencyCode: string;
  recipientAgencyCode: string;
  reference: string;
  /** Clauses in force now that the draft replaces (its predecessor's). */
  replaced: readonly Clause[];
  audiences: readonly ImpactAudience[];
  /** Kinds of record the draft or its predecessor shares, in catalogue order. */
  subjects: readonly SubjectType[];
}

const inForceNow = (clause: Clause, now: Date): Clause => ({
  ...clause,
  mou: { ...clause.mou, status: 'ACTIVE', validFrom: new Date(now.getTime() - 1), validUntil: null },
});

/**
 * `draft` holds the clauses of one MoU version (all of the same MoU); `current` is the
 * snapshot the gateway enforces now.
 */
export function planImpact(current: PolicySnapshot, draft: readonly Clause[], now: Date, terms: {
  reference: string; providerAgencyCode: string; recipientAgencyCode: string;
}): ImpactPlan {
  const replaced = current.clauses.filter((c) => c.mou.reference === terms.reference && c.mou.id !== draft[0]?.mou.id);
  const after: PolicySnapshot = {
    revision: current.revision,
    clauses: [...current.clauses.filter((c) => c.mou.reference !== terms.reference), ...draft.map((c) => inForceNow(c, now))],
  };
  const involved = [...draft, ...replaced];
  const roles = [...new Set(involved.flatMap((c) => c.recipientRoles))].sort();
  const purposes = [...new Set(involved.flatMap((c) => c.purposes))].sort();
  const audiences: ImpactAudience[] = [];
  for (const role of roles) {
    for (const purpose of purposes) {
      // Only pairs some clause of the draft or its predecessor serves: others cannot change.
      if (!involved.some((c) => c.recipientRoles.includes(role) && c.purposes.includes(purpose))) continue;
      const key: PolicyKey = { agencyCode: terms.recipientAgencyCode, roles: [role], purpose, hasCaseReference: true };
      audiences.push({ role, purpose, before: buildPolicy(current, key, now), after: buildPolicy(after, key, now) });
    }
  }
  const named = new Set(involved.map((c) => c.subjectType));
  return {
    providerAgencyCode: terms.providerAgencyCode,
    recipientAgencyCode: terms.recipientAgencyCode,
    reference: terms.reference,
    replaced,
    audiences,
    subjects: SUBJECT_TYPES.filter((s) => named.has(s)),
  };
}

/** Fields clauses of `provider` grant on `subject` in a built policy (what the recipient can be shown at all). */
export function fieldsGrantedBy(built: BuiltPolicy, subject: SubjectType, providerAgencyCode: string): Set<string> {
  const fields = new Set<string>();
  for (const clause of built.clauses.values()) {
    if (clause.subjectType === subject && clause.mou.providerAgencyCode === providerAgencyCode) {
      for (const field of clause.fields) fields.add(field);
    }
  }
  return fields;
}
