import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person is an issuer and a subject, not a bare user name: "alice" at the prisons' identity
 * provider and "alice" at the police's are two people. Approvals record the issuer that
 * vouched for the approver, so that "one person cannot approve for both parties" compares
 * whole identities. Approvals made before this migration have none (NULL) and are compared
 * with no one. The guard keeps the issuer as unchangeable as the rest of an approval.
 */
export class ApproverIssuer1732000500000 implements MigrationInterface {
  name = 'ApproverIssuer1732000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mou_approval ADD COLUMN issuer text`);
    await q.query(`
      CREATE OR REPLACE FUNCTION liaison_mou_approval_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.voided_at IS NOT NULL
           OR (NEW.id, NEW.mou_id, NEW.agency_code, NEW.user_id, NEW.issuer, NEW.approved_at)
              IS DISTINCT FROM (OLD.id, OLD.mou_id, OLD.agency_code, OLD.user_id, OLD.issuer, OLD.approved_at) THEN
          RAISE EXCEPTION 'approvals are never deleted or rewritten; they can only be voided once'
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION liaison_mou_approval_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.voided_at IS NOT NULL
           OR (NEW.id, NEW.mou_id, NEW.agency_code, NEW.user_id, NEW.approved_at)
              IS DISTINCT FROM (OLD.id, OLD.mou_id, OLD.agency_code, OLD.user_id, OLD.approved_at) THEN
          RAISE EXCEPTION 'approvals are never deleted or rewritten; they can only be voided once'
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`ALTER TABLE mou_approval DROP COLUMN issuer`);
  }
}
