import type { ChangeEvent, Queryable } from '../feed/change-feed.js';

/**
 * The feed events at the given positions (those that exist), in position order: what a batch
 * of queued deliveries was about, read in one statement to be decided again before sending.
 */
export async function changesAt(db: Queryable, positions: readonly number[]): Promise<ChangeEvent[]> {
  if (positions.length === 0) return [];
  const { rows } = await db.query<{
    position: string; subject: string; record_id: string; owner_agency_code: string; prisoner_id: string | null;
    change: ChangeEvent['change']; fields: string[]; revision: number; occurred_at: Date;
  }>(
    `SELECT position, subject, record_id, owner_agency_code, prisoner_id, change, fields, revision, occurred_at
       FROM change_event WHERE position = ANY($1::bigint[]) ORDER BY position`,
    [[...new Set(positions)]],
  );
  return rows.map((r) => ({
    position: Number(r.position), subject: r.subject, recordId: r.record_id, ownerAgencyCode: r.owner_agency_code,
    prisonerId: r.prisoner_id, change: r.change, fields: r.fields, revision: r.revision, occurredAt: r.occurred_at,
  }));
}
