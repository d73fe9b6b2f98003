import type { AlertEvent, AlertType } from '../alerts/index.js';

/**
 * What a webhook receives: minimal by default (issue 14, item 3) — the event's id, type,
 * subject, record id, prisoner id and time, never the record's content. The receiver pulls
 * content through the ordinary query, where policy, masking and the disclosure log apply.
 *
 * Event ids are stable: `evt_<feed position>` for a record change (the alerts core's id — the
 * same on every retry, after a restart and on a subscription), `ntc_<notice id>` for a
 * correction notice and `ntc_<notice id>_escalated` for its re-sending; a receiver
 * deduplicates by `webhook-id`.
 */
export const NOTICE_EVENT_TYPES = ['CORRECTION_NOTICE', 'WITHDRAWAL_NOTICE', 'NOTICE_ESCALATED'] as const;
export type NoticeEventType = (typeof NOTICE_EVENT_TYPES)[number];
export type WebhookEventType = AlertType | NoticeEventType;

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

export const webhookEventOf = (event: AlertEvent): WebhookEvent => ({
  id: event.id,
  type: event.type,
  subject: event.subject,
  recordId: event.recordId,
  prisonerId: event.prisonerId,
  time: event.occurredAt.toISOString(),
});
