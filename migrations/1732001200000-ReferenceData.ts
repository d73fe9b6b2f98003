import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data applied from a file (`liaison setup apply`): the token issuers each agency
 * vouches for, and the mark that makes a database a production exchange.
 *
 * An issuer is bound to exactly one agency: a token it signs acts for that agency whatever
 * its claims say. Keys are public keys only (PEM, SPKI); `jwks_uri` is reserved for issuers
 * whose keys will be fetched, and refused until then.
 *
 * The production mark is one row, written by the first `setup apply`; it is never removed
 * (`liaison seed` refuses a marked database, and a development-mode gateway refuses to start
 * on one, since it would trust the public development keys).
 */
export class ReferenceData1732001200000 implements MigrationInterface {
  name = 'ReferenceData1732001200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trusted_issuer (
        issuer      text PRIMARY KEY CHECK (length(issuer) BETWEEN 1 AND 500),
        agency_code text NOT NULL REFERENCES agency(code),
        audience    text CHECK (audience IS NULL OR length(audience) BETWEEN 1 AND 200),
        jwks_uri    text CHECK (jwks_uri IS NULL),
        keys        jsonb NOT NULL CHECK (jsonb_typeof(keys) = 'array' AND jsonb_array_length(keys) BETWEEN 1 AND 20),
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX trusted_issuer_agency_idx ON trusted_issuer (agency_code)`);
    await q.query(`COMMENT ON TABLE trusted_issuer IS 'Token issuers applied by liaison setup apply, each bound to one agency; trusted from the next gateway start'`);

    await q.query(`
      CREATE TABLE deployment (
        id        integer PRIMARY KEY CHECK (id = 1),
        mode      text NOT NULL CHECK (mode = 'production'),
        marked_at timestamptz(3) NOT NULL DEFAULT now(),
        marked_by text NOT NULL
      )`);
    await q.query(`COMMENT ON TABLE deployment IS 'One row once the database is a production exchange (written by the first liaison setup apply); never removed'`);
    await q.query(`
      CREATE FUNCTION deployment_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a production database stays one: % on deployment refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER deployment_permanent BEFORE UPDATE OR DELETE ON deployment FOR EACH ROW EXECUTE FUNCTION deployment_refuse_change()`);
    await q.query(`CREATE TRIGGER deployment_no_truncate BEFORE TRUNCATE ON deployment FOR EACH STATEMENT EXECUTE FUNCTION deployment_refuse_change()`);

    await q.query(`COMMENT ON TABLE mou_admin_event IS 'Append-only log of administration: every MoU lifecycle action and clause change, successful or refused, and every change of reference data'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS deployment`);
    await q.query(`DROP FUNCTION IF EXISTS deployment_refuse_change()`);
    await q.query(`DROP TABLE IF EXISTS trusted_issuer`);
    await q.query(`COMMENT ON TABLE mou_admin_event IS 'Append-only log of MoU administration: every lifecycle action and clause change, successful or refused'`);
  }
}
