import type { ChainAnchor, ChainLink } from '../core/chain-verifier.js';
import { entryDigest } from '../core/chain-hash.js';
import type { Checkpoint } from '../core/checkpoint.js';
import { indexMismatch, type LogEntryIndex } from '../core/log-entry.js';

/**
 * SQL over the disclosure-log tables (migration DisclosureLog1732000200000). Works on any
 * node-postgres queryable — a pool, or one client inside a transaction — so that a
 * verification can read the head, the checkpoints and every entry from one snapshot.
 */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** An entry as stored: its chain columns, its hashed text and the index columns beside it. */
export interface StoredEntry {
  seq: number;
  prevHash: Buffer;
  hash: Buffer;
  entry: string;
  index: LogEntryIndex;
}

interface EntryRow {
  seq: string;
  prev_hash: Buffer;
  hash: Buffer;
  entry: string;
  decision_id: string;
  recorded_at: Date;
  kind: LogEntryIndex['kind'];
  user_id: string;
  agency_code: string;
  purpose: string | null;
  owner_agency_codes: string[];
  subject_ids: string[];
}

interface CheckpointRow {
  seq: string;
  hash: Buffer;
  signed_at: Date;
  key_id: string;
  signature: Buffer;
  number: string | null;
  root: Buffer | null;
}

const ENTRY_COLUMNS = 'seq, prev_hash, hash, entry, decision_id, recorded_at, kind, user_id, agency_code, purpose, owner_agency_codes, subject_ids';
const CHECKPOINT_COLUMNS = 'seq, hash, signed_at, key_id, signature, number, root';

const toStoredEntry = (row: EntryRow): StoredEntry => ({
  seq: Number(row.seq),
  prevHash: row.prev_hash,
  hash: row.hash,
  entry: row.entry,
  index: {
    decisionId: row.decision_id,
    recordedAt: row.recorded_at.toISOString(),
    kind: row.kind,
    userId: row.user_id,
    agencyCode: row.agency_code,
    purpose: row.purpose,
    ownerAgencyCodes: row.owner_agency_codes,
    subjectIds: row.subject_ids,
  },
});

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  seq: Number(row.seq),
  hash: row.hash,
  signedAt: row.signed_at,
  keyId: row.key_id,
  signature: row.signature,
  number: row.number === null ? null : Number(row.number),
  root: row.root,
});

/** A stored entry as the verifier sees it: digest recomputed from the text, index columns checked against it. */
export const toChainLink = (stored: StoredEntry): ChainLink => ({
  seq: stored.seq,
  prevHash: stored.prevHash,
  hash: stored.hash,
  recordedAtMs: Date.parse(stored.index.recordedAt),
  entryDigest: entryDigest(stored.entry),
  contentProblem: indexMismatch(stored.entry, stored.index),
});

export async function readHead(db: Queryable): Promise<ChainAnchor> {
  const { rows: [row] } = await db.query<{ seq: string; hash: Buffer }>('SELECT seq, hash FROM disclosure_log_head WHERE id = 1');
  if (!row) throw new Error('disclosure_log_head has no row: the disclosure log is damaged');
  return { seq: Number(row.seq), hash: row.hash };
}

/** Checkpoints sealing entries in [fromSeq, toSeq], in order. */
export async function readCheckpoints(db: Queryable, range: { fromSeq?: number; toSeq?: number } = {}): Promise<Checkpoint[]> {
  const { rows } = await db.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM disclosure_log_checkpoint WHERE seq >= $1 AND seq <= $2 ORDER BY seq`,
    [range.fromSeq ?? 0, range.toSeq ?? Number.MAX_SAFE_INTEGER],
  );
  return rows.map(toCheckpoint);
}

/** The checkpoint with the highest seq at or below `atOrBefore` (the latest, by default). */
export async function latestCheckpoint(db: Queryable, atOrBefore = Number.MAX_SAFE_INTEGER): Promise<Checkpoint | null> {
  const { rows: [row] } = await db.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM disclosure_log_checkpoint WHERE seq <= $1 ORDER BY seq DESC LIMIT 1`, [atOrBefore],
  );
  return row ? toCheckpoint(row) : null;
}

/** The checkpoint with the lowest seq at or after `seq`. */
export async function nextCheckpoint(db: Queryable, seq: number): Promise<Checkpoint | null> {
  const { rows: [row] } = await db.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM disclosure_log_checkpoint WHERE seq >= $1 ORDER BY seq LIMIT 1`, [seq],
  );
  return row ? toCheckpoint(row) : null;
}

export async function insertCheckpoint(db: Queryable, checkpoint: Checkpoint, frontier: readonly Buffer[] | null = null): Promise<void> {
  await db.query(
    `INSERT INTO disclosure_log_checkpoint (${CHECKPOINT_COLUMNS}, frontier) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [checkpoint.seq, checkpoint.hash, checkpoint.signedAt, checkpoint.keyId, checkpoint.signature, checkpoint.number, checkpoint.root, frontier],
  );
}

/** The Merkle frontier stored with a numbered checkpoint (an aid to the next seal, checked against the signed root before use). */
export async function checkpointFrontier(db: Queryable, seq: number): Promise<Buffer[] | null> {
  const { rows: [row] } = await db.query<{ frontier: Buffer[] | null }>('SELECT frontier FROM disclosure_log_checkpoint WHERE seq = $1', [seq]);
  return row?.frontier ?? null;
}

/** The chain hashes of entries (afterSeq, toSeq], in order: the Merkle tree's leaves. */
export async function* readChainHashes(db: Queryable, range: { afterSeq: number; toSeq: number; pageSize?: number }): AsyncGenerator<Buffer> {
  const pageSize = range.pageSize ?? 5_000;
  for (let after = range.afterSeq; after < range.toSeq;) {
    const { rows } = await db.query<{ seq: string; hash: Buffer }>(
      'SELECT seq, hash FROM disclosure_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3', [after, range.toSeq, pageSize],
    );
    if (rows.length === 0) return;
    for (const row of rows) yield row.hash;
    after = Number(rows.at(-1)!.seq);
  }
}

/** The checkpoint with the highest number (numbered checkpoints only). */
export async function latestNumberedCheckpoint(db: Queryable): Promise<Checkpoint | null> {
  const { rows: [row] } = await db.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM disclosure_log_checkpoint WHERE number IS NOT NULL ORDER BY number DESC LIMIT 1`,
  );
  return row ? toCheckpoint(row) : null;
}

/** The numbered checkpoint `number`, if stored. */
export async function checkpointNumbered(db: Queryable, number: number): Promise<Checkpoint | null> {
  const { rows: [row] } = await db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM disclosure_log_checkpoint WHERE number = $1`, [number]);
  return row ? toCheckpoint(row) : null;
}

/** Entries with seq in (afterSeq, toSeq], in order, read a page at a time. */
export async function* readEntries(
  db: Queryable,
  range: { afterSeq: number; toSeq?: number; pageSize?: number },
): AsyncGenerator<StoredEntry> {
  const pageSize = range.pageSize ?? 2_000;
  const toSeq = range.toSeq ?? Number.MAX_SAFE_INTEGER;
  let after = range.afterSeq;
  for (;;) {
    const { rows } = await db.query<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM disclosure_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [after, toSeq, pageSize],
    );
    for (const row of rows) yield toStoredEntry(row);
    if (rows.length < pageSize) return;
    after = Number(rows.at(-1)!.seq);
  }
}

/**
 * The chain links with seq in (afterSeq, toSeq], with each entry's digest computed by
 * PostgreSQL: 32 bytes per entry cross the wire instead of its text, and nothing is parsed.
 * For the check the sealer makes before signing; `liaison audit verify` reads and hashes the
 * texts itself (readEntries), trusting nothing the database computes.
 */
export async function* readLinks(db: Queryable, range: { afterSeq: number; toSeq: number; pageSize?: number }): AsyncGenerator<ChainLink> {
  const pageSize = range.pageSize ?? 10_000;
  let after = range.afterSeq;
  for (;;) {
    const { rows } = await db.query<{ seq: string; prev_hash: Buffer; hash: Buffer; recorded_at: Date; entry_digest: Buffer }>(
      `SELECT seq, prev_hash, hash, recorded_at, sha256(convert_to(entry, 'UTF8')) AS entry_digest
         FROM disclosure_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [after, range.toSeq, pageSize],
    );
    for (const row of rows) {
      yield { seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash, recordedAtMs: row.recorded_at.getTime(), entryDigest: row.entry_digest };
    }
    if (rows.length < pageSize) return;
    after = Number(rows.at(-1)!.seq);
  }
}

/** How far from a broken link an entry is looked for by its hash (reorderings and insertions are local). */
const LOCATE_WINDOW = 100_000;

/**
 * The seq of the entry whose stored hash is `hash`, searched within LOCATE_WINDOW entries of
 * `near` (asked only when a link is broken: a bounded range scan on the key, no index on hash).
 */
export async function locateHash(db: Queryable, hash: Buffer, near: number): Promise<number | null> {
  const { rows: [row] } = await db.query<{ seq: string }>(
    'SELECT seq FROM disclosure_log WHERE seq BETWEEN $2 AND $3 AND hash = $1 ORDER BY seq LIMIT 1',
    [hash, near - LOCATE_WINDOW, near + LOCATE_WINDOW],
  );
  return row ? Number(row.seq) : null;
}

/** The first and last seq of entries recorded in [from, to). */
export async function seqRangeRecorded(db: Queryable, from: Date | null, to: Date | null): Promise<{ first: number; last: number } | null> {
  const { rows: [row] } = await db.query<{ first: string | null; last: string | null }>(
    `SELECT min(seq) AS first, max(seq) AS last FROM disclosure_log
      WHERE ($1::timestamptz IS NULL OR recorded_at >= $1) AND ($2::timestamptz IS NULL OR recorded_at < $2)`,
    [from, to],
  );
  return row?.first && row.last ? { first: Number(row.first), last: Number(row.last) } : null;
}

/** When the entry at `seq` was recorded (null if there is none). */
export async function recordedAtOf(db: Queryable, seq: number): Promise<Date | null> {
  const { rows: [row] } = await db.query<{ recorded_at: Date }>('SELECT recorded_at FROM disclosure_log WHERE seq = $1', [seq]);
  return row?.recorded_at ?? null;
}
