import type { DataSource } from 'typeorm';
import { sendNotices, type NoticeRow } from './notice-writer.js';

const ESCALATION_LOCK = 7428190016;

/**
 * Notices left unacknowledged for `afterSeconds` are re-sent (to the agency's webhooks, as
 * `notice.escalated`, and announced again) and escalated to the agency's MOU_ADMINs: the
 * notice carries `escalatedAt`, and `notices(filter: {escalated: true})` is their list. Once
 * per notice; one process at a time.
 */
export async function escalateOverdueNotices(db: DataSource, afterSeconds: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [ESCALATION_LOCK]) as [{ locked: boolean }];
    if (!locked) return 0;
    const overdue = await tx.query<NoticeRow[]>(
      `WITH escalated AS (
         UPDATE correction_notice SET escalated_at = now()
          WHERE id IN (SELECT id FROM correction_notice
                        WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND created_at <= now() - make_interval(secs => $1)
                        ORDER BY created_at LIMIT 500 FOR UPDATE SKIP LOCKED)
          RETURNING *
       ) SELECT * FROM escalated`,
      [afterSeconds],
    );
    await sendNotices(tx, overdue, true);
    return overdue.length;
  });
}
