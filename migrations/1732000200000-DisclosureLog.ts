import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The disclosure log (LED Art. 25; Mandela Rule 6: a secure audit trail): one entry per
 * request that read personal data, hash-chained, append-only, sealed by signed checkpoints.
 *
 * Ordering is decided here, not by the gateway processes: a BEFORE INSERT trigger takes the
 * chain head row FOR UPDATE, gives the entry the next sequence number, links it to the head's
 * hash and advances the head, all inside the inserting transaction. Concurrent inserts from
 * any number of processes therefore queue on one row lock and form a single chain, with no
 * gaps (a failed insert rolls the head back with it) and no forks.
 *
 *   hash(n) = SHA-256( hash(n-1) ‖ int8 big-endian(n) ‖ int8 big-endian(recorded_at(n), ms since 1970)
 *                      ‖ SHA-256(UTF-8(entry(n))) )
 *   hash(0) = 32 zero bytes (genesis)
 *
 * `entry` is the canonical JSON text of the entry (RFC 8785 form) exactly as hashed; the other
 * columns are an index over it for queries, and `liaison audit verify` checks that they agree
 * with the hashed text. No foreign keys: the log must outlive every row it mentions, and a
 * reset of the demo data must never reach it (seed-demo's clearData refuses if one existed).
 *
 * Append-only is enforced by triggers (UPDATE, DELETE and TRUNCATE are refused, for every
 * role). A superuser can still bypass triggers (session_replication_role = replica, DISABLE
 * TRIGGER): that is what the chain and the signed checkpoints make detectable.
 */
export class DisclosureLog1732000200000 implements MigrationInterface {
  name = 'DisclosureLog1732000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disclosure_log_head (
        id   smallint PRIMARY KEY CHECK (id = 1),
        seq  bigint NOT NULL CHECK (seq >= 0),
        hash bytea NOT NULL CHECK (octet_length(hash) = 32)
      )`);
    await q.query(`INSERT INTO disclosure_log_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'))`);

    await q.query(`
      CREATE TABLE disclosure_log (
        seq                bigint PRIMARY KEY,
        prev_hash          bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
        hash               bytea NOT NULL CHECK (octet_length(hash) = 32),
        entry              text NOT NULL,
        decision_id        uuid NOT NULL UNIQUE,
        recorded_at        timestamptz(3) NOT NULL,
        kind               text NOT NULL CHECK (kind IN ('CONSULTATION','DISCLOSURE','DENIAL','LOG_ACCESS')),
        user_id            text NOT NULL,
        agency_code        text NOT NULL,
        purpose            text,
        owner_agency_codes text[] NOT NULL,
        subject_ids        uuid[] NOT NULL
      )`);
    // Kept few: every index is maintained while the chain head is locked.
    await q.query(`CREATE INDEX disclosure_log_recorded_idx ON disclosure_log (recorded_at)`);
    await q.query(`CREATE INDEX disclosure_log_agency_idx ON disclosure_log (agency_code, seq)`);
    await q.query(`CREATE INDEX disclosure_log_owner_idx ON disclosure_log USING gin (owner_agency_codes)`);
    await q.query(`CREATE INDEX disclosure_log_subject_idx ON disclosure_log USING gin (subject_ids)`);

    await q.query(`
      CREATE FUNCTION disclosure_log_link() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head disclosure_log_head%ROWTYPE;
      BEGIN
        SELECT * INTO STRICT head FROM disclosure_log_head WHERE id = 1 FOR UPDATE;
        NEW.seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := sha256(head.hash || int8send(NEW.seq)
          || int8send((extract(epoch FROM NEW.recorded_at) * 1000)::bigint)
          || sha256(convert_to(NEW.entry, 'UTF8')));
        UPDATE disclosure_log_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER disclosure_log_link BEFORE INSERT ON disclosure_log
        FOR EACH ROW EXECUTE FUNCTION disclosure_log_link()`);

    await q.query(`
      CREATE FUNCTION disclosure_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // The head moves only inside disclosure_log_link (trigger depth 2); nobody moves it by hand.
    await q.query(`
      CREATE FUNCTION disclosure_log_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND NEW.seq = OLD.seq + 1 THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'disclosure_log_head moves only when an entry is appended: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q.query(`
      CREATE TABLE disclosure_log_checkpoint (
        seq       bigint PRIMARY KEY CHECK (seq >= 1),
        hash      bytea NOT NULL CHECK (octet_length(hash) = 32),
        signed_at timestamptz(3) NOT NULL,
        key_id    text NOT NULL,
        signature bytea NOT NULL
      )`);

    for (const table of ['disclosure_log', 'disclosure_log_checkpoint']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION disclosure_log_refuse_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION disclosure_log_refuse_change()`);
    }
    await q.query(`
      CREATE TRIGGER disclosure_log_head_guard BEFORE INSERT OR UPDATE OR DELETE ON disclosure_log_head
        FOR EACH ROW EXECUTE FUNCTION disclosure_log_head_guard()`);
    await q.query(`
      CREATE TRIGGER disclosure_log_head_no_truncate BEFORE TRUNCATE ON disclosure_log_head
        FOR EACH STATEMENT EXECUTE FUNCTION disclosure_log_refuse_change()`);
  }

  async down(): Promise<void> {
    // Deliberately irreversible: rolling back this migration would destroy the audit trail.
    throw new Error('DisclosureLog1732000200000 cannot be reverted: the disclosure log is never dropped by a migration');
  }
}
