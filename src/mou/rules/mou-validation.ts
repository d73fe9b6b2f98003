import { ONWARD_DISCLOSURES, PURPOSES, TLPS } from '../../domain/enums.js';
import { clauseShapeProblems } from '../../policies/compile-clause.js';
import type { ClauseTerms, ClauseVocabulary, WrittenClause } from '../../policies/clause.js';
import { OWNER_FIELD, PRISONER_PREFIX } from '../../policies/subjects.js';

/**
 * Validation of an MoU and its clauses when they are written (issue 3, item 2), so that
 * what is signed is exactly what the policy engine will enforce. It reuses the compiler's
 * own checks (`clauseShapeProblems`: known subject and fields, no statutory exclusion, the
 * condition language of docs/architecture.md §2.4) and adds the lifecycle rules: purposes within
 * the MoU's, roles that exist at the recipient, provider ≠ recipient. Every problem is
 * reported, each naming the clause (position and label) and the offending part.
 */

export interface MouProblem {
  /** Position of the clause in the MoU (0-based), or null for a problem with the MoU's terms. */
  position: number | null;
  /** Label of the clause, as written. */
  clause: string | null;
  /** The offending part, e.g. `fields.religion`, `purposes[1]`, `validUntil`. */
  path: string;
  message: string;
}

/** The terms of an MoU version as drafted. */
export interface MouTermsDraft {
  reference: string;
  title: string;
  providerAgencyCode: string;
  recipientAgencyCode: string;
  legalBasis: string;
  purposes: readonly string[];
  validFrom: Date;
  validUntil: Date | null;
}

/**
 * One clause as drafted: the compiler's clause terms without ids and MoU, in words not yet
 * checked (the validator checks them). Every default is filled in: no quota is null.
 */
export type ClauseDraft = ClauseTerms<ClauseVocabulary> & { dailyRecordQuota: number | null };

/** A clause as an API caller writes it (`MouClauseInput`): the written terms, with the defaulted ones optional. */
export type ClauseInput = Omit<WrittenClause<ClauseVocabulary>, 'conditions' | 'onwardDisclosure' | 'caseReferenceRequired' | 'dailyRecordQuota'> & {
  conditions?: Record<string, unknown> | null;
  onwardDisclosure?: string | null;
  caseReferenceRequired?: boolean | null;
  dailyRecordQuota?: number | null;
};

/** A change to a clause (`MouClausePatch`): absent parts stay as they are; `conditions: null` removes the conditions. */
export type ClausePatch = { [K in keyof ClauseInput]?: ClauseInput[K] | null };

/** Agencies by code, with the roles defined for each (agency_role). */
export type AgencyRoles = ReadonlyMap<string, ReadonlySet<string>>;

export const MOU_LIMITS = {
  title: 300, legalBasis: 2_000, label: 200, reference: 100, clauses: 50, retentionDays: 3_650,
  dailyRecordQuota: 10_000_000,
};

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const REFERENCE_SUFFIX = /^[A-Z0-9][A-Z0-9-]*$/;

/**
 * A reference says who shares with whom: `MOU-<PROVIDER>-<RECIPIENT>-<suffix>`. This keeps
 * references unique per pair of parties, so that choosing one can never reveal an MoU
 * between other agencies.
 */
export const referencePrefix = (provider: string, recipient: string): string => `MOU-${provider}-${recipient}-`;

export function describeProblem(problem: MouProblem): string {
  const where = problem.position === null ? 'MoU' : `clause ${problem.position + 1} "${problem.clause ?? ''}"`;
  return `${where}: ${problem.path}: ${problem.message}`;
}

function textProblem(value: unknown, max: number, multiline = false): string | null {
  if (typeof value !== 'string' || value.trim() === '') return 'must not be empty';
  if (value.length > max) return `longer than ${max} characters`;
  if (CONTROL_CHARACTERS.test(value) || (!multiline && /[\n\r\t]/.test(value))) return 'contains control characters';
  return null;
}

function listProblems(
  values: readonly string[], path: string, known: readonly string[] | ReadonlySet<string>, unknown: (value: string) => string,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (values.length === 0) problems.push({ path, message: 'must name at least one' });
  const has = (value: string) => (Array.isArray(known) ? known.includes(value) : (known as ReadonlySet<string>).has(value));
  values.forEach((value, i) => {
    if (!has(value)) problems.push({ path: `${path}[${i}]`, message: unknown(value) });
    else if (values.indexOf(value) !== i) problems.push({ path: `${path}[${i}]`, message: `"${value}" is listed twice` });
  });
  return problems;
}

const validDate = (date: Date | null): boolean => date !== null && !Number.isNaN(date.getTime());

/** Problems with the MoU's own terms (not its clauses). */
export function termsProblems(terms: MouTermsDraft, agencies: AgencyRoles): MouProblem[] {
  const problems: { path: string; message: string }[] = [];
  const { providerAgencyCode: provider, recipientAgencyCode: recipient } = terms;
  if (!agencies.has(provider)) problems.push({ path: 'provider', message: `unknown agency "${provider}"` });
  if (!agencies.has(recipient)) problems.push({ path: 'recipient', message: `unknown agency "${recipient}"` });
  if (provider === recipient) {
    problems.push({ path: 'recipient', message: 'an MoU is between two agencies: the recipient must differ from the provider' });
  }
  const prefix = referencePrefix(provider, recipient);
  if (!terms.reference.startsWith(prefix) || !REFERENCE_SUFFIX.test(terms.reference.slice(prefix.length))) {
    problems.push({ path: 'reference', message: `must read ${prefix}<suffix> (capitals, digits and dashes), e.g. ${prefix}01` });
  } else if (terms.reference.length > MOU_LIMITS.reference) {
    problems.push({ path: 'reference', message: `longer than ${MOU_LIMITS.reference} characters` });
  }
  const title = textProblem(terms.title, MOU_LIMITS.title);
  if (title) problems.push({ path: 'title', message: title });
  const legalBasis = textProblem(terms.legalBasis, MOU_LIMITS.legalBasis, true);
  if (legalBasis) problems.push({ path: 'legalBasis', message: legalBasis === 'must not be empty' ? 'must state the legal basis of the sharing' : legalBasis });
  problems.push(...listProblems(terms.purposes, 'purposes', PURPOSES, (p) => `unknown purpose "${p}"`));
  if (!validDate(terms.validFrom)) problems.push({ path: 'validFrom', message: 'must be a date and time' });
  if (terms.validUntil !== null) {
    if (!validDate(terms.validUntil)) problems.push({ path: 'validUntil', message: 'must be a date and time, or null for no end' });
    else if (validDate(terms.validFrom) && terms.validUntil.getTime() <= terms.validFrom.getTime()) {
      problems.push({ path: 'validUntil', message: `must be after validFrom (${terms.validFrom.toISOString()})` });
    }
  }
  return problems.map((p) => ({ position: null, clause: null, ...p }));
}

/** Problems with one clause, in the context of its MoU's terms. */
export function clauseProblems(
  clause: ClauseDraft, position: number, terms: MouTermsDraft, agencies: AgencyRoles, now: Date,
): MouProblem[] {
  const problems: { path: string; message: string }[] = [];
  const label = textProblem(clause.label, MOU_LIMITS.label);
  if (label) problems.push({ path: 'label', message: label });

  for (const shape of clauseShapeProblems(clause, now)) {
    problems.push(ownershipTest(shape.path) ? { path: shape.path, message: OWNERSHIP_MESSAGE } : shape);
  }
  clause.fields.forEach((field, i) => {
    if (clause.fields.indexOf(field) !== i) problems.push({ path: `fields.${field}`, message: `"${field}" is listed twice` });
  });

  problems.push(...listProblems(clause.purposes, 'purposes', PURPOSES, (p) => `unknown purpose "${p}"`));
  clause.purposes.forEach((purpose, i) => {
    if ((PURPOSES as readonly string[]).includes(purpose) && !terms.purposes.includes(purpose)) {
      problems.push({ path: `purposes[${i}]`, message: `${purpose} is not one of the MoU's purposes (${terms.purposes.join(', ') || 'none'})` });
    }
  });

  const recipientRoles = agencies.get(terms.recipientAgencyCode);
  problems.push(...listProblems(
    clause.recipientRoles, 'recipientRoles', recipientRoles ?? new Set<string>(),
    (role) => `${terms.recipientAgencyCode} has no role "${role}"`,
  ));

  if (!(TLPS as readonly string[]).includes(clause.maxTlp)) {
    problems.push({ path: 'maxTlp', message: `"${clause.maxTlp}" is not one of ${TLPS.join(', ')}` });
  }
  if (!(ONWARD_DISCLOSURES as readonly string[]).includes(clause.onwardDisclosure)) {
    problems.push({ path: 'onwardDisclosure', message: `"${clause.onwardDisclosure}" is not one of ${ONWARD_DISCLOSURES.join(', ')}` });
  }
  if (!Number.isInteger(clause.retentionDays) || clause.retentionDays < 1 || clause.retentionDays > MOU_LIMITS.retentionDays) {
    problems.push({ path: 'retentionDays', message: `must be a whole number of days from 1 to ${MOU_LIMITS.retentionDays} (LED Art. 5: a retention limit)` });
  }
  if (typeof clause.caseReferenceRequired !== 'boolean') {
    problems.push({ path: 'caseReferenceRequired', message: 'must be true or false' });
  }
  const quota = clause.dailyRecordQuota;
  if (quota !== null && (!Number.isInteger(quota) || quota < 1 || quota > MOU_LIMITS.dailyRecordQuota)) {
    problems.push({ path: 'dailyRecordQuota', message: `must be a whole number of records from 1 to ${MOU_LIMITS.dailyRecordQuota}, or null for no quota` });
  }
  return problems.map((p) => ({ position, clause: typeof clause.label === 'string' ? clause.label : null, ...p }));
}

/**
 * A clause never reaches records its provider does not own: the compiler pins the owner
 * column to the provider, and no condition may test ownership (it could only try to widen
 * or confuse that scope).
 */
const OWNERSHIP_MESSAGE = 'conditions may not test record ownership: a clause covers only records its provider owns';
const ownershipTest = (path: string): boolean =>
  path.endsWith(`.${OWNER_FIELD}`) || path.endsWith(`.${PRISONER_PREFIX}${OWNER_FIELD}`);

/**
 * Every problem of an MoU version: its terms, each clause, and labels unique within it (so
 * that every explanation and error names a clause unambiguously). `forSubmission` adds what
 * only a text offered for signature must satisfy: at least one clause, and a validity that
 * has not already ended.
 */
export function mouProblems(
  terms: MouTermsDraft,
  clauses: readonly ClauseDraft[],
  agencies: AgencyRoles,
  now: Date,
  options: { forSubmission?: boolean } = {},
): MouProblem[] {
  const problems = termsProblems(terms, agencies);
  if (clauses.length > MOU_LIMITS.clauses) {
    problems.push({ position: null, clause: null, path: 'clauses', message: `at most ${MOU_LIMITS.clauses} clauses` });
  }
  clauses.forEach((clause, position) => {
    problems.push(...clauseProblems(clause, position, terms, agencies, now));
    const first = clauses.findIndex((other) => sameLabel(other.label, clause.label));
    if (first !== position) {
      problems.push({ position, clause: clause.label, path: 'label', message: `the same label as clause ${first + 1}; labels must be unique within an MoU` });
    }
  });
  if (options.forSubmission) {
    if (clauses.length === 0) problems.push({ position: null, clause: null, path: 'clauses', message: 'an MoU must have at least one clause' });
    if (terms.validUntil !== null && terms.validUntil.getTime() <= now.getTime()) {
      problems.push({ position: null, clause: null, path: 'validUntil', message: `${terms.validUntil.toISOString()} has already passed` });
    }
  }
  return problems;
}

export const sameLabel = (a: string, b: string): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
