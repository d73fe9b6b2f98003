import type pg from 'pg';
import { entryDigest } from '../core/chain-hash.js';
import { GENESIS } from '../core/chain-verifier.js';
import type { Checkpoint } from '../core/checkpoint.js';
import { indexMismatch } from '../core/log-entry.js';
import { latestCheckpoint, nextCheckpoint, readCheckpoints, readEntries, seqRangeRecorded } from './log-store.js';

/**
 * Export of the disclosure log for a regulator: JSON lines that verify offline with nothing
 * but the gateway's public key (`liaison audit verify --file … --public-key …`).
 *
 * Line 1 is a header; then every checkpoint needed; then the chain, in sequence order, from
 * the last checkpoint before the period to the first checkpoint after it. Entries recorded
 * within the period appear in full (their exact hashed text); the entries around them that
 * the chain must pass through appear as stubs — sequence number, time, hashes and the entry's
 * digest, nothing personal — so the period is proven complete and unaltered between two
 * signed checkpoints (the time is hashed: a stub cannot hide an entry of the period). The
 * format is in the README ("Disclosure log").
 */

export const EXPORT_TYPE = 'liaison.disclosure-log.export';
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  type: typeof EXPORT_TYPE;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  from: string | null;
  to: string | null;
  /** Entries in full (recorded within the period). */
  entries: number;
  /** The chain starts after this point: the genesis (seq 0) or a checkpoint in the file. */
  anchor: { seq: number; hash: string };
  /** The last line of the chain: a checkpoint in the file seals it. */
  sealedThrough: number;
}

export interface CheckpointLine {
  type: 'checkpoint';
  seq: number;
  hash: string;
  signedAt: string;
  keyId: string;
  /** Ed25519 signature, base64. */
  signature: string;
  /** Numbered checkpoints: the number and the Merkle root (64 hex) they sign. */
  number?: number;
  root?: string;
}

export interface EntryLine {
  type: 'entry';
  seq: number;
  prevHash: string;
  hash: string;
  /** The entry's canonical JSON text, exactly as hashed. */
  entry: string;
}

export interface StubLine {
  type: 'stub';
  seq: number;
  prevHash: string;
  hash: string;
  /** When the entry was recorded (hashed into the chain, so checkable: outside the period). */
  recordedAt: string;
  /** SHA-256 of the (withheld) entry text. */
  entryDigest: string;
}

export type ExportLine = CheckpointLine | EntryLine | StubLine;

export class ExportNotSealed extends Error {
  constructor(readonly lastSeq: number) {
    super(`entry ${lastSeq} is not yet sealed by a checkpoint: seal the log first (liaison audit seal)`);
  }
}

export const checkpointLine = (c: Checkpoint): CheckpointLine => ({
  type: 'checkpoint', seq: c.seq, hash: c.hash.toString('hex'), signedAt: c.signedAt.toISOString(), keyId: c.keyId, signature: c.signature.toString('base64'),
  ...(c.number !== null && c.root !== null ? { number: c.number, root: c.root.toString('hex') } : {}),
});

export interface ExportSummary {
  entries: number;
  stubs: number;
  checkpoints: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

/** Writes the export of entries recorded in [from, to) through `write`, one line (with its newline) per call. */
export async function exportDisclosureLog(
  pool: pg.Pool,
  period: { from: Date | null; to: Date | null },
  write: (line: string) => Promise<void> | void,
  now: () => Date = () => new Date(),
): Promise<ExportSummary> {
  const client = await pool.connect();
  // Lines are plain JSON with `type` first, for readers; only the entry text inside is canonical.
  const emit = (value: object): Promise<void> | void => write(`${JSON.stringify(value)}\n`);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const span = await seqRangeRecorded(client, period.from, period.to);
    const start = span ? await latestCheckpoint(client, span.first - 1) : null;
    const end = span ? await nextCheckpoint(client, span.last) : null;
    if (span && !end) throw new ExportNotSealed(span.last);
    const anchor = start ? { seq: start.seq, hash: start.hash } : GENESIS;
    const sealedThrough = end?.seq ?? anchor.seq;
    const checkpoints = span ? await readCheckpoints(client, { fromSeq: anchor.seq, toSeq: sealedThrough }) : [];
    const entriesInPeriod = span ? Number((await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM disclosure_log WHERE seq BETWEEN $1 AND $2
          AND ($3::timestamptz IS NULL OR recorded_at >= $3) AND ($4::timestamptz IS NULL OR recorded_at < $4)`,
      [span.first, span.last, period.from, period.to],
    )).rows[0]!.n) : 0;

    const header: ExportHeader = {
      type: EXPORT_TYPE,
      version: EXPORT_VERSION,
      exportedAt: now().toISOString(),
      from: period.from?.toISOString() ?? null,
      to: period.to?.toISOString() ?? null,
      entries: entriesInPeriod,
      anchor: { seq: anchor.seq, hash: anchor.hash.toString('hex') },
      sealedThrough,
    };
    await emit(header);
    for (const checkpoint of checkpoints) await emit(checkpointLine(checkpoint));

    const summary: ExportSummary = { entries: 0, stubs: 0, checkpoints: checkpoints.length, firstSeq: null, lastSeq: null };
    if (span) {
      const within = (recordedAt: string): boolean => {
        const t = Date.parse(recordedAt);
        return (period.from === null || t >= period.from.getTime()) && (period.to === null || t < period.to.getTime());
      };
      for await (const stored of readEntries(client, { afterSeq: anchor.seq, toSeq: sealedThrough })) {
        // The period is decided on the hashed text: a recorded_at column edited to move an
        // entry out of the period would otherwise hide it as a stub.
        const mismatch = indexMismatch(stored.entry, stored.index);
        if (mismatch) throw new Error(`export refused: entry ${stored.seq} was edited: ${mismatch}`);
        const chain = { seq: stored.seq, prevHash: stored.prevHash.toString('hex'), hash: stored.hash.toString('hex') };
        if (within(stored.index.recordedAt)) {
          await emit({ type: 'entry', ...chain, entry: stored.entry } satisfies EntryLine);
          summary.entries += 1;
          summary.firstSeq ??= stored.seq;
          summary.lastSeq = stored.seq;
        } else {
          await emit({ type: 'stub', ...chain, recordedAt: stored.index.recordedAt, entryDigest: entryDigest(stored.entry).toString('hex') } satisfies StubLine);
          summary.stubs += 1;
        }
      }
    }
    await client.query('COMMIT');
    return summary;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
