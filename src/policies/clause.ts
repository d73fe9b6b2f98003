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

/** One clause of an MoU: plain data, as stored; the compiler turns it into CASL rules. */
export interface Clause {
  id: string;
  label: string;
  mou: MouTerms;
  subjectType: string;
  fields: readonly string[];
  /** Raw JSON in the condition language; validated again when compiled. */
  conditions: unknown;
  purposes: readonly Purpose[];
  recipientRoles: readonly string[];
  maxTlp: Tlp;
  onwardDisclosure: OnwardDisclosure;
  retentionDays: number;
  caseReferenceRequired: boolean;
  /**
   * Most records the recipient agency may receive under this clause per UTC day, against
   * bulk extraction; absent or null: no quota. Enforced by limits/daily-record-quota.ts.
   */
  dailyRecordQuota?: number | null;
}

/**
 * Whether the clause's MoU grants access at `now`: ACTIVE (ARCHITECTURE.md §3.2) and within
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
