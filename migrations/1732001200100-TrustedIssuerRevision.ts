import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A withdrawn issuer or key stops its tokens on every gateway process at once: a change to
 * the applied issuers bumps the policy revision, which every process hears (LISTEN/NOTIFY) and
 * checks each request's signing key against.
 */
export class TrustedIssuerRevision1732001200100 implements MigrationInterface {
  name = 'TrustedIssuerRevision1732001200100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER trusted_issuer_policy_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON trusted_issuer
        FOR EACH STATEMENT EXECUTE FUNCTION liaison_bump_policy_revision()`);
    await q.query(`COMMENT ON TABLE trusted_issuer IS 'Token issuers applied by liaison setup apply, each bound to one agency; trusted from the next gateway start, withdrawn at once'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS trusted_issuer_policy_revision ON trusted_issuer`);
    await q.query(`COMMENT ON TABLE trusted_issuer IS 'Token issuers applied by liaison setup apply, each bound to one agency; trusted from the next gateway start'`);
  }
}
