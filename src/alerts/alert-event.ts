import type { SubjectType } from '../policies/subjects.js';
import type { PolicyImage } from './policy-image.js';

/**
 * Alerts (issue 14): what an entitled recipient is told when a record changes. Minimal by
 * default — an event names the change, never its content; the recipient pulls content through
 * the ordinary query, where policy, masking and the disclosure log apply.
 */

/** The kind of change as the feed records it. */
export type ChangeKind = 'CREATE' | 'UPDATE' | 'CORRECTION' | 'WITHDRAWAL';

export const ALERT_TYPES = [
  'RECORD_CREATED',
  'RECORD_UPDATED',
  /** A release date (prisoner's or release plan's) moved later, or was set or cleared. */
  'RELEASE_DATE_CHANGED',
  /** A release date moved earlier: the case the recipients must act on at once. */
  'RELEASE_DATE_BROUGHT_FORWARD',
  /** The prisoner moved to another facility. */
  'TRANSFER',
  /** The prisoner is unlawfully at large. */
  'ESCAPE',
  /** The prisoner was recalled to custody. */
  'RECALL',
  /** The prisoner was released (on licence or outright). */
  'RELEASE',
  /** A risk flag was raised. */
  'NEW_FLAG',
  /** The owner corrected the record (LED Art. 16): what was disclosed before may be wrong. */
  'CORRECTION',
  /** The record left the recipient's view: withdrawn, or no clause shares it any more. */
  'NO_LONGER_SHARED',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** One change of the feed with the record's policy image before and after it. */
export interface FeedChange {
  position: number;
  subject: SubjectType;
  recordId: string;
  ownerAgencyCode: string;
  prisonerId: string | null;
  change: ChangeKind;
  /** The fields the change touched (names only). */
  fields: readonly string[];
  revision: number;
  occurredAt: Date;
  /** The record as the policy saw it before the change; null for a creation (or an event written before images existed). */
  before: PolicyImage | null;
  /** The record as the policy saw it after the change; null only for events written before images existed (nothing is delivered for them). */
  after: PolicyImage | null;
}

/** What a recipient is sent: ids, kinds and time — no content. */
export interface AlertEvent {
  /** Stable across redeliveries and processes: the same change always has the same id. */
  id: string;
  /** The change's position in the feed: resume after it. */
  position: number;
  type: AlertType;
  change: ChangeKind;
  subject: SubjectType;
  recordId: string;
  prisonerId: string | null;
  occurredAt: Date;
  /** The changed fields the recipient may see on the record (empty for NO_LONGER_SHARED). */
  fields: readonly string[];
}

const EVENT_ID_PREFIX = 'evt_';

export const alertEventId = (position: number): string => `${EVENT_ID_PREFIX}${position}`;

/** The feed position an event id names, or null when it is not an event id. */
export function positionOfEventId(id: string): number | null {
  if (!id.startsWith(EVENT_ID_PREFIX)) return null;
  const digits = id.slice(EVENT_ID_PREFIX.length);
  if (!/^\d{1,15}$/.test(digits)) return null;
  return Number(digits);
}

/** The release date a change concerns, when the subject carries one itself. */
const RELEASE_DATE_FIELD = 'expectedReleaseDate';

/**
 * The type of a change the recipient sees after it, from the images and the fields the
 * recipient may read on the record after the change: a type that rests on a field (a release
 * date brought forward, a transfer) is only given when that field is visible to the recipient,
 * otherwise the type would disclose what the clause withholds.
 */
export function alertTypeOf(change: FeedChange, visibleFields: ReadonlySet<string>): AlertType {
  if (change.change === 'CORRECTION') return 'CORRECTION';
  const before = change.before;
  const after = change.after;
  const changed = (field: string) => change.fields.includes(field) && visibleFields.has(field);
  if (change.subject === 'Prisoner' && changed('custodyStatus') && after) {
    const status = after.custodyStatus;
    if (status === 'UNLAWFULLY_AT_LARGE') return 'ESCAPE';
    if (status === 'RECALLED') return 'RECALL';
    if ((status === 'RELEASED' || status === 'RELEASED_ON_LICENCE') && before?.custodyStatus !== status) return 'RELEASE';
  }
  if (change.subject === 'Prisoner' && change.fields.includes('facility') && visibleFields.has('facility') && change.change === 'UPDATE') return 'TRANSFER';
  if ((change.subject === 'Prisoner' || change.subject === 'ReleasePlan') && changed(RELEASE_DATE_FIELD) && change.change === 'UPDATE') {
    const from = before?.[RELEASE_DATE_FIELD];
    const to = after?.[RELEASE_DATE_FIELD];
    return typeof from === 'string' && typeof to === 'string' && to < from ? 'RELEASE_DATE_BROUGHT_FORWARD' : 'RELEASE_DATE_CHANGED';
  }
  if (change.subject === 'RiskFlag' && change.change === 'CREATE') return 'NEW_FLAG';
  return change.change === 'CREATE' ? 'RECORD_CREATED' : 'RECORD_UPDATED';
}
