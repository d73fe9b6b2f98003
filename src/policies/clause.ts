import type { MouStatus, OnwardDisclosure, Purpose, Tlp } from '../domain/enums.js';

/** The MoU a clause belongs to, as far as the policy needs it. */
export interface MouTerms {
  id: string;
  reference: string;
  version: number;
  providerAgencyCode: string;
  recipientAgencyCode: string;
  purposes: readonly Purpose[];
  status: MouStatus;
  validFrom: Date;
  validUntil: Date | null;
}

/**
 * The words a clause's terms are written in: checked (the enumerations of the domain) once a
 * clause is stored, any text while it is a draft, a document or an API input not yet validated.
 */
export interface ClauseVocabulary {
  purpose: string;
  tlp: string;
  onward: string;
}
export interface CheckedVocabulary extends ClauseVocabulary {
  purpose: Purpose;
  tlp: Tlp;
  onward: OnwardDisclosure;
}

/**
 * The terms of one clause: what it grants (a subject, its fields, the rows its conditions
 * select, up to a TLP), to whom (roles at the recipient), why (purposes) and on what terms
 * (onward disclosure, retention, case reference, daily quota). The one clause shape: the
 * stored clause the compiler reads (`Clause`), the entity (`MouClauseEntity`), the draft the
 * validator checks (`ClauseDraft`), the signed document (`ClauseDocument`) and the GraphQL
 * types (`MouClause`, `MouClauseInput`, `MouClausePatch`) all derive from it. See
 * docs/architecture.md §2.2.
 */
export interface ClauseTerms<V extends ClauseVocabulary = CheckedVocabulary> {
  label: string;
  /** The subject (a name of the subject catalogue); called `subject` where the parties write it. */
  subjectType: string;
  fields: readonly string[];
  /** JSON in the condition language, or null for every record of the provider; validated again when compiled. */
  conditions: unknown;
  purposes: readonly V['purpose'][];
  recipientRoles: readonly string[];
  maxTlp: V['tlp'];
  onwardDisclosure: V['onward'];
  retentionDays: number;
  caseReferenceRequired: boolean;
  /**
   * Most records the recipient agency may receive under this clause per UTC day, against
   * bulk extraction; absent or null: no quota. Enforced by limits/daily-record-quota.ts.
   */
  dailyRecordQuota?: number | null;
}

/**
 * A clause as the parties write it — the signed YAML document, the API's inputs and views:
 * the same terms, with `subject` for `subjectType`.
 */
export type WrittenClause<V extends ClauseVocabulary = CheckedVocabulary> = Omit<ClauseTerms<V>, 'subjectType'> & { subject: string };

/** One clause of an MoU in force or in preparation: plain data, as stored; the compiler turns it into CASL rules. */
export interface Clause extends ClauseTerms {
  id: string;
  mou: MouTerms;
}

/**
 * Whether the clause's MoU grants access at `now`: ACTIVE (docs/architecture.md §2.3 rule 2) and within
 * its validity window — an MoU whose `validUntil` has passed grants nothing even before its
 * status is moved to EXPIRED.
 */
export function isInForce(mou: MouTerms, now: Date): boolean {
  const t = now.getTime();
  return mou.status === 'ACTIVE'
    && mou.validFrom.getTime() <= t
    && (mou.validUntil === null || t < mou.validUntil.getTime());
}

/** The reason string a clause's rules carry, and how to read the clause id back from it. */
export const clauseReason = (clauseId: string): string => `clause:${clauseId}`;
export const clauseIdOf = (reason: string | undefined): string | undefined =>
  reason?.startsWith('clause:') ? reason.slice('clause:'.length) : undefined;
