import type { Purpose } from '../domain/enums.js';
import { createLiaisonAbility, type LiaisonAbility, type LiaisonRule } from './ability.js';
import { isInForce, type Clause } from './clause.js';
import { compileClause } from './compile-clause.js';
import type { ConditionProblem } from './condition-language.js';
import { ownAgencyRules } from './role-matrix.js';
import { STATUTORY_EXCLUSIONS, STATUTORY_REASON } from './statutory-exclusions.js';
import { OWNER_FIELD, SUBJECT_TYPES, type SubjectType } from './subjects.js';

/** Every clause of every MoU that could grant access, at one policy revision. */
export interface PolicySnapshot {
  revision: number;
  clauses: readonly Clause[];
}

/** Who is asking and why: everything an ability depends on besides the snapshot and the clock. */
export interface PolicyKey {
  agencyCode: string;
  roles: readonly string[];
  purpose: Purpose | null;
  hasCaseReference: boolean;
}

/** Why a subject's cross-agency data is out of reach for this request although a clause exists. */
export type Gate = 'PURPOSE_REQUIRED' | 'CASE_REFERENCE_REQUIRED';

export interface BuiltPolicy {
  key: PolicyKey;
  revision: number;
  ability: LiaisonAbility;
  rules: readonly LiaisonRule[];
  /** Clauses whose rules are in the ability, by id. */
  clauses: ReadonlyMap<string, Clause>;
  gates: ReadonlyMap<SubjectType, Gate>;
  /** Clauses that could not be compiled (rejected, fail closed), for the operator's log. */
  rejected: readonly { clauseId: string; problems: ConditionProblem[] }[];
  builtAt: number;
  /** Epoch ms after which this ability must not be used: ≤ 60 s, the next validity boundary, the next UTC midnight. */
  expiresAt: number;
}

export const ABILITY_MAX_AGE_MS = 60_000;

const nextUtcMidnight = (now: Date): number =>
  Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);

/**
 * The ability of docs/architecture.md §2.3 rule 2:
 *   own-agency rules(roles)
 *   ∪ rules of every clause in force now whose MoU names the caller's agency as recipient,
 *     whose purposes include the declared purpose and whose roles include one of the caller's
 *   ∪ statutory `cannot` rules on every other agency's records (highest priority).
 * Pure: the same snapshot, key and clock give the same ability.
 */
export function buildPolicy(snapshot: PolicySnapshot, key: PolicyKey, now: Date): BuiltPolicy {
  const rules: LiaisonRule[] = ownAgencyRules(key.agencyCode, key.roles);
  const clauses = new Map<string, Clause>();
  const gates = new Map<SubjectType, Gate>();
  const rejected: { clauseId: string; problems: ConditionProblem[] }[] = [];
  const needsCaseReference = new Set<SubjectType>();
  let expiresAt = Math.min(now.getTime() + ABILITY_MAX_AGE_MS, nextUtcMidnight(now));

  for (const clause of snapshot.clauses) {
    const { mou } = clause;
    if (mou.recipientAgencyCode !== key.agencyCode) continue;
    for (const boundary of [mou.validFrom.getTime(), mou.validUntil?.getTime()]) {
      if (boundary !== undefined && boundary > now.getTime()) expiresAt = Math.min(expiresAt, boundary);
    }
    if (!isInForce(mou, now)) continue;
    if (!clause.recipientRoles.some((role) => key.roles.includes(role))) continue;
    const subject = clause.subjectType as SubjectType;
    if (key.purpose === null) {
      gates.set(subject, 'PURPOSE_REQUIRED');
      continue;
    }
    if (!clause.purposes.includes(key.purpose) || !mou.purposes.includes(key.purpose)) continue;
    if (clause.caseReferenceRequired && !key.hasCaseReference) {
      needsCaseReference.add(subject);
      continue;
    }
    const compiled = compileClause(clause, now);
    if (!compiled.ok) {
      rejected.push({ clauseId: clause.id, problems: compiled.problems });
      continue;
    }
    rules.push(compiled.rule);
    clauses.set(clause.id, clause);
  }

  // A clause that needs a case reference is unusable without one; the request is refused
  // only when no other clause shares that subject, so the caller learns why it sees nothing.
  const usable = new Set([...clauses.values()].map((c) => c.subjectType));
  for (const subject of needsCaseReference) {
    if (!usable.has(subject) && !gates.has(subject)) gates.set(subject, 'CASE_REFERENCE_REQUIRED');
  }

  // Statutory exclusions last: the highest priority, whatever any clause says.
  for (const subject of SUBJECT_TYPES) {
    const fields = STATUTORY_EXCLUSIONS[subject];
    if (fields.length === 0) continue;
    rules.push({
      action: 'read',
      subject,
      fields: [...fields],
      conditions: { [OWNER_FIELD]: { $ne: key.agencyCode } },
      inverted: true,
      reason: STATUTORY_REASON,
    });
  }

  return {
    key,
    revision: snapshot.revision,
    ability: createLiaisonAbility(rules),
    rules,
    clauses,
    gates,
    rejected,
    builtAt: now.getTime(),
    expiresAt,
  };
}
