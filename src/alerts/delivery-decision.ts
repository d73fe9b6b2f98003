import type { Purpose, RiskLevel } from '../domain/enums.js';
import type { PolicyKey } from '../policies/build-policy.js';
import type { CompiledPolicy, RowDecision } from '../policies/compiled-policy.js';
import { alertEventId, alertTypeOf, type AlertEvent, type FeedChange } from './alert-event.js';
import type { PolicyImage } from './policy-image.js';

/**
 * Policy at delivery, not at subscription (issue 14, item 4). Pure: given the recipient's
 * CURRENT compiled policy and one change with its before/after images, says whether the
 * recipient is told, as what, and under which clauses.
 *
 * - Sees the record after the change → the typed event (alertTypeOf), if the change touched a
 *   field the recipient may see or brought the record into its view; a change only to fields
 *   it may not see is not announced (the announcement itself would tell of them).
 * - Saw it before, does not see it after (withdrawn, moved out of a clause's window, flag
 *   closed, …) → NO_LONGER_SHARED, under the clauses that allowed it before.
 * - Otherwise nothing.
 */

/** Who receives: the identity a subscription or a webhook endpoint acts under. */
export interface Recipient {
  agencyCode: string;
  roles: readonly string[];
  purpose: Purpose | null;
  caseReference: string | null;
}

export const policyKeyOf = (recipient: Recipient): PolicyKey => ({
  agencyCode: recipient.agencyCode,
  roles: recipient.roles,
  purpose: recipient.purpose,
  hasCaseReference: recipient.caseReference !== null,
});

/** What a filter may test besides the event itself — only values the recipient may see. */
export interface DeliveryFacts {
  /** A risk flag's severity, when the recipient may see it. */
  severity: RiskLevel | null;
  /** The record's own release date (prisoner, release plan), when the recipient may see it. */
  expectedReleaseDate: string | null;
}

export type Delivery =
  | { deliver: true; event: AlertEvent; clauseIds: readonly string[]; facts: DeliveryFacts }
  | { deliver: false; reason: 'NOT_VISIBLE' | 'NOTHING_VISIBLE_CHANGED' | 'NO_IMAGE' };

const NOT_VISIBLE = { deliver: false, reason: 'NOT_VISIBLE' } as const;

/** The policy's decision on an image; a withdrawn record, or an image the policy cannot decide on, is not readable (fail closed). */
export function decideImage(policy: CompiledPolicy, change: Pick<FeedChange, 'subject'>, image: PolicyImage | null): RowDecision | null {
  if (!image || image.withdrawn) return null;
  try {
    const decision = policy.decide(change.subject, image);
    return decision.readable ? decision : null;
  } catch {
    return null;
  }
}

const visibleString = (decision: RowDecision, image: PolicyImage, field: string): string | null => {
  const value = image[field];
  return decision.fields.has(field) && typeof value === 'string' ? value : null;
};

export function decideDelivery(policy: CompiledPolicy, change: FeedChange): Delivery {
  if (!change.after) return { deliver: false, reason: 'NO_IMAGE' };
  const after = decideImage(policy, change, change.after);
  const before = change.change === 'CREATE' ? null : decideImage(policy, change, change.before);
  const image = after ? change.after : change.before;
  // A record's prisoner is named only to a recipient who may see that prisoner (as a query
  // withholds a flag's `prisoner`): otherwise the event would link a shared flag to a person.
  const prisonerId = change.subject === 'Prisoner'
    ? change.recordId
    : change.prisonerId && decideImage(policy, { subject: 'Prisoner' }, image?.prisoner ?? null) ? change.prisonerId : null;
  const base = {
    id: alertEventId(change.position), position: change.position, change: change.change, subject: change.subject,
    recordId: change.recordId, prisonerId, occurredAt: change.occurredAt,
  };
  if (!after) {
    if (!before) return NOT_VISIBLE;
    return {
      deliver: true,
      event: { ...base, type: 'NO_LONGER_SHARED', fields: [] },
      clauseIds: before.clauseIds,
      facts: { severity: null, expectedReleaseDate: null },
    };
  }
  const fields = change.fields.filter((field) => after.fields.has(field));
  if (change.change !== 'CREATE' && before && fields.length === 0) return { deliver: false, reason: 'NOTHING_VISIBLE_CHANGED' };
  return {
    deliver: true,
    event: { ...base, type: alertTypeOf(change, after.fields), fields },
    clauseIds: after.clauseIds,
    facts: {
      severity: change.subject === 'RiskFlag' ? visibleString(after, change.after, 'severity') as RiskLevel | null : null,
      expectedReleaseDate: visibleString(after, change.after, 'expectedReleaseDate'),
    },
  };
}
