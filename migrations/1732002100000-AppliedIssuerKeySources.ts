import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An issuer applied to the database may publish its keys instead of (or beside) listing them:
 * at its `jwks_uri`, or where its OpenID Connect discovery document says. The gateway fetches
 * and refreshes them, so the identity provider rotates its keys without a restart. An issuer
 * may also offer the console's OpenID Connect sign-in (a public client's id and scope).
 */
export class AppliedIssuerKeySources1732002100000 implements MigrationInterface {
  name = 'AppliedIssuerKeySources1732002100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE trusted_issuer DROP CONSTRAINT trusted_issuer_jwks_uri_check`);
    await q.query(`ALTER TABLE trusted_issuer DROP CONSTRAINT trusted_issuer_keys_check`);
    await q.query(`
      ALTER TABLE trusted_issuer
        ADD COLUMN discovery boolean NOT NULL DEFAULT false,
        ADD COLUMN key_refresh_seconds integer CHECK (key_refresh_seconds BETWEEN 1 AND 86400),
        ADD COLUMN unknown_key_cooldown_seconds integer CHECK (unknown_key_cooldown_seconds BETWEEN 1 AND 86400),
        ADD COLUMN oidc_client_id text CHECK (oidc_client_id IS NULL OR length(oidc_client_id) BETWEEN 1 AND 200),
        ADD COLUMN oidc_scope text CHECK (oidc_scope IS NULL OR (oidc_client_id IS NOT NULL AND length(oidc_scope) BETWEEN 1 AND 200)),
        ADD CONSTRAINT trusted_issuer_jwks_uri_check CHECK (jwks_uri IS NULL OR (jwks_uri ~ '^https?://' AND length(jwks_uri) <= 1000)),
        ADD CONSTRAINT trusted_issuer_one_key_source CHECK (NOT (discovery AND jwks_uri IS NOT NULL)),
        ADD CONSTRAINT trusted_issuer_keys_check CHECK (
          jsonb_typeof(keys) = 'array' AND jsonb_array_length(keys) <= 20
          AND (jsonb_array_length(keys) >= 1 OR jwks_uri IS NOT NULL OR discovery)),
        ADD CONSTRAINT trusted_issuer_refresh_needs_source CHECK (
          (key_refresh_seconds IS NULL AND unknown_key_cooldown_seconds IS NULL) OR jwks_uri IS NOT NULL OR discovery)`);
    await q.query(`COMMENT ON COLUMN trusted_issuer.jwks_uri IS 'Where the issuer publishes its signing keys (JWKS); fetched and refreshed by every gateway'`);
    await q.query(`COMMENT ON COLUMN trusted_issuer.discovery IS 'The issuer''s keys are found through OpenID Connect discovery of the issuer URL'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM trusted_issuer WHERE jwks_uri IS NOT NULL OR discovery OR jsonb_array_length(keys) = 0`);
    await q.query(`
      ALTER TABLE trusted_issuer
        DROP CONSTRAINT trusted_issuer_refresh_needs_source,
        DROP CONSTRAINT trusted_issuer_keys_check,
        DROP CONSTRAINT trusted_issuer_one_key_source,
        DROP CONSTRAINT trusted_issuer_jwks_uri_check,
        DROP COLUMN oidc_scope, DROP COLUMN oidc_client_id, DROP COLUMN unknown_key_cooldown_seconds,
        DROP COLUMN key_refresh_seconds, DROP COLUMN discovery,
        ADD CONSTRAINT trusted_issuer_jwks_uri_check CHECK (jwks_uri IS NULL),
        ADD CONSTRAINT trusted_issuer_keys_check CHECK (jsonb_typeof(keys) = 'array' AND jsonb_array_length(keys) BETWEEN 1 AND 20)`);
  }
}
