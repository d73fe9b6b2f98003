import type { ChangeEvent } from '../feed/change-feed.js';

/**
 * What a webhook receives: minimal by default (issue 14, item 3) — the event's id, type,
 * subject, record id, prisoner id and time, never the record's content. The receiver pulls
 * content through the ordinary query, where policy, masking and the disclosure log apply.
 *
 * Event ids are stable: `evt_<feed position>` for a record change (the same id on every retry
 * and after a restart, so a receiver deduplicates by `webhook-id`), `ntc_<notice id>` for a
 * correction notice, `ntc_<notice id>_escalated` for its re-sending.
 */
export const RECORD_EVENT_TYPES = ['record.created', 'record.updated', 'record.corrected', 'record.no_longer_shared'] as const;
export const NOTICE_EVENT_TYPES = ['notice.correction', 'notice.withdrawal', 'notice.escalated'] as const;
export type WebhookEventType = (typeof RECORD_EVENT_TYPES)[number] | (typeof NOTICE_EVENT_TYPES)[number];

export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  subject: string;
  recordId: string;
  prisonerId: string | null;
  /** ISO 8601: when the change was committed. */
  time: string;
  /** Correction notices only: the notice to acknowledge (`acknowledgeNotice`). */
  noticeId?: string;
}

export const recordEventId = (position: number): string => `evt_${position}`;

export function recordEvent(change: ChangeEvent, type: WebhookEventType): WebhookEvent {
  return {
    id: recordEventId(change.position),
    type,
    subject: change.subject,
    recordId: change.recordId,
    prisonerId: change.prisonerId,
    time: change.occurredAt.toISOString(),
  };
}

/** The type a change has for a recipient that sees the record after it. */
export function visibleChangeType(change: ChangeEvent['change']): WebhookEventType | null {
  switch (change) {
    case 'CREATE': return 'record.created';
    case 'UPDATE': return 'record.updated';
    case 'CORRECTION': return 'record.corrected';
    case 'WITHDRAWAL': return null; // a withdrawn record is seen by nobody: no_longer_shared for those who saw it
  }
}
