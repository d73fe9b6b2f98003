import type { DataSource } from 'typeorm';
import type { AuditKeys } from './audit/audit-keys.js';
import type { TrustedIssuers } from './auth/trusted-issuers.js';
import { ConfigError, type Config } from './config.js';
import { readAppliedIssuers, readProductionMark } from './reference-data/reference-store.js';
import { issuerBindingProblems } from './reference-data/rules/issuer-bindings.js';
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
  const applied = (await readAppliedIssuers(dataSource.manager)).map((issuer) => ({
    issuer: issuer.issuer, agency: issuer.agency, audience: issuer.audience, keys: issuer.keys,
  }));
  const agencies = (await dataSource.query('SELECT code FROM agency')) as { code: string }[];
  const problems = issuerBindingProblems(config.jwt.issuers, applied, new Set(agencies.map((a) => a.code)));
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return loadTrust(config, applied);
}
