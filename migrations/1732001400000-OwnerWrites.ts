import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every kind of shared record, by table. */
const SHARED_TABLES = [
  'prisoner', 'risk_flag', 'risk_assessment', 'classification', 'release_plan', 'intervention', 'intelligence_report',
] as const;

/** Tables created with `updated_at` (GatewayCore). */
const TABLES_WITH_UPDATED_AT: ReadonlySet<string> = new Set(['prisoner', 'risk_flag', 'release_plan']);

/**
 * Owner writes (issue 12): agencies publish, correct and withdraw their own records.
 *
 * - Each shared record gets an `external_id` (the key in the owner's system of record,
 *   unique per owner and kind; prisoners take their prison number, other existing rows a
 *   random one), a `revision` for optimistic concurrency, `updated_at`, and a tombstone
 *   (`withdrawn_at` + `withdrawal_reason`): a withdrawn record is never deleted (disclosure-log
 *   entries about it stay meaningful) but no read path returns it.
 * - `record_revision` keeps every change — who, when, channel, reason, the changed fields
 *   before and after — append-only, like the disclosure log (Mandela Rules 8–10; LED Art. 16:
 *   a correction is told apart from a routine update).
 * - `change_event` is the outbox of the change feed, written in the writing transaction.
 *   Positions are given in commit order: a row trigger takes a transaction-level advisory lock
 *   before drawing the position, and the lock is released only after the transaction is
 *   visible, so a transaction that commits later always has higher positions. A follower
 *   reading `position > last` therefore never skips an event that commits late (positions
 *   of rolled-back transactions are simply never seen). Every insert NOTIFYs
 *   `liaison_changes` on commit.
 * - The disclosure log learns the kinds of LED Art. 25 for writes: COLLECTION, ALTERATION and
 *   ERASURE.
 */
export class OwnerWrites1732001400000 implements MigrationInterface {
  name = 'OwnerWrites1732001400000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of SHARED_TABLES) {
      const columns = [
        `ADD COLUMN external_id text NOT NULL DEFAULT gen_random_uuid()::text CHECK (length(external_id) BETWEEN 1 AND 200)`,
        `ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1)`,
        `ADD COLUMN withdrawn_at timestamptz(3)`,
        `ADD COLUMN withdrawal_reason text`,
        `ADD CONSTRAINT ${table}_tombstone_check CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL))`,
      ];
      if (!TABLES_WITH_UPDATED_AT.has(table)) columns.push(`ADD COLUMN updated_at timestamptz(3) NOT NULL DEFAULT now()`);
      await q.query(`ALTER TABLE ${table} ${columns.join(', ')}`);
      if (table === 'prisoner') {
        // A prisoner written without an external id (the demo seed) is known by its prison number.
        await q.query(`UPDATE prisoner SET external_id = prison_number`);
        await q.query(`ALTER TABLE prisoner ALTER COLUMN external_id DROP DEFAULT`);
        await q.query(`
          CREATE FUNCTION prisoner_default_external_id() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            NEW.external_id := COALESCE(NEW.external_id, NEW.prison_number);
            RETURN NEW;
          END $$`);
        await q.query(`
          CREATE TRIGGER prisoner_default_external_id BEFORE INSERT ON prisoner
            FOR EACH ROW EXECUTE FUNCTION prisoner_default_external_id()`);
      }
      await q.query(`CREATE UNIQUE INDEX ${table}_owner_external_idx ON ${table} (owner_agency_code, external_id)`);
      await q.query(`CREATE INDEX ${table}_changed_idx ON ${table} (updated_at)`);
    }
    await q.query(`DROP INDEX IF EXISTS risk_flag_updated_idx`);

    await q.query(`
      CREATE TABLE record_revision (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subject           text NOT NULL,
        record_id         uuid NOT NULL,
        owner_agency_code text NOT NULL,
        revision          integer NOT NULL CHECK (revision >= 1),
        change            text NOT NULL CHECK (change IN ('CREATE','UPDATE','CORRECTION','WITHDRAWAL')),
        channel           text NOT NULL CHECK (channel IN ('API','CLI_IMPORT')),
        user_id           text NOT NULL,
        agency_code       text NOT NULL,
        changed_at        timestamptz(3) NOT NULL,
        reason            text,
        changes           jsonb NOT NULL,
        UNIQUE (subject, record_id, revision),
        CHECK (change <> 'CORRECTION' OR reason IS NOT NULL),
        CHECK (change <> 'WITHDRAWAL' OR reason IS NOT NULL)
      )`);

    await q.query(`CREATE SEQUENCE change_event_position_seq AS bigint`);
    await q.query(`
      CREATE TABLE change_event (
        position          bigint PRIMARY KEY,
        subject           text NOT NULL,
        record_id         uuid NOT NULL,
        owner_agency_code text NOT NULL,
        prisoner_id       uuid,
        change            text NOT NULL CHECK (change IN ('CREATE','UPDATE','CORRECTION','WITHDRAWAL')),
        fields            text[] NOT NULL,
        revision          integer NOT NULL,
        occurred_at       timestamptz(3) NOT NULL
      )`);
    await q.query(`CREATE INDEX change_event_record_idx ON change_event (record_id)`);
    // The lock key is the feed's alone; held from the first event of a transaction until after it is visible.
    await q.query(`
      CREATE FUNCTION change_event_position() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(7428190001);
        NEW.position := nextval('change_event_position_seq');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER change_event_position BEFORE INSERT ON change_event
        FOR EACH ROW EXECUTE FUNCTION change_event_position()`);
    await q.query(`
      CREATE FUNCTION change_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('liaison_changes', (SELECT max(position) FROM inserted)::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER change_event_notify AFTER INSERT ON change_event
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION change_event_notify()`);

    // History and feed are append-only, for every role (the disclosure log's refusal function).
    for (const table of ['record_revision', 'change_event']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION disclosure_log_refuse_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION disclosure_log_refuse_change()`);
    }

    await q.query(`ALTER TABLE disclosure_log DROP CONSTRAINT disclosure_log_kind_check`);
    await q.query(`
      ALTER TABLE disclosure_log ADD CONSTRAINT disclosure_log_kind_check
        CHECK (kind IN ('CONSULTATION','DISCLOSURE','DENIAL','LOG_ACCESS','COLLECTION','ALTERATION','ERASURE'))`);
  }

  async down(): Promise<void> {
    // Like the disclosure log: history and the feed are never dropped by a migration.
    throw new Error('OwnerWrites1732001400000 cannot be reverted: record history is never dropped by a migration');
  }
}
