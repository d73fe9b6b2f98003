import { developmentAuditKeyId, loadAuditKeys, type AuditKeys } from './audit/audit-keys.js';
import { TrustedIssuers, type TrustedIssuerConfig } from './auth/trusted-issuers.js';
import { ConfigError, type Config } from './config.js';

/**
 * Refuses to run in production with development trust: the committed development key pair
 * is public knowledge, so a production gateway trusting it would accept anyone's tokens.
 */
export function assertSafeToStart(config: Config, issuers: TrustedIssuers): void {
  if (config.mode !== 'production') return;
  if (issuers.developmentIssuersTrusted) {
    throw new ConfigError('production mode must not trust development token issuers');
  }
  if (issuers.configuredWithDevelopmentKey()) {
    throw new ConfigError('production mode refuses the DEVELOPMENT-ONLY key pair: configure your identity providers\' keys in LIAISON_TRUSTED_ISSUERS');
  }
  if (issuers.configuredCount === 0) {
    throw new ConfigError('production mode needs at least one trusted issuer: set LIAISON_TRUSTED_ISSUERS, or apply issuers with `liaison setup apply`');
  }
}

/**
 * Refuses to run in production without a checkpoint signing key of its own: the committed
 * development audit key is public, so checkpoints it signs prove nothing, and trusting it
 * would let anyone forge a seal over a rewritten disclosure log.
 */
export function assertAuditKeysSafe(config: Config, keys: AuditKeys): void {
  if (config.mode !== 'production') return;
  if (!keys.signer) {
    throw new ConfigError('production mode needs a disclosure-log signing key: set LIAISON_AUDIT_SIGNING_KEY to an Ed25519 private key (PEM)');
  }
  const development = developmentAuditKeyId();
  if (keys.signer.keyId === development || keys.trusted.has(development)) {
    throw new ConfigError('production mode refuses the DEVELOPMENT-ONLY audit key: configure your own in LIAISON_AUDIT_SIGNING_KEY (and LIAISON_AUDIT_PUBLIC_KEYS)');
  }
}

/**
 * What a gateway process trusts — token issuers and disclosure-log keys — loaded from
 * configuration (and the issuers applied to the database, `applied`) and checked for its
 * mode. Every gateway entry point starts here.
 */
export function loadTrust(config: Config, applied: readonly TrustedIssuerConfig[] = []): { issuers: TrustedIssuers; auditKeys: AuditKeys } {
  const issuers = new TrustedIssuers(config.jwt.issuers, config.mode === 'development', applied);
  assertSafeToStart(config, issuers);
  const auditKeys = loadAuditKeys(config);
  assertAuditKeysSafe(config, auditKeys);
  return { issuers, auditKeys };
}
