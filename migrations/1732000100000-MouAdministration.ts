import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MoU administration (issue 3): the lifecycle columns of an MoU, approvals that are voided
 * rather than deleted, and the append-only admin audit log (as Estonia's X-Road keeps a
 * separate admin audit log of every configuration change; docs/architecture.md §7).
 *
 * The lifecycle rules live in src/mou/rules/mou-lifecycle.ts; the database repeats the parts
 * that must hold whatever the application does, so that neither a defect nor a hand-written
 * UPDATE can resurrect a terminated MoU, rewrite signed terms or erase the record of it:
 * - the status graph (a trigger refuses any other status change);
 * - signed terms and clauses are immutable: once a party has approved, or once the MoU is past
 *   PENDING_APPROVAL, its terms and clauses cannot change (edits void the approvals first);
 * - nothing is deleted: not an MoU, not an approval (approvals are voided), not an audit event;
 * - at most one version of a reference is in force (ACTIVE or SUSPENDED) and at most one is in
 *   preparation (DRAFT, PENDING_APPROVAL or APPROVED).
 *
 * TRUNCATE stays possible on the GatewayCore tables (`liaison seed --reset` in development)
 * but never on the audit log.
 */
export class MouAdministration1732000100000 implements MigrationInterface {
  name = 'MouAdministration1732000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mou
        ADD COLUMN authors                  text[] NOT NULL DEFAULT '{}',
        ADD COLUMN status_reason            text,
        ADD COLUMN status_changed_at        timestamptz(3),
        ADD COLUMN suspended_by_agency_code text REFERENCES agency(code),
        ADD CONSTRAINT mou_suspension_has_party CHECK (
          status <> 'SUSPENDED'
          OR coalesce(suspended_by_agency_code IN (provider_agency_code, recipient_agency_code), false))`);
    await q.query(`COMMENT ON COLUMN mou.authors IS 'AGENCY:user of everyone who drafted or edited this version; none of them may approve it (four eyes)'`);
    await q.query(`CREATE UNIQUE INDEX mou_one_in_force_per_reference ON mou (reference) WHERE status IN ('ACTIVE', 'SUSPENDED')`);
    await q.query(`CREATE UNIQUE INDEX mou_one_in_preparation_per_reference ON mou (reference) WHERE status IN ('DRAFT', 'PENDING_APPROVAL', 'APPROVED')`);
    await q.query(`CREATE INDEX mou_lifecycle_due_idx ON mou (valid_from, valid_until) WHERE status IN ('APPROVED', 'ACTIVE', 'SUSPENDED')`);

    // Approvals are voided, never deleted: the history of who signed what stays.
    await q.query(`
      ALTER TABLE mou_approval
        ADD COLUMN voided_at   timestamptz(3),
        ADD COLUMN void_reason text,
        ADD CONSTRAINT mou_approval_void_reason CHECK ((voided_at IS NULL) = (void_reason IS NULL))`);
    await q.query(`ALTER TABLE mou_approval DROP CONSTRAINT mou_approval_mou_id_agency_code_key`);
    await q.query(`CREATE UNIQUE INDEX mou_approval_current_idx ON mou_approval (mou_id, agency_code) WHERE voided_at IS NULL`);
    await q.query(`CREATE INDEX mou_clause_mou_idx ON mou_clause (mou_id, position)`);

    await q.query(`
      CREATE FUNCTION liaison_mou_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'MoU % v% cannot be deleted: every version stays on record', OLD.reference, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
             (OLD.status = 'DRAFT'            AND NEW.status IN ('PENDING_APPROVAL', 'TERMINATED'))
          OR (OLD.status = 'PENDING_APPROVAL' AND NEW.status IN ('DRAFT', 'APPROVED', 'TERMINATED'))
          OR (OLD.status = 'APPROVED'         AND NEW.status IN ('ACTIVE', 'EXPIRED', 'TERMINATED', 'SUPERSEDED'))
          OR (OLD.status = 'ACTIVE'           AND NEW.status IN ('SUSPENDED', 'EXPIRED', 'TERMINATED', 'SUPERSEDED'))
          OR (OLD.status = 'SUSPENDED'        AND NEW.status IN ('ACTIVE', 'EXPIRED', 'TERMINATED', 'SUPERSEDED'))) THEN
          RAISE EXCEPTION 'MoU % v%: status % cannot become %', OLD.reference, OLD.version, OLD.status, NEW.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status NOT IN ('DRAFT', 'PENDING_APPROVAL') AND (
             NEW.reference, NEW.version, NEW.title, NEW.provider_agency_code, NEW.recipient_agency_code,
             NEW.legal_basis, NEW.purposes, NEW.valid_from, NEW.valid_until, NEW.created_by, NEW.authors
           ) IS DISTINCT FROM (
             OLD.reference, OLD.version, OLD.title, OLD.provider_agency_code, OLD.recipient_agency_code,
             OLD.legal_basis, OLD.purposes, OLD.valid_from, OLD.valid_until, OLD.created_by, OLD.authors
           ) THEN
          RAISE EXCEPTION 'MoU % v% is %: its signed terms cannot change (amend it instead)', OLD.reference, OLD.version, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER mou_guard BEFORE UPDATE OR DELETE ON mou FOR EACH ROW EXECUTE FUNCTION liaison_mou_guard()`);

    // Clauses change only while nobody has signed: UPDATE and DELETE also need the MoU to be
    // in DRAFT or PENDING_APPROVAL. (INSERT into a not-yet-approved MoU of any status stays
    // possible for the demo seeder, which writes an ACTIVE MoU's clauses before its approvals.)
    await q.query(`
      CREATE FUNCTION liaison_mou_clause_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.mou_id ELSE NEW.mou_id END;
        parent record;
      BEGIN
        SELECT m.reference, m.version, m.status,
               EXISTS (SELECT 1 FROM mou_approval a WHERE a.mou_id = m.id AND a.voided_at IS NULL) AS approved
          INTO parent FROM mou m WHERE m.id = target;
        IF parent.approved OR (TG_OP <> 'INSERT' AND parent.status NOT IN ('DRAFT', 'PENDING_APPROVAL')) THEN
          RAISE EXCEPTION 'MoU % v% (%): its clauses cannot change once a party has approved it', parent.reference, parent.version, parent.status
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.mou_id <> OLD.mou_id THEN
          RAISE EXCEPTION 'a clause cannot move to another MoU' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER mou_clause_guard BEFORE INSERT OR UPDATE OR DELETE ON mou_clause FOR EACH ROW EXECUTE FUNCTION liaison_mou_clause_guard()`);

    await q.query(`
      CREATE FUNCTION liaison_mou_approval_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.voided_at IS NOT NULL
           OR (NEW.id, NEW.mou_id, NEW.agency_code, NEW.user_id, NEW.approved_at)
              IS DISTINCT FROM (OLD.id, OLD.mou_id, OLD.agency_code, OLD.user_id, OLD.approved_at) THEN
          RAISE EXCEPTION 'approvals are never deleted or rewritten; they can only be voided once'
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER mou_approval_guard BEFORE UPDATE OR DELETE ON mou_approval FOR EACH ROW EXECUTE FUNCTION liaison_mou_approval_guard()`);

    // The admin audit log. No foreign keys: an event may name an MoU id that does not exist
    // (a refused request for it), and nothing may stop the log outliving the rows it names.
    await q.query(`
      CREATE TABLE mou_admin_event (
        seq                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id                 uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        occurred_at        timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        action             text NOT NULL CHECK (action ~ '^[A-Z][A-Z_]{1,39}$'),
        outcome            text NOT NULL CHECK (outcome IN ('SUCCEEDED', 'REFUSED', 'FAILED')),
        channel            text NOT NULL CHECK (channel IN ('GRAPHQL', 'CLI', 'SCHEDULER')),
        actor_user_id      text NOT NULL,
        actor_agency_code  text,
        actor_roles        text[] NOT NULL DEFAULT '{}',
        decision_id        text,
        mou_id             uuid,
        mou_reference      text,
        mou_version        integer,
        clause_id          uuid,
        party_agency_codes text[] NOT NULL DEFAULT '{}',
        reason             text,
        refusal_code       text,
        refusal_rule       text,
        refusal_message    text,
        request            jsonb,
        before             jsonb,
        after              jsonb,
        CHECK ((outcome = 'SUCCEEDED') = (refusal_code IS NULL))
      )`);
    await q.query(`COMMENT ON TABLE mou_admin_event IS 'Append-only log of MoU administration: every lifecycle action and clause change, successful or refused'`);
    await q.query(`CREATE INDEX mou_admin_event_mou_idx ON mou_admin_event (mou_reference, seq)`);
    await q.query(`CREATE INDEX mou_admin_event_parties_idx ON mou_admin_event USING gin (party_agency_codes)`);
    await q.query(`
      CREATE FUNCTION mou_admin_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER mou_admin_event_append_only BEFORE UPDATE OR DELETE ON mou_admin_event FOR EACH ROW EXECUTE FUNCTION mou_admin_event_refuse_change()`);
    await q.query(`CREATE TRIGGER mou_admin_event_no_truncate BEFORE TRUNCATE ON mou_admin_event FOR EACH STATEMENT EXECUTE FUNCTION mou_admin_event_refuse_change()`);
  }

  /** Development only: discards the admin audit log, and fails if voided approvals would clash. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS mou_admin_event`);
    await q.query(`DROP FUNCTION IF EXISTS mou_admin_event_refuse_change()`);
    await q.query(`DROP TRIGGER IF EXISTS mou_approval_guard ON mou_approval`);
    await q.query(`DROP FUNCTION IF EXISTS liaison_mou_approval_guard()`);
    await q.query(`DROP TRIGGER IF EXISTS mou_clause_guard ON mou_clause`);
    await q.query(`DROP FUNCTION IF EXISTS liaison_mou_clause_guard()`);
    await q.query(`DROP TRIGGER IF EXISTS mou_guard ON mou`);
    await q.query(`DROP FUNCTION IF EXISTS liaison_mou_guard()`);
    await q.query(`DROP INDEX IF EXISTS mou_clause_mou_idx`);
    await q.query(`DROP INDEX IF EXISTS mou_approval_current_idx`);
    await q.query(`ALTER TABLE mou_approval DROP CONSTRAINT IF EXISTS mou_approval_void_reason, DROP COLUMN IF EXISTS voided_at, DROP COLUMN IF EXISTS void_reason`);
    await q.query(`ALTER TABLE mou_approval ADD CONSTRAINT mou_approval_mou_id_agency_code_key UNIQUE (mou_id, agency_code)`);
    await q.query(`DROP INDEX IF EXISTS mou_lifecycle_due_idx`);
    await q.query(`DROP INDEX IF EXISTS mou_one_in_preparation_per_reference`);
    await q.query(`DROP INDEX IF EXISTS mou_one_in_force_per_reference`);
    await q.query(`
      ALTER TABLE mou
        DROP CONSTRAINT IF EXISTS mou_suspension_has_party,
        DROP COLUMN IF EXISTS suspended_by_agency_code,
        DROP COLUMN IF EXISTS status_changed_at,
        DROP COLUMN IF EXISTS status_reason,
        DROP COLUMN IF EXISTS authors`);
  }
}
