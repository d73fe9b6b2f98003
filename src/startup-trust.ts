import type { DataSource } from 'typeorm';
import type { AuditKeys } from './audit/audit-keys.js';
import type { TrustedIssuerConfig, TrustedIssuers } from './auth/trusted-issuers.js';
import { ConfigError, type Config } from './config.js';
import { readAppliedIssuers, readProductionMark } from './reference-data/reference-store.js';
import { issuerBindingProblems } from './reference-data/rules/issuer-bindings.js';
import { publishesKeys, type IssuerDefinition } from './reference-data/rules/reference-data.js';
import { REMOTE_KEY_DEFAULTS } from './auth/remote-key-set.js';
import { loadTrust } from './startup-checks.js';

/**
 * What a gateway process trusts, once its database is migrated: the configured issuers and
 * the issuers applied to the database (`liaison setup apply`), each bound to an agency the
 * database has, and the disclosure-log keys. A database marked as production is served in
 * production mode only: a development-mode gateway trusts the public development keys.
 */
export async function loadTrustFromDatabase(config: Config, dataSource: DataSource): Promise<{ issuers: TrustedIssuers; auditKeys: AuditKeys }> {
  const mark = await readProductionMark(dataSource.manager);
  if (mark && config.mode !== 'production') {
    throw new ConfigError(`this database is a production exchange (marked by ${mark.markedBy} at ${mark.markedAt.toISOString()}): a gateway serves it only in production mode (LIAISON_MODE=production), never trusting development tokens`);
  }
  const applied = (await readAppliedIssuers(dataSource.manager)).map(appliedIssuerConfig);
  const agencies = (await dataSource.query('SELECT code FROM agency')) as { code: string }[];
  const problems = issuerBindingProblems(config.jwt.issuers, applied, new Set(agencies.map((a) => a.code)));
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return loadTrust(config, applied);
}

/**
 * An issuer applied to the database as the gateway trusts it: its listed keys, and — when it
 * publishes its keys (a JWKS URI, or OpenID Connect discovery) — where to fetch them and how
 * often, exactly as for an issuer configured in LIAISON_TRUSTED_ISSUERS; and the console's
 * sign-in with it, if any.
 */
export function appliedIssuerConfig(issuer: IssuerDefinition & { agency: string }): TrustedIssuerConfig {
  return {
    issuer: issuer.issuer,
    agency: issuer.agency,
    audience: issuer.audience,
    keys: issuer.keys,
    ...(publishesKeys(issuer) ? {
      remoteKeys: {
        ...(issuer.jwksUri === null ? {} : { jwksUri: issuer.jwksUri }),
        refreshSeconds: issuer.keyRefreshSeconds ?? REMOTE_KEY_DEFAULTS.refreshSeconds,
        unknownKeyCooldownSeconds: issuer.unknownKeyCooldownSeconds ?? REMOTE_KEY_DEFAULTS.unknownKeyCooldownSeconds,
        timeoutMs: REMOTE_KEY_DEFAULTS.timeoutMs,
      },
    } : {}),
    ...(issuer.oidc ? { oidc: { clientId: issuer.oidc.clientId, ...(issuer.oidc.scope === null ? {} : { scope: issuer.oidc.scope }) } } : {}),
  };
}
