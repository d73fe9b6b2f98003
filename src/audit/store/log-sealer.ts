import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { GENESIS, verifyChain, type ChainProblem } from '../core/chain-verifier.js';
import { signCheckpoint, type AuditSigningKey, type Checkpoint } from '../core/checkpoint.js';
import { insertCheckpoint, latestCheckpoint, locateHash, readHead, readLinks, recordedAtOf } from './log-store.js';

/** Serialises sealers of one database (every gateway process runs one); arbitrary constant. */
const SEAL_LOCK = 7_324_940;

export class SealRefused extends Error {
  constructor(readonly problem: ChainProblem) {
    super(`the disclosure log was not sealed: it is not intact at entry ${problem.seq} (${problem.kind}: ${problem.detail})`);
  }
}

export interface SealOptions {
  /** Seal now whatever the schedule says (on demand); otherwise only when due. */
  force: boolean;
}

export interface SealSchedule {
  /** Seal once the oldest unsealed entry is this old (seconds); 0: only on demand. */
  intervalSeconds: number;
  /** Seal once this many entries are unsealed. */
  everyEntries: number;
}

/**
 * Seals the chain head with a signed checkpoint — periodically (whichever gateway process
 * gets the advisory lock first; the others skip) and on demand.
 *
 * Before signing, the links of the stretch since the previous checkpoint are checked (from
 * digests PostgreSQL computes, so sealing stays cheap under load): a signature over a head
 * that no longer follows from the last seal would vouch for a rewritten log, so the seal is
 * refused instead (and the refusal logged). Full verification is `liaison audit verify`.
 */
export class LogSealer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly signer: AuditSigningKey | null,
    private readonly schedule: SealSchedule,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get canSign(): boolean {
    return this.signer !== null;
  }

  /**
   * The checkpoint sealing the current head: a new one, or the existing one when the head is
   * already sealed. Null when the log is empty, or (scheduled runs) when not yet due or another
   * process holds the lock.
   */
  async seal(options: SealOptions): Promise<{ checkpoint: Checkpoint; created: boolean } | null> {
    const signer = this.signer;
    if (!signer) throw new Error('no disclosure-log signing key is configured (LIAISON_AUDIT_SIGNING_KEY)');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const [{ locked }] = (await client.query<{ locked: boolean }>(
        options.force ? 'SELECT pg_advisory_xact_lock($1), true AS locked' : 'SELECT pg_try_advisory_xact_lock($1) AS locked', [SEAL_LOCK],
      )).rows as [{ locked: boolean }];
      if (!locked) {
        await client.query('ROLLBACK');
        return null;
      }
      const head = await readHead(client);
      const last = await latestCheckpoint(client);
      if (head.seq === 0 || (last && last.seq >= head.seq)) {
        await client.query('ROLLBACK');
        return last && head.seq > 0 ? { checkpoint: last, created: false } : null;
      }
      if (!options.force && !(await this.due(client, head.seq, last))) {
        await client.query('ROLLBACK');
        return null;
      }
      const anchor = last ? { seq: last.seq, hash: last.hash } : GENESIS;
      const report = await verifyChain(
        readLinks(client, { afterSeq: anchor.seq, toSeq: head.seq }),
        { anchor, checkpoints: [], trustedKeys: new Map<string, KeyObject>(), head, locate: (hash, near) => locateHash(client, hash, near) },
      );
      if (report.problem) throw new SealRefused(report.problem);
      const checkpoint = signCheckpoint(signer, head, this.clock());
      await insertCheckpoint(client, checkpoint);
      await client.query('COMMIT');
      this.log.info({ seq: checkpoint.seq, keyId: checkpoint.keyId }, 'disclosure log sealed');
      return { checkpoint, created: true };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async due(client: pg.PoolClient, headSeq: number, last: Checkpoint | null): Promise<boolean> {
    const sealedSeq = last?.seq ?? 0;
    if (headSeq - sealedSeq >= this.schedule.everyEntries) return true;
    if (this.schedule.intervalSeconds === 0) return false;
    const oldestUnsealed = await recordedAtOf(client, sealedSeq + 1);
    return oldestUnsealed !== null && this.clock().getTime() - oldestUnsealed.getTime() >= this.schedule.intervalSeconds * 1000;
  }

  /** Starts sealing on schedule (checked every few seconds; a no-op without a key or with interval 0). */
  start(): void {
    if (!this.signer || this.schedule.intervalSeconds === 0 || this.timer) return;
    const every = Math.min(this.schedule.intervalSeconds, 5) * 1000;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.seal({ force: false })
        .catch((error: unknown) => {
          const refused = error instanceof SealRefused;
          this.log.error({ err: (error as Error).message, ...(refused ? { problem: error.problem } : {}) },
            refused ? 'DISCLOSURE LOG NOT INTACT: checkpoint refused' : 'disclosure log: scheduled seal failed');
        })
        .finally(() => {
          this.running = null;
        });
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
