import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AlertSettings } from '../config.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import { CHANGE_CHANNEL } from '../feed/change-feed.js';
import { WakeupLoop } from '../feed/wakeup-loop.js';
import { escalateOverdueNotices } from '../notices/notice-escalation.js';
import { writeNotices } from '../notices/notice-writer.js';
import { addressRules } from './address-rules.js';
import { DeliveryWorker } from './delivery-worker.js';
import { systemResolver, type Resolver } from './guarded-lookup.js';
import { feedOutbox } from './outbox-feeder.js';

export interface AlertWorkerDeps {
  settings: AlertSettings;
  dataSource: DataSource;
  databaseUrl: string;
  policies: PolicySource;
  log: Logger;
  /** Resolves endpoint host names (the system resolver unless a test plays a DNS server). */
  resolve?: Resolver;
}

/**
 * The background work of webhooks and correction notices in one gateway process: the outbox
 * feeder and the notice writer follow the change feed (woken by its NOTIFY, polling besides),
 * the delivery worker sends what is due, and overdue notices are escalated. Every part keeps
 * its state in the database, so any number of processes may run them and a restarted one
 * resumes where the last left off.
 */
export class AlertWorkers {
  readonly delivery: DeliveryWorker | null;
  private readonly feeder: WakeupLoop | null;
  private readonly notices: WakeupLoop;
  private escalationTimer: NodeJS.Timeout | undefined;
  private escalating: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AlertWorkerDeps) {
    const { settings, dataSource, log } = deps;
    const resolve = deps.resolve ?? systemResolver;
    this.delivery = settings.secretKey ? new DeliveryWorker({
      dataSource, log, secretKey: settings.secretKey, resolve, policies: deps.policies,
      addresses: addressRules(settings.productionRules, settings.allowedNetworks),
      schedule: { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs, windowMs: settings.retryWindowMs },
      attemptTimeoutMs: settings.attemptTimeoutMs, leaseMs: settings.leaseMs, pollMs: settings.pollMs,
    }) : null;
    this.feeder = this.delivery ? this.followFeed('webhook-outbox', async () => {
      const { more, queued } = await feedOutbox(dataSource, deps.policies);
      if (queued) this.delivery?.wake();
      return more;
    }) : null;
    this.notices = this.followFeed('correction-notices', async () => {
      const { more, written } = await writeNotices(dataSource);
      if (written) this.delivery?.wake();
      return more;
    });
  }

  /** Runs `pass` on each change-feed NOTIFY and every poll; the pass reads from its stored position. */
  private followFeed(name: string, pass: () => Promise<boolean>): WakeupLoop {
    const { databaseUrl, settings, log } = this.deps;
    return new WakeupLoop({
      pass,
      pollMs: Math.max(settings.pollMs, 1_000),
      onError: (error) => log.warn({ err: error.message, follower: name }, 'follower pass failed; retrying on the next poll'),
      listen: {
        databaseUrl, channel: CHANGE_CHANNEL, applicationName: `liaison-${name}`,
        onLost: (error) => log.warn({ err: error.message, follower: name }, 'feed listener lost; reopening it at the next wake-up, polling meanwhile'),
      },
    });
  }

  async start(): Promise<void> {
    if (!this.delivery) this.deps.log.warn('webhooks are off: LIAISON_WEBHOOK_SECRET_KEY is not configured (correction notices still reach the inbox)');
    await this.feeder?.start();
    await this.notices.start();
    this.delivery?.start();
    const everyMs = Math.min(60_000, Math.max(250, this.deps.settings.noticeEscalationSeconds * 250));
    this.escalationTimer = setInterval(() => {
      this.escalating = this.escalateNow().catch((error: unknown) => this.deps.log.warn({ err: (error as Error).message }, 'notice escalation failed'));
    }, everyMs);
    this.escalationTimer.unref();
  }

  async escalateNow(): Promise<number> {
    const escalated = await escalateOverdueNotices(this.deps.dataSource, this.deps.settings.noticeEscalationSeconds);
    if (escalated) this.delivery?.wake();
    return escalated;
  }

  /** Everything committed so far is queued (outbox and notices). */
  async catchUp(): Promise<void> {
    await this.feeder?.catchUp();
    await this.notices.catchUp();
  }

  async stop(): Promise<void> {
    if (this.escalationTimer) clearInterval(this.escalationTimer);
    await this.escalating;
    await this.feeder?.stop();
    await this.notices.stop();
    await this.delivery?.stop();
  }
}
