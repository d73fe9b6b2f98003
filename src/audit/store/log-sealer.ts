import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { GENESIS, verifyChain, type ChainProblem } from '../core/chain-verifier.js';
import { checkpointNote, signCheckpoint, type AuditSigningKey, type Checkpoint } from '../core/checkpoint.js';
import { appendLeaf, EMPTY_FRONTIER, frontierRoot, leafHash, type Frontier } from '../core/merkle-tree.js';
import { publishNote, readCheckpointDirectory } from './checkpoint-directory.js';
import {
  checkpointFrontier, insertCheckpoint, latestCheckpoint, latestNumberedCheckpoint, locateHash, readChainHashes, readHead, readLinks, recordedAtOf,
} from './log-store.js';

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
  /**
   * Seal a stretch even though its oldest entry waited far longer than the schedule allows
   * (an operator's decision, e.g. after a gateway stopped before sealing: `liaison audit seal --late`).
   */
  late?: boolean;
}

export interface SealSchedule {
  /** Seal once the oldest unsealed entry is this old (seconds); 0: only on demand. */
  intervalSeconds: number;
  /** Seal once this many entries are unsealed. */
  everyEntries: number;
  /** Where each checkpoint is published as it is signed (a directory the database's administrators cannot write). */
  publicationDir?: string | null;
}

/**
 * How much older than the interval an unsealed entry may grow before its stretch counts as
 * overdue: the sealer will not sign it, and verification reports it — checkpoints may have
 * been deleted to hide a rewrite (a gateway stopped before sealing looks the same: the
 * operator seals with `--late` after looking).
 */
export const OVERDUE_FACTOR = 3;
export const overdueAfterMs = (intervalSeconds: number): number => OVERDUE_FACTOR * intervalSeconds * 1000 + 5_000;

/**
 * Seals the chain head with a signed checkpoint — periodically (whichever gateway process
 * gets the advisory lock first; the others skip) and on demand.
 *
 * Before signing, the links of the stretch since the previous checkpoint are checked (from
 * digests PostgreSQL computes, so sealing stays cheap under load): a signature over a head
 * that no longer follows from the last seal would vouch for a rewritten log, so the seal is
 * refused instead (and the refusal logged). Full verification is `liaison audit verify`.
 */
/**
 * After a refused seal, the schedule waits before trying again — at first this long, doubling
 * up to the maximum: every attempt checks the whole unsealed stretch again, which grows, and a
 * refusal lasts until an operator looks (`liaison audit seal --late`) or the cause goes away.
 */
export const REFUSED_RETRY_MIN_MS = 60_000;
export const REFUSED_RETRY_MAX_MS = 3_600_000;

export class LogSealer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  /** While a refusal stands: when the schedule may try again, and the wait after the next refusal. */
  private retryAt = 0;
  private retryDelayMs = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly signer: AuditSigningKey | null,
    private readonly schedule: SealSchedule,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
    private readonly retiredKeys: ReadonlyMap<string, KeyObject> = new Map(),
  ) {}

  /** Keys the published checkpoints may be signed with: the signer's and any retired ones. */
  private trusted(signer: AuditSigningKey): ReadonlyMap<string, KeyObject> {
    return new Map([...this.retiredKeys, [signer.keyId, signer.publicKey]]);
  }

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
      const stored = await latestCheckpoint(client);
      const numbered = await latestNumberedCheckpoint(client);
      // The last checkpoint published outside the database: the new one must extend it, whatever
      // the database now says (its later checkpoints may have been deleted to hide a rewrite).
      const published = this.schedule.publicationDir
        ? (await readCheckpointDirectory(this.schedule.publicationDir, this.trusted(signer), { latestOnly: true })).at(-1)?.checkpoint ?? null
        : null;
      const last = [stored, published].filter((c): c is Checkpoint => c !== null).sort((a, b) => b.seq - a.seq)[0] ?? null;
      if (published && head.seq < published.seq) {
        throw new SealRefused({ seq: head.seq + 1, kind: 'REMOVED', detail: `published checkpoint ${published.number} seals entry ${published.seq}, but the log ends at entry ${head.seq}` });
      }
      if (last && last.seq === head.seq && !last.hash.equals(head.hash)) {
        throw new SealRefused({ seq: head.seq, kind: 'EDITED', detail: `the chain head (entry ${head.seq}) no longer has the hash checkpoint ${last.number ?? ''} signed for it: it was rewritten` });
      }
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
      if (report.problem) {
        throw new SealRefused(published && anchor.seq === published.seq && report.problem.seq === anchor.seq + 1
          ? { ...report.problem, detail: `${report.problem.detail} — the log no longer extends published checkpoint ${published.number} (entry ${published.seq})` }
          : report.problem);
      }
      await this.refuseOverdue(client, anchor.seq, options);
      const tree = await this.extendTree(client, last, head.seq);
      const number = Math.max(numbered?.number ?? 0, published?.number ?? 0) + 1;
      const checkpoint = signCheckpoint(signer, head, this.clock(), { number, root: frontierRoot(tree) });
      await insertCheckpoint(client, checkpoint, tree.subtrees);
      // Published before the commit: a checkpoint the database holds has always left it.
      if (this.schedule.publicationDir) await publishNote(this.schedule.publicationDir, number, checkpointNote(checkpoint, signer.publicKey));
      await client.query('COMMIT');
      this.log.info({ seq: checkpoint.seq, number, keyId: checkpoint.keyId }, 'disclosure log sealed');
      return { checkpoint, created: true };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Refuses a stretch whose oldest entry waited far longer than the schedule allows (unless `late`). */
  private async refuseOverdue(client: pg.PoolClient, sealedSeq: number, options: SealOptions): Promise<void> {
    if (options.late || this.schedule.intervalSeconds === 0) return;
    const oldest = await recordedAtOf(client, sealedSeq + 1);
    const waited = oldest ? this.clock().getTime() - oldest.getTime() : 0;
    if (oldest && waited > overdueAfterMs(this.schedule.intervalSeconds)) {
      throw new SealRefused({
        seq: sealedSeq + 1, kind: 'CHECKPOINT_MISSING',
        detail: `entry ${sealedSeq + 1} (recorded ${oldest.toISOString()}) has waited ${Math.round(waited / 1000)} s for a checkpoint, far beyond the ${this.schedule.intervalSeconds} s schedule: its checkpoint may have been deleted; look, then seal with --late`,
      });
    }
  }

  /** The Merkle tree of entries 1…headSeq, from the last checkpoint's stored frontier when it matches its signed root, else from every entry. */
  private async extendTree(client: pg.PoolClient, last: Checkpoint | null, headSeq: number): Promise<Frontier> {
    let tree: Frontier = EMPTY_FRONTIER;
    const stored = last?.root ? await checkpointFrontier(client, last.seq) : null;
    if (last?.root && stored) {
      const candidate = { size: last.seq, subtrees: stored };
      if (frontierRoot(candidate).equals(last.root)) tree = candidate;
    }
    for await (const hash of readChainHashes(client, { afterSeq: tree.size, toSeq: headSeq })) tree = appendLeaf(tree, leafHash(hash));
    if (tree.size !== headSeq) throw new Error(`the Merkle tree reached ${tree.size} entries, the chain head is ${headSeq}`);
    return tree;
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
      if (this.running || this.clock().getTime() < this.retryAt) return;
      this.running = this.seal({ force: false })
        .then(() => {
          this.retryAt = 0;
          this.retryDelayMs = 0;
        })
        .catch((error: unknown) => this.noteFailure(error, 'scheduled'))
        .finally(() => {
          this.running = null;
        });
    }, every);
    this.timer.unref();
  }

  /** Logs a failed seal; after a refusal, scheduled attempts back off (REFUSED_RETRY_MIN_MS…MAX). */
  private noteFailure(error: unknown, when: 'scheduled' | 'on stop'): void {
    const refused = error instanceof SealRefused;
    if (refused) {
      this.retryDelayMs = Math.min(Math.max(REFUSED_RETRY_MIN_MS, this.retryDelayMs * 2), REFUSED_RETRY_MAX_MS);
      this.retryAt = this.clock().getTime() + this.retryDelayMs;
    }
    this.log.error({
      err: (error as Error).message,
      ...(refused ? { problem: error.problem, nextAttemptInSeconds: this.retryDelayMs / 1000 } : {}),
    }, refused ? 'DISCLOSURE LOG NOT INTACT: checkpoint refused' : `disclosure log: ${when} seal failed`);
  }

  /**
   * Stops the schedule. A process that sealed on schedule then seals what it appended, so that
   * its last entries do not wait for another process (or its own restart) and look overdue —
   * unless nothing is unsealed, a refusal stands, or the database does not answer (logged).
   */
  async stop(): Promise<void> {
    const scheduled = this.timer !== undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    if (scheduled && this.retryAt === 0) await this.seal({ force: true }).catch((error: unknown) => this.noteFailure(error, 'on stop'));
  }
}
