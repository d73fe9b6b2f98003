import pg from 'pg';
import type { TestDatabase } from './database.js';

/** The disclosure log's tables as they stood, to put back after a tampering scenario. */
export interface LogSnapshot {
  entries: unknown;
  checkpoints: unknown;
  head: { seq: string; hash: string };
}

/** Runs statements as the superuser with triggers off (session_replication_role = replica), in one transaction. */
export async function asSuperuser(db: Pick<TestDatabase, 'url'>, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    for (const statement of statements) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

export async function snapshotLog(db: TestDatabase): Promise<LogSnapshot> {
  const [entries] = await db.sql<{ rows: unknown }>('SELECT json_agg(t ORDER BY seq) AS rows FROM disclosure_log t');
  const [checkpoints] = await db.sql<{ rows: unknown }>('SELECT json_agg(t) AS rows FROM disclosure_log_checkpoint t');
  const [head] = await db.sql<{ seq: string; hash: string }>(`SELECT seq, encode(hash, 'hex') AS hash FROM disclosure_log_head`);
  return { entries: entries!.rows, checkpoints: checkpoints!.rows ?? [], head: head! };
}

/** Puts the log back exactly as the snapshot holds it. */
export async function restoreLog(db: Pick<TestDatabase, 'url'>, snapshot: LogSnapshot): Promise<void> {
  await asSuperuser(db, [
    'DELETE FROM disclosure_log',
    'DELETE FROM disclosure_log_checkpoint',
    `INSERT INTO disclosure_log SELECT * FROM json_populate_recordset(NULL::disclosure_log, '${JSON.stringify(snapshot.entries).replace(/'/g, "''")}'::json)`,
    `INSERT INTO disclosure_log_checkpoint SELECT * FROM json_populate_recordset(NULL::disclosure_log_checkpoint, '${JSON.stringify(snapshot.checkpoints).replace(/'/g, "''")}'::json)`,
    `UPDATE disclosure_log_head SET seq = ${Number(snapshot.head.seq)}, hash = decode('${snapshot.head.hash}', 'hex')`,
  ]);
}

/**
 * A superuser's rewrite of entry `seq` (who consulted) with every later hash recomputed in
 * SQL exactly as the trigger would, and the head moved: the chain alone cannot tell.
 */
export const rewriteAndRehash = (seq: number): string[] => [
  `UPDATE disclosure_log SET entry = replace(entry, '"analyst-1"', '"nobody"'), user_id = CASE WHEN user_id = 'analyst-1' THEN 'nobody' ELSE user_id END WHERE seq = ${seq}`,
  `DO $$
   DECLARE r record; prev bytea;
   BEGIN
     SELECT hash INTO prev FROM disclosure_log WHERE seq = ${seq - 1};
     FOR r IN SELECT seq, entry FROM disclosure_log WHERE seq >= ${seq} ORDER BY seq LOOP
       UPDATE disclosure_log SET prev_hash = prev,
              hash = sha256(prev || int8send(r.seq) || int8send((extract(epoch FROM recorded_at) * 1000)::bigint) || sha256(convert_to(r.entry, 'UTF8')))
        WHERE seq = r.seq
         RETURNING hash INTO prev;
     END LOOP;
     UPDATE disclosure_log_head SET hash = prev;
   END $$`,
];
