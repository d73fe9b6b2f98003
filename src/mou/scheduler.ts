import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { MouEntity } from '../entities/index.js';
import { timeTransition } from './rules/mou-lifecycle.js';
import { AdminJournal, SCHEDULER_ACTOR } from './admin-log.js';
import { activate, changeStatus } from './transitions.js';
import { loadMouRecord } from './records.js';

/** Arbitrary constant: one process at a time advances the lifecycle of a database's MoUs. */
const LIFECYCLE_LOCK = 7_324_903;
const TICK_MS = 1_000;

export interface LifecycleTransition {
  reference: string;
  version: number;
  to: 'ACTIVE' | 'EXPIRED';
}

/**
 * What the clock does to MoUs (src/mou/rules/mou-lifecycle.ts `timeTransition`), applied once:
 * APPROVED → ACTIVE at `validFrom` (superseding the previous version), APPROVED / ACTIVE /
 * SUSPENDED → EXPIRED at `validUntil`. Safe with several gateway processes: a transaction-level
 * advisory lock lets one process act (the others skip this tick), and every update names the
 * status it expects. Writes nothing when nothing is due — an UPDATE touching no row would still
 * fire the policy-revision trigger and make every process rebuild its abilities.
 */
export async function advanceMouLifecycles(dataSource: DataSource): Promise<{ transitions: LifecycleTransition[]; revision: number | null }> {
  return dataSource.transaction(async (tx) => {
    const [lock] = (await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked, now() AS now', [LIFECYCLE_LOCK])) as { locked: boolean; now: Date }[];
    if (!lock?.locked) return { transitions: [], revision: null };
    const due = await tx.getRepository(MouEntity).createQueryBuilder('m')
      .where(`(m.status = 'APPROVED' AND m.validFrom <= now())
           OR (m.status IN ('APPROVED', 'ACTIVE', 'SUSPENDED') AND m.validUntil <= now())`)
      .orderBy('m.reference').addOrderBy('m.version')
      .setLock('pessimistic_write')
      .getMany();
    if (due.length === 0) return { transitions: [], revision: null };
    const journal = new AdminJournal(tx, SCHEDULER_ACTOR);
    const transitions: LifecycleTransition[] = [];
    for (const { id } of due) {
      // Reloaded: activating a later version may have superseded this one a moment ago.
      const record = (await loadMouRecord(tx, id))!;
      const step = timeTransition(record.mou, lock.now);
      if (step === 'EXPIRED') {
        await changeStatus(tx, journal, record, 'EXPIRED', {
          action: 'EXPIRE', reason: `validity ended at ${record.mou.validUntil!.toISOString()}`,
        });
      } else if (step === 'ACTIVE') {
        await activate(tx, journal, record);
      } else {
        continue;
      }
      transitions.push({ reference: record.mou.reference, version: record.mou.version, to: step });
    }
    const [state] = (await tx.query('SELECT revision FROM policy_state WHERE id = 1')) as { revision: string }[];
    return { transitions, revision: Number(state?.revision ?? 0) };
  });
}

/**
 * Milliseconds until the clock next changes some MoU's status, if it ever does — measured on
 * the database's clock, the one `advanceMouLifecycles` uses, so that skew between this
 * process and the database cannot make the timer fire early and spin.
 */
async function untilNextBoundary(dataSource: DataSource): Promise<number | null> {
  const [row] = (await dataSource.query(`
    SELECT extract(epoch FROM min(t) - now()) * 1000 AS wait FROM (
      SELECT valid_from AS t FROM mou WHERE status = 'APPROVED' AND valid_from > now()
      UNION ALL
      SELECT valid_until FROM mou WHERE status IN ('APPROVED', 'ACTIVE', 'SUSPENDED') AND valid_until > now()
    ) boundaries`)) as { wait: string | null }[];
  return row?.wait === null || row?.wait === undefined ? null : Number(row.wait);
}

/**
 * Runs `advanceMouLifecycles` in every gateway process: every second, and exactly at the next
 * validity boundary when one falls within the coming second, so that an MoU approved for a
 * future date is in force within moments of it. (Access ends at `validUntil` even without
 * this: abilities never outlive an MoU's validity boundary.)
 */
export class MouLifecycleScheduler {
  private timer: NodeJS.Timeout | undefined;
  private precise: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { log?: Logger; onPolicyChange?: (revision: number) => void } = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.precise);
    await this.running;
  }

  /** One pass (never two at once in a process); errors are logged, the next tick retries. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      const { transitions, revision } = await advanceMouLifecycles(this.dataSource);
      if (transitions.length > 0) {
        this.options.log?.info({ transitions }, 'MoU lifecycle advanced');
        if (revision !== null) this.options.onPolicyChange?.(revision);
      }
      const wait = (await untilNextBoundary(this.dataSource)) ?? Infinity;
      if (!this.stopped && wait < TICK_MS) {
        clearTimeout(this.precise);
        this.precise = setTimeout(() => void this.tick(), Math.max(0, wait) + 5);
        this.precise.unref();
      }
    } catch (error) {
      this.options.log?.warn({ err: (error as Error).message }, 'MoU lifecycle pass failed; retrying at the next tick');
    }
  }
}
