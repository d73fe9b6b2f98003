import type { Queryable } from '../feed/change-feed.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import type { AlertDispatcher, DeliveredAlert } from './alert-dispatcher.js';
import { matchesFilter, type AlertFilter } from './alert-filter.js';
import { decideDelivery, policyKeyOf, type Recipient } from './delivery-decision.js';
import { readFeedChanges } from './feed-changes.js';

export interface AlertStreamOptions {
  dispatcher: AlertDispatcher;
  db: Queryable;
  policy: PolicySource;
  recipient: Recipient;
  filter: AlertFilter;
  /** Resume: deliver what the recipient is entitled to after this feed position first (null: live only). */
  after: number | null;
  /** A consumer this far behind is cut off (it resumes from its last event id). */
  maxQueued?: number;
  now?: () => Date;
}

/** Raised into the stream when its consumer falls too far behind. */
export class AlertConsumerTooSlow extends Error {}

const BACKLOG_PAGE = 500;

/**
 * One subscriber's alerts, as an async iterator: first, when resuming, the changes after the
 * given position decided with the recipient's current ability; then the live deliveries of
 * the process's dispatcher. Positions only increase and none is delivered twice; the live
 * listener is registered before the backlog is read, so nothing falls between the two.
 * `return()` (the client unsubscribed, the socket closed) ends it at once.
 */
export class AlertStream implements AsyncIterableIterator<DeliveredAlert> {
  private readonly queue: DeliveredAlert[] = [];
  private waiting: ((result: IteratorResult<DeliveredAlert>) => void) | undefined;
  private failing: ((error: Error) => void) | undefined;
  private failure: Error | undefined;
  private done = false;
  private last: number;
  private backlog: Promise<void> | null;
  private readonly remove: () => void;

  constructor(private readonly options: AlertStreamOptions) {
    this.last = options.after ?? options.dispatcher.position;
    this.remove = options.dispatcher.add({ key: policyKeyOf(options.recipient), deliver: (deliveries) => this.push(deliveries) });
    this.backlog = options.after === null ? null : this.readBacklog(options.after);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<DeliveredAlert> {
    return this;
  }

  /** The last position delivered to the consumer (or, before any, where it started). */
  get position(): number {
    return this.last;
  }

  async next(): Promise<IteratorResult<DeliveredAlert>> {
    if (this.backlog) {
      const backlog = this.backlog;
      this.backlog = null;
      await backlog;
    }
    if (this.failure) {
      const failure = this.failure;
      this.finish();
      throw failure;
    }
    for (;;) {
      const next = this.queue.shift();
      if (!next) break;
      if (next.event.position <= this.last) continue;
      this.last = next.event.position;
      return { value: next, done: false };
    }
    if (this.done) return { value: undefined, done: true };
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failing = reject;
    });
  }

  async return(): Promise<IteratorResult<DeliveredAlert>> {
    this.finish();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<DeliveredAlert>> {
    this.finish();
    throw error;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.remove();
    this.queue.length = 0;
    const waiting = this.waiting;
    this.waiting = undefined;
    this.failing = undefined;
    waiting?.({ value: undefined, done: true });
  }

  private push(deliveries: readonly DeliveredAlert[]): void {
    if (this.done) return;
    const now = (this.options.now ?? (() => new Date()))();
    for (const delivery of deliveries) {
      if (delivery.event.position <= this.last || !matchesFilter(this.options.filter, delivery, now)) continue;
      if (this.waiting && this.queue.length === 0 && !this.backlog) {
        const waiting = this.waiting;
        this.waiting = undefined;
        this.failing = undefined;
        this.last = delivery.event.position;
        waiting({ value: delivery, done: false });
        continue;
      }
      this.queue.push(delivery);
    }
    if (this.queue.length > (this.options.maxQueued ?? 10_000)) {
      this.fail(new AlertConsumerTooSlow(`Too many undelivered alerts; resubscribe with after: the last event id received`));
    }
  }

  private fail(error: Error): void {
    if (this.waiting) {
      const failing = this.failing!;
      this.finish();
      failing(error);
    } else {
      this.failure = error;
      this.remove();
    }
  }

  /** Changes after `after` up to the end of the feed, decided with the current ability, queued ahead of any live delivery. */
  private async readBacklog(after: number): Promise<void> {
    const missed: DeliveredAlert[] = [];
    const key = policyKeyOf(this.options.recipient);
    let cursor = after;
    for (;;) {
      const changes = await readFeedChanges(this.options.db, cursor, BACKLOG_PAGE);
      if (changes.length === 0 || this.done) break;
      const policy = await this.options.policy.policyFor(key);
      const now = (this.options.now ?? (() => new Date()))();
      for (const change of changes) {
        const delivery = decideDelivery(policy, change);
        if (delivery.deliver && matchesFilter(this.options.filter, delivery, now)) missed.push(delivery);
      }
      cursor = changes.at(-1)!.position;
      if (missed.length > (this.options.maxQueued ?? 10_000)) {
        this.failure = new AlertConsumerTooSlow('Too many alerts to resume from that event id; resume from a later one');
        return;
      }
    }
    this.queue.unshift(...missed);
    this.queue.sort((a, b) => a.event.position - b.event.position);
  }
}
