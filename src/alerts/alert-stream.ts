import type { Queryable } from '../feed/change-feed.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import { ResumableStream, type Backlog } from '../streams/resumable-stream.js';
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

/** One subscriber's alerts (see openAlertStream). */
export type AlertStream = ResumableStream<DeliveredAlert>;

const BACKLOG_PAGE = 500;
const DEFAULT_MAX_QUEUED = 10_000;

/**
 * One subscriber's alerts: first, when resuming, the changes after the given position decided
 * with the recipient's current ability; then the live deliveries of the process's dispatcher
 * that pass the subscriber's filter. Positions only increase and none is delivered twice.
 */
export function openAlertStream(options: AlertStreamOptions): AlertStream {
  const { dispatcher, recipient, filter, after } = options;
  const key = policyKeyOf(recipient);
  const maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  const now = options.now ?? (() => new Date());
  /** The last position delivered to the consumer (or, before any, where it started). */
  let last = after ?? dispatcher.position;

  /** Changes after `from` up to the end of the feed, decided with the current ability. */
  const readBacklog = async (from: number, closed: () => boolean): Promise<Backlog<DeliveredAlert>> => {
    const missed: DeliveredAlert[] = [];
    let cursor = from;
    for (;;) {
      const changes = await readFeedChanges(options.db, cursor, BACKLOG_PAGE);
      if (changes.length === 0 || closed()) break;
      const policy = await options.policy.policyFor(key);
      const at = now();
      for (const change of changes) {
        const delivery = decideDelivery(policy, change);
        if (delivery.deliver && matchesFilter(filter, delivery, at)) missed.push(delivery);
      }
      cursor = changes.at(-1)!.position;
      if (missed.length > maxQueued) {
        return { refused: new AlertConsumerTooSlow('Too many alerts to resume from that event id; resume from a later one') };
      }
    }
    return { missed };
  };

  return new ResumableStream<DeliveredAlert>({
    listen: (push) => dispatcher.add({
      key,
      deliver: (deliveries) => {
        const at = now();
        push(deliveries.filter((delivery) => delivery.event.position > last && matchesFilter(filter, delivery, at)));
      },
    }),
    readBacklog: after === null ? null : (closed) => readBacklog(after, closed),
    deliverable: (delivery) => {
      if (delivery.event.position <= last) return false;
      last = delivery.event.position;
      return true;
    },
    order: (a, b) => a.event.position - b.event.position,
    maxQueued,
    tooSlow: () => new AlertConsumerTooSlow('Too many undelivered alerts; resubscribe with after: the last event id received'),
  });
}
