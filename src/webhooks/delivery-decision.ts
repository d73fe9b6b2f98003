import type { EntityManager } from 'typeorm';
import type { Purpose } from '../domain/enums.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import { loadRecordForPolicy } from '../enforcement/subject-entities.js';
import type { ChangeEvent } from '../feed/change-feed.js';
import { SUBJECT_TYPES, type SubjectType } from '../policies/subjects.js';

/**
 * Policy at delivery, not at registration (issue 14, item 4): whether an event reaches a
 * recipient is decided when the event is delivered, from the recipient's *current* ability —
 * agency, roles, purpose, case reference — over the record *after* the change.
 */
export interface Recipient {
  agencyCode: string;
  roles: readonly string[];
  purpose: Purpose;
  hasCaseReference: boolean;
}

export type Verdict =
  | { kind: 'DELIVER'; clauseIds: readonly string[] }
  /** The record left the recipient's view (it saw the record before). */
  | { kind: 'NO_LONGER_SHARED' }
  | { kind: 'NONE' };

/**
 * Decides one event for one recipient. `sawBefore` says whether this recipient was told of
 * the record before (its last event about it was not NO_LONGER_SHARED).
 *
 * The seam with the alerts core (src/alerts, issue 14 item 4), which computes the same
 * decision for subscriptions; `policyDecision` below is the webhook side's own implementation.
 */
export interface DeliveryDecision {
  decide(recipient: Recipient, event: ChangeEvent, sawBefore: boolean): Promise<Verdict>;
}

const isSubject = (subject: string): subject is SubjectType => (SUBJECT_TYPES as readonly string[]).includes(subject);

/**
 * The decision from the gateway's policy: the record as it is now, loaded once per event and
 * per pass, judged by the recipient's compiled policy exactly as a read would judge it (a
 * withdrawn record is seen by no one; a subject gated behind a case reference the endpoint
 * lacks is not seen).
 */
export function policyDecision(policies: PolicySource, manager: () => EntityManager): DeliveryDecision & { forget(): void } {
  const rows = new Map<string, Promise<Record<string, unknown> | null>>();
  return {
    forget: () => rows.clear(),
    async decide(recipient, event, sawBefore) {
      if (!isSubject(event.subject)) return { kind: 'NONE' };
      const key = `${event.subject}:${event.recordId}`;
      let row = rows.get(key);
      if (!row) rows.set(key, row = loadRecordForPolicy(manager(), event.subject, event.recordId));
      const record = await row;
      const policy = await policies.policyFor({
        agencyCode: recipient.agencyCode, roles: [...recipient.roles].sort(), purpose: recipient.purpose, hasCaseReference: recipient.hasCaseReference,
      });
      const visible = record !== null && record.withdrawnAt == null
        && (record.ownerAgencyCode === recipient.agencyCode || policy.gate(event.subject) === null)
        && policy.decide(event.subject, record).readable;
      if (visible) return { kind: 'DELIVER', clauseIds: policy.decide(event.subject, record).clauseIds };
      return sawBefore ? { kind: 'NO_LONGER_SHARED' } : { kind: 'NONE' };
    },
  };
}
