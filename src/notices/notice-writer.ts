import type { DataSource, EntityManager } from 'typeorm';
import { readChanges, type ChangeEvent } from '../feed/change-feed.js';
import { asQueryable } from '../webhooks/outbox-feeder.js';
import { queueDeliveries, type QueuedEvent } from '../webhooks/delivery-outbox.js';
import type { WebhookEvent } from '../webhooks/webhook-event.js';
import { agenciesThatReceived } from './notice-recipients.js';
import { NOTICE_CHANNEL, type NoticeAnnouncement } from './notice-channel.js';

const WRITER_LOCK = 7428190015;
const BATCH = 500;
const CURSOR = 'correction-notices';

export interface NoticeRow {
  id: string;
  position: string;
  recipient_agency_code: string;
  owner_agency_code: string;
  subject: string;
  record_id: string;
  prisoner_id: string | null;
  change: 'CORRECTION' | 'WITHDRAWAL';
  revision: number;
  occurred_at: Date;
  created_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  escalated_at: Date | null;
}

/** The webhook event telling an agency of a notice (minimal: ids and time, no content). */
export function noticeEvent(notice: NoticeRow, escalated: boolean): WebhookEvent {
  return {
    id: escalated ? `ntc_${notice.id}_escalated` : `ntc_${notice.id}`,
    type: escalated ? 'NOTICE_ESCALATED' : notice.change === 'CORRECTION' ? 'CORRECTION_NOTICE' : 'WITHDRAWAL_NOTICE',
    subject: notice.subject,
    recordId: notice.record_id,
    prisonerId: notice.prisoner_id,
    time: notice.occurred_at.toISOString(),
    noticeId: notice.id,
  };
}

/** Queues a notice to every live webhook of its recipient agency and announces it (in `tx`). */
export async function sendNotices(tx: EntityManager, notices: readonly NoticeRow[], escalated: boolean): Promise<void> {
  if (notices.length === 0) return;
  const agencies = [...new Set(notices.map((n) => n.recipient_agency_code))];
  const endpoints = await tx.query<{ id: string; agency_code: string }[]>(
    `SELECT id, agency_code FROM webhook_endpoint WHERE agency_code = ANY($1::text[]) AND removed_at IS NULL`, [agencies],
  );
  const queued: QueuedEvent[] = [];
  for (const notice of notices) {
    for (const endpoint of endpoints) {
      if (endpoint.agency_code === notice.recipient_agency_code) queued.push({ webhookId: endpoint.id, event: noticeEvent(notice, escalated) });
    }
  }
  await queueDeliveries(tx, queued);
  for (const notice of notices) {
    const announcement: NoticeAnnouncement = { id: notice.id, agency: notice.recipient_agency_code, escalated };
    await tx.query(`SELECT pg_notify($1, $2)`, [NOTICE_CHANNEL, JSON.stringify(announcement)]);
  }
}

/**
 * Correction notices (issue 14, item 5; LED Art. 7(3)): follows the change feed from its stored
 * position and, for every CORRECTION or WITHDRAWAL, gives each agency whose staff received the
 * record a notice — in its inbox (`notices`), to its webhooks and announced for its
 * subscriptions — whether or not it subscribed. Notices, their deliveries and the position move
 * in one transaction (one process at a time), so a restart resumes where it stopped and a
 * notice is never written twice (unique per change and recipient).
 */
export async function writeNotices(db: DataSource): Promise<{ more: boolean; written: number }> {
  return db.transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [WRITER_LOCK]) as [{ locked: boolean }];
    if (!locked) return { more: false, written: 0 };
    const [cursor] = await tx.query<{ position: string }[]>(`SELECT position FROM alert_cursor WHERE name = $1 FOR UPDATE`, [CURSOR]);
    if (!cursor) return { more: false, written: 0 };
    const events = await readChanges(asQueryable(tx), Number(cursor.position), BATCH);
    if (events.length === 0) return { more: false, written: 0 };
    const written: NoticeRow[] = [];
    for (const event of events.filter((e): e is ChangeEvent & { change: 'CORRECTION' | 'WITHDRAWAL' } => e.change === 'CORRECTION' || e.change === 'WITHDRAWAL')) {
      const recipients = await agenciesThatReceived(tx, event.recordId, event.ownerAgencyCode, event.occurredAt);
      if (recipients.length === 0) continue;
      // The notice names the prisoner only to an agency that received the prisoner's record too
      // (as an alert does): otherwise it would link the record to a person the agency may not see.
      const prisonerId = event.subject === 'Prisoner' ? event.recordId : event.prisonerId;
      const sawPrisoner = new Set(prisonerId && event.subject !== 'Prisoner'
        ? await agenciesThatReceived(tx, prisonerId, event.ownerAgencyCode, event.occurredAt) : recipients);
      written.push(...await tx.query<NoticeRow[]>(
        `WITH written AS (
           INSERT INTO correction_notice (position, recipient_agency_code, owner_agency_code, subject, record_id, prisoner_id, change, revision, occurred_at)
           SELECT $1, r.agency, $2, $3, $4, CASE WHEN r.named THEN $5::uuid END, $6, $7, $8 FROM unnest($9::text[], $10::boolean[]) AS r(agency, named)
           ON CONFLICT (position, recipient_agency_code) DO NOTHING RETURNING *
         ) SELECT * FROM written`,
        [event.position, event.ownerAgencyCode, event.subject, event.recordId, prisonerId, event.change, event.revision, event.occurredAt,
          recipients, recipients.map((agency) => sawPrisoner.has(agency))],
      ));
    }
    await sendNotices(tx, written, false);
    await tx.query(`UPDATE alert_cursor SET position = $2 WHERE name = $1`, [CURSOR, events.at(-1)!.position]);
    return { more: events.length === BATCH, written: written.length };
  });
}
