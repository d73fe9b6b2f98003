import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { decideDelivery, policyKeyOf, positionOfEventId } from '../alerts/index.js';
import { withImages } from '../alerts/feed-changes.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import { WakeupLoop } from '../feed/wakeup-loop.js';
import { changesAt } from './changes-at.js';
import type { AddressRules } from './address-rules.js';
import { cancelDelivery, claimDue, recordAttempts, type AttemptOutcome, type ClaimedDelivery } from './delivery-outbox.js';
import { recipientOf } from './outbox-feeder.js';
import { guardedLookup, type Resolver } from './guarded-lookup.js';
import { nextStep, type RetrySchedule } from './retry-schedule.js';
import { openSecret } from './signing-secret.js';
import { sendSigned } from './webhook-sender.js';

export interface DeliveryWorkerOptions {
  dataSource: DataSource;
  log: Logger;
  secretKey: Buffer;
  addresses: AddressRules;
  resolve: Resolver;
  /** Decides again, before each attempt, whether the endpoint may still be told (an MoU suspended meanwhile). */
  policies: PolicySource;
  schedule: RetrySchedule;
  attemptTimeoutMs: number;
  leaseMs: number;
  pollMs: number;
  /** Attempts in flight at once (per process). */
  concurrency?: number;
}

/**
 * Sends what the outbox holds: claims due deliveries, signs and POSTs each, records the
 * attempt and its HTTP status, and schedules the next attempt (exponential back-off) or, past
 * the retry window, the dead-letter list. A 2xx answer delivers; anything else — another
 * status, no answer, an address the rules refuse — is a failed attempt. Every process may run
 * one: claims never overlap.
 */
export class DeliveryWorker {
  private readonly wakeups: WakeupLoop;
  private readonly lookup;
  /** Deliveries attempted by this worker (successful or not), for the benchmark and metrics. */
  attempted = 0;
  delivered = 0;

  /** Connections are kept alive per endpoint host: each new one is made through the guarded lookup. */
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 32 }), https: new https.Agent({ keepAlive: true, maxSockets: 32 }) };

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.lookup = guardedLookup(options.addresses, options.resolve);
    // No LISTEN: what queues deliveries wakes the worker; the poll finds retries come due.
    this.wakeups = new WakeupLoop({
      pass: () => this.deliverDue(),
      pollMs: options.pollMs,
      onError: (error) => options.log.warn({ err: error.message }, 'webhook delivery pass failed; retrying on the next poll'),
    });
  }

  start(): void {
    void this.wakeups.start();
  }

  /** Something was queued or came due: look now. */
  wake(): void {
    this.wakeups.wake();
  }

  /** Resolves when the current pass is over. */
  async idle(): Promise<void> {
    await this.wakeups.idle();
  }

  async stop(): Promise<void> {
    await this.wakeups.stop();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** Claims a batch of due deliveries and attempts them; false when none was due. */
  private async deliverDue(): Promise<boolean> {
    const claimed = await claimDue(this.options.dataSource, this.options.concurrency ?? 32, this.options.leaseMs);
    if (claimed.length === 0) return false;
    const entitled = await this.stillEntitled(claimed);
    for (const delivery of claimed) {
      if (!entitled.has(delivery.id)) await cancelDelivery(this.options.dataSource, delivery.id, 'NOT_ENTITLED: the endpoint\'s identity may no longer be told of this change');
    }
    const outcomes = await Promise.all(claimed.filter((d) => entitled.has(d.id)).map(async (delivery) => ({ deliveryId: delivery.id, outcome: await this.attempt(delivery) })));
    await recordAttempts(this.options.dataSource, outcomes);
    for (const { deliveryId, outcome } of outcomes) {
      if (outcome.next.status === 'DEAD') this.options.log.warn({ deliveryId }, 'webhook delivery dead-lettered');
    }
    return true;
  }

  /**
   * Policy at delivery: a record event is decided again with the endpoint's ability now, from
   * the change's policy images — a delivery queued, or retried, after an MoU was suspended or
   * the clause changed is cancelled, not sent. Notices are not re-decided: the agency received
   * the record, and LED Art. 7(3) says it must hear of the correction.
   */
  private async stillEntitled(claimed: readonly ClaimedDelivery[]): Promise<Set<string>> {
    const db = { query: async <R>(text: string, values?: unknown[]) => ({ rows: await this.options.dataSource.query<R[]>(text, values) }) };
    const positions = claimed.map((d) => positionOfEventId(d.eventId)).filter((p): p is number => p !== null);
    const changes = new Map((await withImages(db, await changesAt(db, positions))).map((c) => [c.position, c]));
    const entitled = new Set<string>();
    for (const delivery of claimed) {
      const position = positionOfEventId(delivery.eventId);
      if (position === null) {
        entitled.add(delivery.id);
        continue;
      }
      const change = changes.get(position);
      if (!change) continue;
      const decided = decideDelivery(await this.options.policies.policyFor(policyKeyOf(recipientOf(delivery.endpoint))), change);
      if (decided.deliver && decided.event.type === delivery.eventType) entitled.add(delivery.id);
    }
    return entitled;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    const secrets = [openSecret(delivery.secret, this.options.secretKey)];
    if (delivery.previousSecret) secrets.push(openSecret(delivery.previousSecret, this.options.secretKey));
    const attemptedAt = new Date();
    const result = await sendSigned({
      url: delivery.url, eventId: delivery.eventId, body: JSON.stringify(delivery.payload), secrets,
      timeoutMs: this.options.attemptTimeoutMs, lookup: this.lookup, now: attemptedAt, agents: this.agents,
    });
    this.attempted++;
    const ok = result.httpStatus !== null && result.httpStatus >= 200 && result.httpStatus < 300;
    if (ok) this.delivered++;
    const step = ok ? null : nextStep(this.options.schedule, delivery.attempts, delivery.retryFrom, new Date());
    return {
      attemptedAt,
      durationMs: result.durationMs,
      httpStatus: result.httpStatus,
      error: result.error,
      next: ok ? { status: 'DELIVERED' } : step && 'retryAt' in step ? { status: 'PENDING', retryAt: step.retryAt } : { status: 'DEAD' },
    };
  }
}
