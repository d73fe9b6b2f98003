import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import { GENESIS, verifyChain, type ChainAnchor, type ChainReport } from './core/chain-verifier.js';
import { locateHash, readCheckpoints, readEntries, readHead, toChainLink } from './store/log-store.js';

export interface IntegrityReport extends ChainReport {
  checkedAt: Date;
  /** The database's chain head (the last entry appended). */
  head: ChainAnchor;
  /** Checkpoints stored (verified or not). */
  checkpointsStored: number;
}

/**
 * Verifies the whole disclosure log in the database: recomputes every link from genesis,
 * checks every index column against its hashed entry, every checkpoint's signature (against
 * `trustedKeys` only — keys stored in the database would prove nothing) and seal, and the
 * chain head. Reads from one REPEATABLE READ snapshot, so gateways may keep appending.
 */
export async function verifyDisclosureLog(pool: pg.Pool, trustedKeys: ReadonlyMap<string, KeyObject>, now: () => Date = () => new Date()): Promise<IntegrityReport> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await readHead(client);
    const checkpoints = await readCheckpoints(client);
    const report = await verifyChain(
      (async function* links() {
        for await (const stored of readEntries(client, { afterSeq: Number.MIN_SAFE_INTEGER })) yield toChainLink(stored);
      })(),
      { anchor: GENESIS, checkpoints, trustedKeys, head, locate: (hash, near) => locateHash(client, hash, near) },
    );
    await client.query('COMMIT');
    return { ...report, checkedAt: now(), head, checkpointsStored: checkpoints.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
