import type { DataSource, EntityManager } from 'typeorm';
import type { Purpose } from '../domain/enums.js';
import { readChanges, type ChangeEvent } from '../feed/change-feed.js';
import type { DeliveryDecision } from './delivery-decision.js';
import { queueDeliveries, type QueuedEvent } from './delivery-outbox.js';
import { matchesFilter, type EventFilter } from './event-filter.js';
import { recordEvent, visibleChangeType } from './webhook-event.js';

/** The advisory lock that lets one process at a time feed the outbox. */
const FEEDER_LOCK = 7428190014;
const BATCH = 500;

interface LiveEndpoint {
  id: string;
  agency_code: string;
  purpose: Purpose;
  roles: string[];
  case_reference: string | null;
  event_filter: EventFilter;
  position: string;
}

const asQueryable = (tx: EntityManager) => ({ query: async <R>(text: string, values?: unknown[]) => ({ rows: await tx.query<R[]>(text, values) }) });

/**
 * Feeds the outbox from the change feed (issue 14, item 6). Each endpoint keeps its own
 * position; a pass reads the feed from the lowest, decides every event for every endpoint
 * behind it (its filter, then policy at delivery), queues the deliveries and moves the
 * positions, all in one transaction: a crash before the commit leaves both as they were, so a
 * restarted process resumes from the last position and the outbox's uniqueness on
 * (endpoint, event id) makes a repeat harmless. One process feeds at a time (an advisory lock);
 * the others' passes return at once.
 *
 * Returns whether more may be waiting (a full batch).
 */
export async function feedOutbox(db: DataSource, decision: DeliveryDecision & { forget?(): void }): Promise<{ more: boolean; queued: number }> {
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
    decision.forget?.();
    const told = await lastToldAbout(tx, events);
    const queued: QueuedEvent[] = [];
    for (const event of events) {
      for (const endpoint of endpoints) {
        if (event.position <= Number(endpoint.position) || !matchesFilter(endpoint.event_filter, event)) continue;
        const key = `${endpoint.id}|${event.recordId}`;
        const sawBefore = told.has(key) && told.get(key) !== 'record.no_longer_shared';
        const verdict = await decision.decide(
          { agencyCode: endpoint.agency_code, roles: endpoint.roles, purpose: endpoint.purpose, hasCaseReference: endpoint.case_reference !== null },
          event, sawBefore,
        );
        const type = verdict.kind === 'DELIVER' ? visibleChangeType(event.change) : verdict.kind === 'NO_LONGER_SHARED' ? 'record.no_longer_shared' : null;
        if (!type) continue;
        told.set(key, type);
        queued.push({ webhookId: endpoint.id, event: recordEvent(event, type) });
      }
    }
    const count = await queueDeliveries(tx, queued);
    const last = events.at(-1)!.position;
    await tx.query(`UPDATE webhook_endpoint SET position = $2 WHERE id = ANY($1::uuid[]) AND position < $2`, [endpoints.map((e) => e.id), last]);
    return { more: events.length === BATCH, queued: count };
  });
}

/** Per endpoint and record, the type of the last record event it was sent about (any record of `events`). */
async function lastToldAbout(tx: EntityManager, events: readonly ChangeEvent[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ webhook_id: string; record_id: string; event_type: string }[]>(
    `SELECT DISTINCT ON (webhook_id, record_id) webhook_id, record_id, event_type FROM webhook_delivery
      WHERE record_id = ANY($1::uuid[]) AND event_type LIKE 'record.%'
      ORDER BY webhook_id, record_id, substring(event_id FROM 5)::bigint DESC`,
    [[...new Set(events.map((e) => e.recordId))]],
  );
  return new Map(rows.map((r) => [`${r.webhook_id}|${r.record_id}`, r.event_type]));
}
