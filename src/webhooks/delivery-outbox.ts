import type { DataSource, EntityManager } from 'typeorm';
import type { Purpose } from '../domain/enums.js';
import { isRecordId } from '../domain/input.js';
import { badUserInput, notFound } from '../errors.js';
import type { WebhookEvent } from './webhook-event.js';

/**
 * The durable outbox of webhook deliveries (table `webhook_delivery`) and its attempts.
 * One row per (endpoint, event id): queueing the same event twice is a no-op, so a follower
 * that crashed between queueing and saving its position queues nothing twice.
 */
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD' | 'CANCELLED';

export interface Delivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  recordId: string | null;
  payload: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  createdAt: Date;
  retryFrom: Date;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  deadAt: Date | null;
}

export interface Attempt {
  id: string;
  attemptedAt: Date;
  durationMs: number;
  httpStatus: number | null;
  error: string | null;
}

interface DeliveryRow {
  id: string; webhook_id: string; event_id: string; event_type: string; record_id: string | null; payload: WebhookEvent; status: DeliveryStatus;
  attempts: number; created_at: Date; retry_from: Date; next_attempt_at: Date; last_attempt_at: Date | null; last_status: number | null;
  last_error: string | null; delivered_at: Date | null; dead_at: Date | null;
}

const COLUMNS = 'id, webhook_id, event_id, event_type, record_id, payload, status, attempts, created_at, retry_from, next_attempt_at, last_attempt_at, last_status, last_error, delivered_at, dead_at';

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id, webhookId: r.webhook_id, eventId: r.event_id, eventType: r.event_type, recordId: r.record_id, payload: r.payload, status: r.status,
  attempts: r.attempts, createdAt: r.created_at, retryFrom: r.retry_from, nextAttemptAt: r.next_attempt_at, lastAttemptAt: r.last_attempt_at,
  lastStatus: r.last_status, lastError: r.last_error, deliveredAt: r.delivered_at, deadAt: r.dead_at,
});

export interface QueuedEvent {
  webhookId: string;
  event: WebhookEvent;
}

/*
 * Statements that change rows and return them are written `WITH x AS (UPDATE … RETURNING …)
 * SELECT …`: TypeORM's query() answers a bare UPDATE with [rows, count], a SELECT with rows.
 */

/** Queues events (in the caller's transaction); an event already queued for an endpoint is skipped. */
export async function queueDeliveries(tx: EntityManager, queued: readonly QueuedEvent[]): Promise<number> {
  if (queued.length === 0) return 0;
  const rows = await tx.query<{ id: string }[]>(
    `INSERT INTO webhook_delivery (webhook_id, event_id, event_type, record_id, payload)
     SELECT x.webhook_id, x.event_id, x.event_type, x.record_id, x.payload
       FROM jsonb_to_recordset($1::jsonb) AS x(webhook_id uuid, event_id text, event_type text, record_id uuid, payload jsonb)
     ON CONFLICT (webhook_id, event_id) DO NOTHING RETURNING id`,
    [JSON.stringify(queued.map((q) => ({ webhook_id: q.webhookId, event_id: q.event.id, event_type: q.event.type, record_id: q.event.recordId, payload: q.event })))],
  );
  return rows.length;
}

export interface ClaimedDelivery extends Delivery {
  url: string;
  secret: Buffer;
  previousSecret: Buffer | null;
  /** The identity the endpoint receives under. */
  endpoint: { agency_code: string; roles: string[]; purpose: Purpose; case_reference: string | null };
}

/**
 * Claims up to `limit` due deliveries of live endpoints for one attempt each: their next
 * attempt moves `leaseMs` ahead, so another process (or this one after a crash) tries again
 * only if this attempt's outcome is never recorded. SKIP LOCKED: processes never wait on each other.
 */
export async function claimDue(db: DataSource, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const rows = await db.query<(DeliveryRow & { url: string; secret: Buffer; previous_secret: Buffer | null; agency_code: string; roles: string[]; purpose: Purpose; case_reference: string | null })[]>(
    `WITH due AS (
       SELECT d.id FROM webhook_delivery d
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
        ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE webhook_delivery d SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2 / 1000.0)
         FROM due WHERE d.id = due.id RETURNING d.*
     )
     SELECT c.${COLUMNS.split(', ').join(', c.')}, w.url, w.secret, w.agency_code, w.roles, w.purpose, w.case_reference,
            CASE WHEN w.previous_secret_until > now() THEN w.previous_secret END AS previous_secret
       FROM claimed c JOIN webhook_endpoint w ON w.id = c.webhook_id`,
    [limit, leaseMs],
  );
  return rows.map((r) => ({
    ...toDelivery(r), url: r.url, secret: r.secret, previousSecret: r.previous_secret,
    endpoint: { agency_code: r.agency_code, roles: r.roles, purpose: r.purpose, case_reference: r.case_reference },
  }));
}

export interface AttemptOutcome {
  attemptedAt: Date;
  durationMs: number;
  httpStatus: number | null;
  error: string | null;
  /** DELIVERED; or PENDING with the next attempt's time; or DEAD. */
  next: { status: 'DELIVERED' } | { status: 'PENDING'; retryAt: Date } | { status: 'DEAD' };
}

/** Records attempts and their deliveries' new states: one statement for a batch, so each attempt and its state together or neither. */
export async function recordAttempts(db: DataSource, attempts: readonly { deliveryId: string; outcome: AttemptOutcome }[]): Promise<void> {
  if (attempts.length === 0) return;
  await db.query(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(delivery_id uuid, attempted_at timestamptz, duration_ms integer, http_status integer, error text, status text, retry_at timestamptz)
     ), attempt AS (
       INSERT INTO webhook_attempt (delivery_id, attempted_at, duration_ms, http_status, error)
       SELECT delivery_id, attempted_at, duration_ms, http_status, error FROM x
     )
     UPDATE webhook_delivery d SET last_attempt_at = x.attempted_at, last_status = x.http_status, last_error = x.error, status = x.status,
            delivered_at = CASE WHEN x.status = 'DELIVERED' THEN x.attempted_at ELSE d.delivered_at END,
            dead_at = CASE WHEN x.status = 'DEAD' THEN x.attempted_at ELSE d.dead_at END,
            next_attempt_at = COALESCE(x.retry_at, d.next_attempt_at)
       FROM x WHERE d.id = x.delivery_id AND d.status = 'PENDING'`,
    [JSON.stringify(attempts.map(({ deliveryId, outcome }) => ({
      delivery_id: deliveryId, attempted_at: outcome.attemptedAt.toISOString(), duration_ms: outcome.durationMs, http_status: outcome.httpStatus,
      error: outcome.error, status: outcome.next.status, retry_at: outcome.next.status === 'PENDING' ? outcome.next.retryAt.toISOString() : null,
    })))],
  );
}

/** A queued delivery the endpoint is no longer entitled to (policy at delivery): never sent. */
export async function cancelDelivery(db: DataSource, deliveryId: string, reason: string): Promise<void> {
  await db.query(`UPDATE webhook_delivery SET status = 'CANCELLED', last_error = $2 WHERE id = $1 AND status = 'PENDING'`, [deliveryId, reason]);
}

export interface DeliveryFilter {
  webhookId?: string | null;
  statuses?: DeliveryStatus[] | null;
  eventId?: string | null;
}

/** Deliveries to the endpoints of `agencyCode`, newest first, keyset-paged by delivery id. */
export async function listDeliveries(db: DataSource, agencyCode: string, filter: DeliveryFilter, first: number, after: string | null): Promise<Delivery[]> {
  const params: unknown[] = [agencyCode];
  const terms = ['w.agency_code = $1'];
  const p = (value: unknown): string => `$${params.push(value)}`;
  if (filter.webhookId) {
    if (!isRecordId(filter.webhookId)) throw badUserInput('webhookId must be a webhook id (a UUID)');
    terms.push(`d.webhook_id = ${p(filter.webhookId)}`);
  }
  if (filter.statuses?.length) terms.push(`d.status = ANY(${p(filter.statuses)}::text[])`);
  if (filter.eventId) terms.push(`d.event_id = ${p(filter.eventId)}`);
  if (after) {
    if (!isRecordId(after)) throw badUserInput('after is not a cursor of this list');
    terms.push(`(d.created_at, d.id) < (SELECT created_at, id FROM webhook_delivery WHERE id = ${p(after)})`);
  }
  const rows = await db.query<DeliveryRow[]>(
    `SELECT d.${COLUMNS.split(', ').join(', d.')} FROM webhook_delivery d JOIN webhook_endpoint w ON w.id = d.webhook_id
      WHERE ${terms.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT ${p(first)}`,
    params,
  );
  return rows.map(toDelivery);
}

/** The attempts of deliveries, in order, at most `perDelivery` (the latest) each. */
export async function attemptsOf(db: DataSource, deliveryIds: readonly string[], perDelivery = 50): Promise<Map<string, Attempt[]>> {
  const byDelivery = new Map<string, Attempt[]>(deliveryIds.map((id) => [id, []]));
  if (deliveryIds.length === 0) return byDelivery;
  const rows = await db.query<{ id: string; delivery_id: string; attempted_at: Date; duration_ms: number; http_status: number | null; error: string | null }[]>(
    `SELECT a.* FROM unnest($1::uuid[]) AS d(id)
       CROSS JOIN LATERAL (SELECT id, delivery_id, attempted_at, duration_ms, http_status, error FROM webhook_attempt
                            WHERE delivery_id = d.id ORDER BY id DESC LIMIT $2) a
      ORDER BY a.id`,
    [deliveryIds, perDelivery],
  );
  for (const r of rows) byDelivery.get(r.delivery_id)?.push({ id: String(r.id), attemptedAt: r.attempted_at, durationMs: r.duration_ms, httpStatus: r.http_status, error: r.error });
  return byDelivery;
}

/**
 * Puts dead deliveries of the agency's live endpoints back in the queue, with a fresh back-off
 * window and the same event id (the receiver deduplicates by it). By delivery ids, or every
 * dead delivery of one endpoint.
 */
export async function redeliver(db: DataSource, agencyCode: string, target: { deliveryIds?: string[]; webhookId?: string }): Promise<Delivery[]> {
  const ids = target.deliveryIds ?? [];
  if (ids.some((id) => !isRecordId(id))) throw badUserInput('deliveryIds must be delivery ids (UUIDs)');
  if (target.webhookId !== undefined && !isRecordId(target.webhookId)) throw badUserInput('webhookId must be a webhook id (a UUID)');
  if (ids.length === 0 && !target.webhookId) throw badUserInput('name the deliveries or the webhook to redeliver');
  if (ids.length > 1000) throw badUserInput('at most 1000 deliveries at once');
  const rows = await db.query<DeliveryRow[]>(
    `WITH queued AS (
       UPDATE webhook_delivery d SET status = 'PENDING', retry_from = now(), next_attempt_at = now(), dead_at = NULL
         FROM webhook_endpoint w
        WHERE w.id = d.webhook_id AND w.agency_code = $1 AND w.removed_at IS NULL AND d.status = 'DEAD'
          AND (d.id = ANY($2::uuid[]) OR d.webhook_id = $3::uuid)
        RETURNING d.*
     ) SELECT ${COLUMNS} FROM queued ORDER BY created_at DESC, id DESC`,
    [agencyCode, ids, target.webhookId ?? null],
  );
  if (ids.length === 1 && rows.length === 0) throw notFound('Dead delivery');
  return rows.map(toDelivery);
}
