/**
 * The alerts core (issue 14) — what subscriptions, webhooks and correction notices share.
 *
 *   change feed (change_event + change_event_image, written by the writing transaction)
 *     → FeedChange            one change with the record's policy image before and after it
 *     → decideDelivery        pure: recipient's CURRENT CompiledPolicy × change → the event
 *                             (typed, or NO_LONGER_SHARED), its clauses, filterable facts; or nothing
 *     → matchesFilter         pure: the recipient's AlertFilter
 *
 * A consumer with its own cursor (a webhook endpoint) reads `readFeedChanges(db, after)` and,
 * per change, `decideDelivery(await policy.policyFor(policyKeyOf(recipient)), change)`; the
 * event id (`evt_<position>`) is stable, so redeliveries carry the same id. A live consumer
 * in the gateway process adds an `AlertListener` to the process's `AlertDispatcher` (one
 * decision per distinct recipient key per change; the policy revision is re-read before each
 * batch, so a suspension committed before a change is always honoured). `openAlertStream` gives
 * one subscriber's resumable iterator over both (a ResumableStream, src/streams).
 */
export { ALERT_TYPES, alertEventId, positionOfEventId, type AlertEvent, type AlertType, type ChangeKind, type FeedChange } from './alert-event.js';
export { matchesFilter, type AlertFilter } from './alert-filter.js';
export { decideDelivery, policyKeyOf, type Delivery, type DeliveryFacts, type Recipient } from './delivery-decision.js';
export { AlertDispatcher, type AlertListener, type DeliveredAlert } from './alert-dispatcher.js';
export { openAlertStream, AlertConsumerTooSlow, type AlertStream } from './alert-stream.js';
export { readFeedChanges, pruneImages } from './feed-changes.js';
export type { PolicyImage } from './policy-image.js';
