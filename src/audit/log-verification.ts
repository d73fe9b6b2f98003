import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import { GENESIS, verifyChain, type ChainAnchor, type ChainProblem, type ChainReport } from './core/chain-verifier.js';
import type { Checkpoint } from './core/checkpoint.js';
import { readCheckpointDirectory } from './store/checkpoint-directory.js';
import { overdueAfterMs } from './store/log-sealer.js';
import { locateHash, readCheckpoints, readEntries, readHead, recordedAtOf, toChainLink } from './store/log-store.js';

export interface IntegrityReport extends ChainReport {
  checkedAt: Date;
  /** The database's chain head (the last entry appended). */
  head: ChainAnchor;
  /** Checkpoints stored (verified or not). */
  checkpointsStored: number;
  /** Checkpoints held outside the database (published, pulled, witnessed) that were checked against it. */
  checkpointsExternal: number;
}

export interface VerificationSources {
  /** Directories of signed checkpoint notes held outside the database. */
  checkpointDirs?: readonly string[];
  /** The sealing schedule (LIAISON_AUDIT_CHECKPOINT_INTERVAL, seconds; 0: none to hold the log to). */
  intervalSeconds?: number;
  now?: () => Date;
}

/**
 * Verifies the whole disclosure log in the database: recomputes every link from genesis,
 * checks every index column against its hashed entry, every checkpoint's signature (against
 * `trustedKeys` only — keys stored in the database would prove nothing) and seal, and the
 * chain head. Reads from one REPEATABLE READ snapshot, so gateways may keep appending.
 *
 * A superuser can also delete checkpoints, and then rewrite and re-hash what they sealed.
 * So the log is also held to what the database does not control: every checkpoint kept
 * outside it (it must seal the same hash at the same entry, and it counts as a seal even if
 * the database lost it), the numbering (a gap is a deleted checkpoint) and the schedule
 * (entries left unsealed far longer than the interval allows: CHECKPOINT_MISSING).
 */
export async function verifyDisclosureLog(pool: pg.Pool, trustedKeys: ReadonlyMap<string, KeyObject>, sources: VerificationSources = {}): Promise<IntegrityReport> {
  const now = sources.now ?? (() => new Date());
  const external: Checkpoint[] = [];
  for (const dir of sources.checkpointDirs ?? []) external.push(...(await readCheckpointDirectory(dir, trustedKeys)).map((k) => k.checkpoint));
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await readHead(client);
    const stored = await readCheckpoints(client);
    const report = await verifyChain(
      (async function* links() {
        for await (const entry of readEntries(client, { afterSeq: Number.MIN_SAFE_INTEGER })) yield toChainLink(entry);
      })(),
      // External copies last: where the database's checkpoint at the same entry differs, the external one is held to.
      { anchor: GENESIS, checkpoints: [...stored, ...external], trustedKeys, head, locate: (hash, near) => locateHash(client, hash, near) },
    );
    const missing = report.problem ? null : numberingGap([...stored, ...external]) ?? await overdue(client, report, sources.intervalSeconds ?? 0, now());
    await client.query('COMMIT');
    const problem = report.problem ?? missing;
    return { ...report, intact: problem === null, problem, checkedAt: now(), head, checkpointsStored: stored.length, checkpointsExternal: external.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The first gap in the numbering of the checkpoints known (stored or kept outside). */
function numberingGap(checkpoints: readonly Checkpoint[]): ChainProblem | null {
  const byNumber = new Map<number, Checkpoint>();
  for (const c of checkpoints) if (c.number !== null) byNumber.set(c.number, c);
  const numbers = [...byNumber.keys()].sort((a, b) => a - b);
  for (let i = 1; i < numbers.length; i += 1) {
    const [before, after] = [byNumber.get(numbers[i - 1]!)!, byNumber.get(numbers[i]!)!];
    if (after.number! - before.number! > 1) {
      const gone = after.number! - before.number! - 1;
      return {
        seq: before.seq + 1, kind: 'CHECKPOINT_MISSING',
        detail: `checkpoint${gone > 1 ? 's' : ''} ${before.number! + 1}${gone > 1 ? `–${after.number! - 1}` : ''} (between entries ${before.seq} and ${after.seq}) ${gone > 1 ? 'are' : 'is'} missing: deleted`,
      };
    }
  }
  return null;
}

/** Entries left unsealed far longer than the schedule allows. */
async function overdue(client: pg.PoolClient, report: ChainReport, intervalSeconds: number, now: Date): Promise<ChainProblem | null> {
  if (intervalSeconds === 0 || report.unsealed === 0 || report.lastSeq === null) return null;
  const first = report.lastSeq - report.unsealed + 1;
  const recordedAt = await recordedAtOf(client, first);
  if (!recordedAt || now.getTime() - recordedAt.getTime() <= overdueAfterMs(intervalSeconds)) return null;
  return {
    seq: first, kind: 'CHECKPOINT_MISSING',
    detail: `entries ${first}–${report.lastSeq} are unsealed, the first recorded ${recordedAt.toISOString()}: the log is sealed every ${intervalSeconds} s, so their checkpoint was deleted, or sealing has stopped`,
  };
}
