import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks and correction notices (issue 14, items 2, 5 and 6).
 *
 * - `webhook_endpoint`: an agency's registered endpoint — URL, the identity it receives under
 *   (purpose, roles, whether a case reference backs it), its event filter, its signing secret
 *   (encrypted: HMAC signing needs the secret itself, so it cannot be hashed) and, during a
 *   rotation, the previous secret until it lapses. `position` is the change-feed position up to
 *   which the endpoint's deliveries have been written to the outbox: the follower resumes there.
 *   Removal is a tombstone (`removed_at`): its deliveries and attempts stay queryable.
 * - `webhook_delivery`: the outbox, one row per (endpoint, event id) — unique, so a follower
 *   that re-reads after a crash cannot queue an event twice. PENDING rows are claimed by
 *   pushing `next_attempt_at` forward (a lease); DELIVERED and DEAD are final until an admin
 *   redelivers a dead one.
 * - `webhook_attempt`: every attempt, its HTTP status (or why there was none).
 * - `correction_notice`: one per (change event, recipient agency): a record the agency's staff
 *   received was corrected or withdrawn (LED Art. 7(3)); acknowledgement and escalation.
 * - `alert_cursor`: the position of a follower that is not per endpoint (the notice writer),
 *   started at the feed's head when this migration runs: nothing after it is missed.
 */
export class WebhooksAndNotices1732001900000 implements MigrationInterface {
  name = 'WebhooksAndNotices1732001900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_code            text NOT NULL,
        url                    text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
        description            text CHECK (length(description) <= 500),
        purpose                text NOT NULL,
        roles                  text[] NOT NULL CHECK (cardinality(roles) BETWEEN 1 AND 20),
        case_reference         text CHECK (length(case_reference) <= 200),
        event_filter           jsonb NOT NULL DEFAULT '{}'::jsonb,
        secret                 bytea NOT NULL,
        previous_secret        bytea,
        previous_secret_until  timestamptz(3),
        position               bigint NOT NULL CHECK (position >= 0),
        created_at             timestamptz(3) NOT NULL DEFAULT now(),
        created_by             text NOT NULL,
        removed_at             timestamptz(3),
        removed_by             text,
        CHECK ((previous_secret IS NULL) = (previous_secret_until IS NULL))
      )`);
    await q.query(`CREATE INDEX webhook_endpoint_agency_idx ON webhook_endpoint (agency_code) WHERE removed_at IS NULL`);

    await q.query(`
      CREATE TABLE webhook_delivery (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id       uuid NOT NULL REFERENCES webhook_endpoint (id),
        event_id         text NOT NULL,
        event_type       text NOT NULL,
        record_id        uuid,
        payload          jsonb NOT NULL,
        status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DELIVERED','DEAD','CANCELLED')),
        attempts         integer NOT NULL DEFAULT 0,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        retry_from       timestamptz(3) NOT NULL DEFAULT now(),
        next_attempt_at  timestamptz(3) NOT NULL DEFAULT now(),
        last_attempt_at  timestamptz(3),
        last_status      integer,
        last_error       text,
        delivered_at     timestamptz(3),
        dead_at          timestamptz(3),
        UNIQUE (webhook_id, event_id)
      )`);
    await q.query(`CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (webhook_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX webhook_delivery_record_idx ON webhook_delivery (record_id)`);

    await q.query(`
      CREATE TABLE webhook_attempt (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id   uuid NOT NULL REFERENCES webhook_delivery (id),
        attempted_at  timestamptz(3) NOT NULL,
        duration_ms   integer NOT NULL,
        http_status   integer,
        error         text
      )`);
    await q.query(`CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, id)`);

    await q.query(`
      CREATE TABLE correction_notice (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position               bigint NOT NULL,
        recipient_agency_code  text NOT NULL,
        owner_agency_code      text NOT NULL,
        subject                text NOT NULL,
        record_id              uuid NOT NULL,
        prisoner_id            uuid,
        change                 text NOT NULL CHECK (change IN ('CORRECTION','WITHDRAWAL')),
        revision               integer NOT NULL,
        occurred_at            timestamptz(3) NOT NULL,
        created_at             timestamptz(3) NOT NULL DEFAULT now(),
        acknowledged_at        timestamptz(3),
        acknowledged_by        text,
        escalated_at           timestamptz(3),
        UNIQUE (position, recipient_agency_code),
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      )`);
    await q.query(`CREATE INDEX correction_notice_recipient_idx ON correction_notice (recipient_agency_code, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX correction_notice_owner_idx ON correction_notice (owner_agency_code, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX correction_notice_due_idx ON correction_notice (created_at) WHERE acknowledged_at IS NULL AND escalated_at IS NULL`);

    await q.query(`CREATE TABLE alert_cursor (name text PRIMARY KEY, position bigint NOT NULL CHECK (position >= 0))`);
    await q.query(`INSERT INTO alert_cursor (name, position) SELECT 'correction-notices', COALESCE(max(position), 0) FROM change_event`);

    // Attempts are evidence of what was sent when: append-only, like the feed.
    await q.query(`
      CREATE TRIGGER webhook_attempt_append_only BEFORE UPDATE OR DELETE ON webhook_attempt
        FOR EACH ROW EXECUTE FUNCTION disclosure_log_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['alert_cursor', 'correction_notice', 'webhook_attempt', 'webhook_delivery', 'webhook_endpoint']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
