import type { Logger } from 'pino';
import { ChangeFeedFollower, latestPosition, type ChangeEvent, type Queryable } from '../feed/change-feed.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import type { PolicyKey } from '../policies/build-policy.js';
import type { FeedChange } from './alert-event.js';
import { decideDelivery, type Delivery } from './delivery-decision.js';
import { pruneImages, withImages } from './feed-changes.js';

export type DeliveredAlert = Extract<Delivery, { deliver: true }>;

/** One live consumer of alerts in this process: a subscription (a webhook runner may be another). */
export interface AlertListener {
  /** Whose ability decides (listeners with the same key share each decision). */
  key: PolicyKey;
  /** Receives, in feed order, the deliveries its key is entitled to; must not block. */
  deliver(deliveries: readonly DeliveredAlert[]): void;
}

export interface AlertDispatcherOptions {
  databaseUrl: string;
  db: Queryable;
  policy: PolicySource;
  log?: Logger;
  /** Re-read the feed this often without a notification. */
  pollMs?: number;
  /** Policy images are deleted after this many days (resumption reaches no further back). */
  imageRetentionDays?: number;
  /** Called with each batch's changes once they are handed on (the benchmark measures commit → delivery). */
  onBatch?: (changes: readonly FeedChange[]) => void;
}

const keyString = (key: PolicyKey): string =>
  JSON.stringify([key.agencyCode, [...key.roles].sort(), key.purpose, key.hasCaseReference]);

const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * One per gateway process: follows the change feed (LISTEN `liaison_changes` + polling,
 * src/feed/change-feed.ts), attaches each change's policy images, and hands every listener
 * the deliveries its recipient's CURRENT ability allows (decideDelivery), one decision per
 * distinct policy key per change.
 *
 * Revocation: before each batch the policy revision is read from the database, so a change
 * committed after an MoU suspension is always decided under a policy that knows of it — on
 * every process, whatever the order in which the two notifications arrive.
 */
export class AlertDispatcher {
  private follower: ChangeFeedFollower | undefined;
  private readonly listeners = new Map<string, { key: PolicyKey; members: Set<AlertListener> }>();
  private pruneTimer: NodeJS.Timeout | undefined;
  /** Feed position handed on to listeners. */
  position = 0;

  constructor(private readonly options: AlertDispatcherOptions) {}

  async start(): Promise<void> {
    this.position = await latestPosition(this.options.db);
    this.follower = new ChangeFeedFollower({
      databaseUrl: this.options.databaseUrl,
      after: this.position,
      pollMs: this.options.pollMs ?? 1_000,
      onEvents: (events) => this.dispatch(events),
      onError: (error) => this.options.log?.warn({ err: error.message }, 'alerts: reading the change feed failed; retrying'),
    });
    await this.follower.start();
    const retention = this.options.imageRetentionDays;
    if (retention !== undefined && retention > 0) {
      this.pruneTimer = setInterval(() => {
        pruneImages(this.options.db, retention).catch((error: Error) => this.options.log?.warn({ err: error.message }, 'alert images: pruning failed'));
      }, PRUNE_INTERVAL_MS);
      this.pruneTimer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.follower?.stop();
  }

  /** Adds a listener; returns the function that removes it. */
  add(listener: AlertListener): () => void {
    const id = keyString(listener.key);
    let group = this.listeners.get(id);
    if (!group) this.listeners.set(id, group = { key: listener.key, members: new Set() });
    group.members.add(listener);
    return () => {
      group.members.delete(listener);
      if (group.members.size === 0 && this.listeners.get(id) === group) this.listeners.delete(id);
    };
  }

  get listenerCount(): number {
    let n = 0;
    for (const group of this.listeners.values()) n += group.members.size;
    return n;
  }

  /** Waits until every change committed so far has been handed on (tests). */
  async catchUp(): Promise<void> {
    await this.follower?.catchUp();
  }

  private async dispatch(events: ChangeEvent[]): Promise<void> {
    const [changes] = await Promise.all([withImages(this.options.db, events), this.refreshRevision()]);
    for (const group of [...this.listeners.values()]) {
      try {
        const policy = await this.options.policy.policyFor(group.key);
        const deliveries: DeliveredAlert[] = [];
        for (const change of changes) {
          const delivery = decideDelivery(policy, change);
          if (delivery.deliver) deliveries.push(delivery);
        }
        if (deliveries.length === 0) continue;
        for (const member of group.members) member.deliver(deliveries);
      } catch (error) {
        // Fail closed: a recipient whose policy cannot be had this time is told nothing of this batch.
        this.options.log?.error({ err: (error as Error).message, agency: group.key.agencyCode }, 'alerts: batch not delivered to a recipient group');
      }
    }
    this.position = events.at(-1)?.position ?? this.position;
    this.options.onBatch?.(changes);
  }

  private async refreshRevision(): Promise<void> {
    const { rows: [row] } = await this.options.db.query<{ revision: string }>('SELECT revision FROM policy_state WHERE id = 1');
    if (row) this.options.policy.noteRevision(Number(row.revision));
  }
}
