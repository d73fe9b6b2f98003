import { tlpsUpTo, type Tlp } from '../domain/enums.js';
import { asSubject, createLiaisonAbility } from './ability.js';
import { buildPolicy, type PolicyKey, type PolicySnapshot } from './build-policy.js';
import { clauseIdOf, isInForce, type Clause } from './clause.js';
import { compileClause } from './compile-clause.js';
import { CompiledPolicy } from './compiled-policy.js';
import { normaliseConditions } from './condition-language.js';
import { roleReason } from './role-matrix.js';
import { isStatutoryField, STATUTORY_REASON } from './statutory-exclusions.js';
import { OWNER_FIELD, SUBJECTS, type SubjectType } from './subjects.js';

/**
 * Why a caller of some agency, with some roles and purpose, may or may not read a record
 * (or one field of it), and which clause, role rule or statutory exclusion decided it
 * (issue 3, item 5). Built from the very ability a request would get (`buildPolicy`), so the
 * explanation cannot drift from the decision.
 *
 * An explanation carries no field values. What it does reveal — whether the record matches a
 * clause — is itself information about the record, so the service decides who gets a full
 * explanation and who gets `explainWithoutRecord`, which depends on nothing but the policy.
 */

export const ACCESS_REASON_KINDS = [
  'CLAUSE', 'ROLE', 'STATUTORY_EXCLUSION', 'NO_GRANT', 'PURPOSE_REQUIRED', 'CASE_REFERENCE_REQUIRED',
] as const;
export type AccessReasonKind = (typeof ACCESS_REASON_KINDS)[number];

export interface AccessReason {
  kind: AccessReasonKind;
  clause: Clause | null;
  role: string | null;
  message: string;
}

/** What one clause addressed to the agency does for this record, first failing test first. */
export const CLAUSE_VERDICT_KINDS = [
  'GRANTS', 'FIELD_NOT_GRANTED', 'NOT_IN_FORCE', 'ROLE_NOT_NAMED', 'PURPOSE_REQUIRED', 'PURPOSE_NOT_NAMED',
  'CASE_REFERENCE_REQUIRED', 'REJECTED', 'OTHER_PROVIDER', 'TLP_ABOVE_MAXIMUM', 'CONDITIONS_NOT_MET', 'NOT_DISCLOSED',
] as const;
export type ClauseVerdictKind = (typeof CLAUSE_VERDICT_KINDS)[number];

export interface ClauseVerdict {
  clause: Clause;
  verdict: ClauseVerdictKind;
  message: string;
}

export interface AccessExplanation {
  allowed: boolean;
  /** Whether the record itself is readable (a field may still be withheld). */
  recordReadable: boolean;
  /** The reasons that decided: the granting clauses or role rules, or why nothing granted. */
  decidedBy: AccessReason[];
  /** Every clause in force addressed to the agency for this kind of record, with its verdict. */
  considered: ClauseVerdict[];
  /** Fields of the record the caller could read (empty when the record is not readable). */
  readableFields: string[];
  /** Clauses whose rules match the record when it is readable (`decide(...).clauseIds`): what a read would log. */
  clauseIds: string[];
  summary: string;
}

export interface ExplanationQuestion {
  snapshot: PolicySnapshot;
  key: PolicyKey;
  now: Date;
  subject: SubjectType;
  field: string | null;
}

const who = (key: PolicyKey): string =>
  `${key.agencyCode} (${key.roles.join(', ') || 'no role'}${key.purpose ? `, purpose ${key.purpose}` : ', no purpose'})`;

const clauseName = (clause: Clause): string => `clause "${clause.label}" of ${clause.mou.reference} v${clause.mou.version}`;

/** The verdicts that depend only on the policy, not on the record. */
function policyVerdict(clause: Clause, key: PolicyKey, now: Date): ClauseVerdict | null {
  const { mou } = clause;
  if (!isInForce(mou, now)) {
    return { clause, verdict: 'NOT_IN_FORCE', message: `${mou.reference} v${mou.version} is not in force at ${now.toISOString()}` };
  }
  if (!clause.recipientRoles.some((role) => key.roles.includes(role))) {
    return { clause, verdict: 'ROLE_NOT_NAMED', message: `the clause is for ${clause.recipientRoles.join(', ')}` };
  }
  if (key.purpose === null) {
    return { clause, verdict: 'PURPOSE_REQUIRED', message: `a purpose must be declared (${clause.purposes.join(', ')})` };
  }
  if (!clause.purposes.includes(key.purpose) || !mou.purposes.includes(key.purpose)) {
    return { clause, verdict: 'PURPOSE_NOT_NAMED', message: `the clause serves ${clause.purposes.join(', ')}, not ${key.purpose}` };
  }
  if (clause.caseReferenceRequired && !key.hasCaseReference) {
    return { clause, verdict: 'CASE_REFERENCE_REQUIRED', message: 'the clause requires a case reference on the request' };
  }
  const compiled = compileClause(clause, now);
  if (!compiled.ok) {
    return { clause, verdict: 'REJECTED', message: `the clause cannot be compiled and grants nothing: ${compiled.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}` };
  }
  return null;
}

/** The clauses addressed to the asked-about agency for this kind of record. */
const candidates = (q: ExplanationQuestion): Clause[] =>
  q.snapshot.clauses.filter((c) => c.subjectType === q.subject && c.mou.recipientAgencyCode === q.key.agencyCode);

/**
 * The full explanation for a loaded record (`row` must carry every column the rules test,
 * with the owning prisoner under `prisoner` for records that belong to one).
 */
export function explainRecordAccess(q: ExplanationQuestion & { row: Record<string, unknown> }): AccessExplanation {
  const built = buildPolicy(q.snapshot, q.key, q.now);
  const policy = new CompiledPolicy(built);
  const tagged = asSubject(q.subject, q.row);
  const decision = policy.decide(q.subject, q.row);
  const owner = q.row[OWNER_FIELD] as string;
  const own = owner === q.key.agencyCode;
  const field = q.field;
  const allowed = decision.readable && (field === null || decision.fields.has(field));

  const considered: ClauseVerdict[] = own ? [] : candidates(q).map((clause) => {
    const verdict = policyVerdict(clause, q.key, q.now);
    if (verdict) return verdict;
    if (owner !== clause.mou.providerAgencyCode) {
      return { clause, verdict: 'OTHER_PROVIDER', message: `the record belongs to ${owner}; the clause covers only records of ${clause.mou.providerAgencyCode}` };
    }
    if (!tlpsUpTo(clause.maxTlp).includes(q.row.tlp as Tlp)) {
      return { clause, verdict: 'TLP_ABOVE_MAXIMUM', message: `the record is marked ${String(q.row.tlp)}, above the clause's maximum ${clause.maxTlp}` };
    }
    const { conditions } = normaliseConditions(q.subject, clause.conditions, q.now);
    if (conditions && !createLiaisonAbility([{ action: 'read', subject: q.subject, conditions }]).can('read', tagged)) {
      return { clause, verdict: 'CONDITIONS_NOT_MET', message: `the record does not meet the clause's conditions ${JSON.stringify(clause.conditions)}` };
    }
    if (field !== null && !clause.fields.includes(field) && !SUBJECTS[q.subject].alwaysVisible.includes(field)) {
      return { clause, verdict: 'FIELD_NOT_GRANTED', message: `the clause covers the record but does not grant ${field}` };
    }
    return { clause, verdict: 'GRANTS', message: `the clause grants ${field ?? 'the record'}` };
  });

  const decidedBy: AccessReason[] = [];
  if (allowed) {
    const rules = built.ability.possibleRulesFor('read', q.subject);
    for (const rule of rules) {
      if (rule.inverted || !rule.matchesConditions(tagged)) continue;
      if (field !== null && !SUBJECTS[q.subject].alwaysVisible.includes(field) && !rule.matchesField(field)) continue;
      const clause = built.clauses.get(clauseIdOf(rule.reason) ?? '') ?? null;
      const role = rule.reason?.startsWith('role:') ? rule.reason.slice('role:'.length) : null;
      if (clause) decidedBy.push({ kind: 'CLAUSE', clause, role: null, message: `granted by ${clauseName(clause)}` });
      else if (role) decidedBy.push({ kind: 'ROLE', clause: null, role, message: `granted to ${role} on ${q.key.agencyCode}'s own records (${roleReason(role)})` });
    }
  } else {
    const gate = built.gates.get(q.subject);
    if (!decision.readable && !own && gate) {
      decidedBy.push({ kind: gate, clause: null, role: null, message: gate === 'PURPOSE_REQUIRED'
        ? `a clause shares ${q.subject} records with ${q.key.agencyCode} only for a declared purpose`
        : `the clauses sharing ${q.subject} records with ${q.key.agencyCode} require a case reference` });
    }
    if (field !== null && decision.readable) {
      const deciding = built.ability.relevantRuleFor('read', tagged, field);
      if (deciding?.inverted && deciding.reason === STATUTORY_REASON) {
        decidedBy.push({ kind: 'STATUTORY_EXCLUSION', clause: null, role: null, message: `${field} is a statutory exclusion: it never leaves ${owner}` });
      } else {
        decidedBy.push({ kind: 'NO_GRANT', clause: null, role: null, message: `no clause or role rule that covers this record grants ${field}` });
      }
    } else {
      if (decidedBy.length === 0) {
        decidedBy.push({ kind: 'NO_GRANT', clause: null, role: null, message: own
          ? `no role rule of ${rolesOf(q)} covers this record`
          : `no clause in force shares this record with ${who(q.key)}` });
      }
      if (field !== null && !own && isStatutoryField(q.subject, field)) {
        decidedBy.push({ kind: 'STATUTORY_EXCLUSION', clause: null, role: null, message: `${field} is a statutory exclusion: it never leaves ${owner}` });
      }
    }
  }

  const readableFields = decision.readable ? orderedFields(q.subject, decision.fields) : [];
  return {
    allowed, recordReadable: decision.readable, decidedBy, considered, readableFields, clauseIds: [...decision.clauseIds],
    summary: summarise(q, allowed, decidedBy),
  };
}

const rolesOf = (q: ExplanationQuestion): string => q.key.roles.join(', ') || 'no role';

/**
 * The explanation given when the asker may not learn anything about the record itself:
 * computed from the policy alone, so it reads the same for a record that exists but is not
 * shared and for one that does not exist (docs/architecture.md §2.3 rule 7). Clauses that would apply are
 * listed as NOT_DISCLOSED: whether the record meets them is not the asker's to know.
 */
export function explainWithoutRecord(q: ExplanationQuestion): AccessExplanation {
  const built = buildPolicy(q.snapshot, q.key, q.now);
  const considered = candidates(q).map((clause) => policyVerdict(clause, q.key, q.now) ?? {
    clause, verdict: 'NOT_DISCLOSED' as const, message: 'the clause could apply; whether it covers this record is not disclosed to you',
  });
  const gate = built.gates.get(q.subject);
  const decidedBy: AccessReason[] = gate
    ? [{ kind: gate, clause: null, role: null, message: gate === 'PURPOSE_REQUIRED' ? 'a purpose must be declared' : 'a case reference is required' }]
    : [{ kind: 'NO_GRANT', clause: null, role: null, message: `no clause in force shares this record with ${who(q.key)}, or there is no such record` }];
  if (q.field !== null && isStatutoryField(q.subject, q.field)) {
    decidedBy.push({ kind: 'STATUTORY_EXCLUSION', clause: null, role: null, message: `${q.field} is a statutory exclusion: no MoU can share it` });
  }
  return { allowed: false, recordReadable: false, decidedBy, considered, readableFields: [], clauseIds: [], summary: summarise(q, false, decidedBy) };
}

function orderedFields(subject: SubjectType, fields: ReadonlySet<string>): string[] {
  const catalogue = [...SUBJECTS[subject].fields, ...SUBJECTS[subject].alwaysVisible.filter((f) => !SUBJECTS[subject].fields.includes(f))];
  return catalogue.filter((f) => fields.has(f));
}

function summarise(q: ExplanationQuestion, allowed: boolean, reasons: readonly AccessReason[]): string {
  const target = q.field === null ? `this ${q.subject} record` : `${q.field} of this ${q.subject} record`;
  return `${allowed ? 'ALLOWED' : 'DENIED'}: ${who(q.key)} ${allowed ? 'may' : 'may not'} read ${target}: ${reasons.map((r) => r.message).join('; ')}`;
}
