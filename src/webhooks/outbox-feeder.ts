import type { DataSource, EntityManager } from 'typeorm';
import { decideDelivery, matchesFilter, policyKeyOf, type AlertFilter, type Recipient } from '../alerts/index.js';
import { withImages } from '../alerts/feed-changes.js';
import { readChanges } from '../feed/change-feed.js';
import type { Purpose } from '../domain/enums.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import type { CompiledPolicy } from '../policies/compiled-policy.js';
import { queueDeliveries, type QueuedEvent } from './delivery-outbox.js';
import { webhookEventOf } from './webhook-event.js';

/** The advisory lock that lets one process at a time feed the outbox. */
const FEEDER_LOCK = 7428190014;
const BATCH = 500;

interface LiveEndpoint {
  id: string;
  agency_code: string;
  purpose: Purpose;
  roles: string[];
  case_reference: string | null;
  event_filter: AlertFilter;
  position: string;
}

export const asQueryable = (tx: EntityManager) => ({ query: async <R>(text: string, values?: unknown[]) => ({ rows: await tx.query<R[]>(text, values) }) });

export const recipientOf = (endpoint: { agency_code: string; roles: string[]; purpose: Purpose; case_reference: string | null }): Recipient => ({
  agencyCode: endpoint.agency_code, roles: [...endpoint.roles].sort(), purpose: endpoint.purpose, caseReference: endpoint.case_reference,
});

/**
 * Feeds the outbox from the change feed (issue 14, item 6). Each endpoint keeps its own
 * position; a pass reads the feed (with the records' policy images, src/alerts) from the
 * lowest, decides every change for every endpoint behind it with the endpoint's current
 * ability (the alerts core's `decideDelivery`: the typed event, NO_LONGER_SHARED to those who
 * could see the record before, or nothing) and its filter, queues the deliveries and moves the
 * positions — all in one transaction: a crash before the commit leaves both as they were, so
 * a restarted process resumes from the last position, and the outbox's uniqueness on
 * (endpoint, event id) makes a repeat harmless. One process feeds at a time (an advisory
 * lock); the others' passes return at once.
 */
export async function feedOutbox(db: DataSource, policies: PolicySource, now = () => new Date()): Promise<{ more: boolean; queued: number }> {
  return db.transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [FEEDER_LOCK]) as [{ locked: boolean }];
    if (!locked) return { more: false, queued: 0 };
    const endpoints = await tx.query<LiveEndpoint[]>(
      `SELECT id, agency_code, purpose, roles, case_reference, event_filter, position FROM webhook_endpoint WHERE removed_at IS NULL ORDER BY id`,
    );
    if (endpoints.length === 0) return { more: false, queued: 0 };
    const from = Math.min(...endpoints.map((e) => Number(e.position)));
    const events = await readChanges(asQueryable(tx), from, BATCH);
    if (events.length === 0) return { more: false, queued: 0 };
    const changes = await withImages(asQueryable(tx), events);
    const policyOf = new Map<string, CompiledPolicy>();
    for (const endpoint of endpoints) policyOf.set(endpoint.id, await policies.policyFor(policyKeyOf(recipientOf(endpoint))));
    const queued: QueuedEvent[] = [];
    const at = now();
    for (const change of changes) {
      for (const endpoint of endpoints) {
        if (change.position <= Number(endpoint.position)) continue;
        const delivery = decideDelivery(policyOf.get(endpoint.id)!, change);
        if (delivery.deliver && matchesFilter(endpoint.event_filter, delivery, at)) {
          queued.push({ webhookId: endpoint.id, event: webhookEventOf(delivery.event) });
        }
      }
    }
    const count = await queueDeliveries(tx, queued);
    const last = events.at(-1)!.position;
    await tx.query(`UPDATE webhook_endpoint SET position = $2 WHERE id = ANY($1::uuid[]) AND position < $2`, [endpoints.map((e) => e.id), last]);
    return { more: events.length === BATCH, queued: count };
  });
}
