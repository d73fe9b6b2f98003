import type pg from 'pg';
import { readChanges, type ChangeEvent, type Queryable } from '../feed/change-feed.js';
import { isSubjectType, type SubjectType } from '../policies/subjects.js';
import type { FeedChange } from './alert-event.js';
import { policyImageFrom, policyImageSql, type PolicyImage } from './policy-image.js';

/**
 * The change feed with each change's policy images (table `change_event_image`, migration
 * AlertImages1732001800000). The images are written by the writing transaction, beside the
 * feed's own event, so they commit with it: `before` read (and the row locked) before the
 * change, `after` computed from the row once changed.
 *
 * The images hold values (dates, statuses) the feed itself never holds, so they are kept
 * only as long as a delivery may still need them (`pruneImages`); a change whose images are
 * gone is delivered to nobody (fail closed), which bounds how far back a subscriber resumes.
 */

/** Before the change: the images of the records about to be updated or withdrawn, each row locked until commit. */
export async function readPolicyImages(client: pg.ClientBase, subject: SubjectType, ids: readonly string[]): Promise<Map<string, PolicyImage>> {
  if (ids.length === 0) return new Map();
  const { rows } = await client.query<{ id: string; image: PolicyImage }>(
    `SELECT record.id, ${policyImageSql(subject)} AS image FROM ${policyImageFrom(subject)}
      WHERE record.id = ANY($1::uuid[]) FOR UPDATE OF record`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.image]));
}

/** After the change, in the same transaction: stores each event's before image and the record's image now. */
export async function writePolicyImages(
  client: pg.ClientBase, subject: SubjectType, events: readonly { position: number; recordId: string; before: PolicyImage | null }[],
): Promise<void> {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO change_event_image (position, before, after)
     SELECT x.position, x.before, (SELECT ${policyImageSql(subject)} FROM ${policyImageFrom(subject)} WHERE record.id = x.record_id)
       FROM jsonb_to_recordset($1::jsonb) AS x(position bigint, record_id uuid, before jsonb)`,
    [JSON.stringify(events.map((e) => ({ position: e.position, record_id: e.recordId, before: e.before })))],
  );
}

/** The images of the given feed positions. */
export async function readImages(db: Queryable, positions: readonly number[]): Promise<Map<number, { before: PolicyImage | null; after: PolicyImage | null }>> {
  if (positions.length === 0) return new Map();
  const { rows } = await db.query<{ position: string; before: PolicyImage | null; after: PolicyImage | null }>(
    'SELECT position, before, after FROM change_event_image WHERE position = ANY($1::bigint[])',
    [positions],
  );
  return new Map(rows.map((r) => [Number(r.position), { before: r.before, after: r.after }]));
}

/** Feed events with their images; an event of an unknown subject (none today) is skipped. */
export async function withImages(db: Queryable, events: readonly ChangeEvent[]): Promise<FeedChange[]> {
  const images = await readImages(db, events.map((e) => e.position));
  const changes: FeedChange[] = [];
  for (const event of events) {
    if (!isSubjectType(event.subject)) continue;
    const image = images.get(event.position);
    changes.push({ ...event, subject: event.subject, before: image?.before ?? null, after: image?.after ?? null });
  }
  return changes;
}

/** Changes after `after`, in position order, at most `limit`, with their images: what a resuming consumer reads. */
export async function readFeedChanges(db: Queryable, after: number, limit = 1_000): Promise<FeedChange[]> {
  return withImages(db, await readChanges(db, after, limit));
}

/** Deletes images older than `olderThanDays`; returns how many. */
export async function pruneImages(db: Queryable, olderThanDays: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `WITH gone AS (DELETE FROM change_event_image WHERE recorded_at < now() - make_interval(days => $1) RETURNING 1)
     SELECT count(*) AS n FROM gone`,
    [olderThanDays],
  );
  return Number(rows[0]?.n ?? 0);
}
