import type { EntityManager } from 'typeorm';
import type { AgencyKind, SecurityLevel } from '../domain/enums.js';
import type { TokenAlgorithm } from '../auth/trusted-issuers.js';
import type { IssuerDefinition, ReferenceData } from './rules/reference-data.js';

/** The reference data as the database holds it (agencies, roles, facilities, applied issuers). */

interface IssuerRow {
  issuer: string; agency_code: string; audience: string | null; keys: { kid: string; alg: TokenAlgorithm; publicKey: string }[];
  jwks_uri: string | null; discovery: boolean; key_refresh_seconds: number | null; unknown_key_cooldown_seconds: number | null;
  oidc_client_id: string | null; oidc_scope: string | null;
}

const ISSUER_COLUMNS = 'issuer, agency_code, audience, keys, jwks_uri, discovery, key_refresh_seconds, unknown_key_cooldown_seconds, oidc_client_id, oidc_scope';

/** An issuer row as the reference data holds it. */
const issuerOf = (row: IssuerRow): IssuerDefinition => ({
  issuer: row.issuer,
  audience: row.audience,
  keys: row.keys.map((k) => ({ kid: k.kid, alg: k.alg, publicKey: k.publicKey })),
  jwksUri: row.jwks_uri,
  discovery: row.discovery,
  keyRefreshSeconds: row.key_refresh_seconds,
  unknownKeyCooldownSeconds: row.unknown_key_cooldown_seconds,
  oidc: row.oidc_client_id === null ? null : { clientId: row.oidc_client_id, scope: row.oidc_scope },
});

export async function readReferenceData(manager: EntityManager): Promise<ReferenceData> {
  // One after another: the manager may be a single transaction's connection.
  const agencies = (await manager.query('SELECT code, name, kind FROM agency ORDER BY code')) as { code: string; name: string; kind: AgencyKind }[];
  const roles = (await manager.query('SELECT agency_code, role, description FROM agency_role ORDER BY agency_code, role')) as { agency_code: string; role: string; description: string | null }[];
  const facilities = (await manager.query('SELECT owner_agency_code, code, name, security_level FROM facility ORDER BY code')) as { owner_agency_code: string; code: string; name: string; security_level: SecurityLevel }[];
  const issuers = (await manager.query(`SELECT ${ISSUER_COLUMNS} FROM trusted_issuer ORDER BY issuer`)) as IssuerRow[];
  return {
    agencies: agencies.map((agency) => ({
      code: agency.code,
      name: agency.name,
      kind: agency.kind,
      roles: roles.filter((r) => r.agency_code === agency.code).map((r) => ({ role: r.role, description: r.description })),
      facilities: facilities.filter((f) => f.owner_agency_code === agency.code).map((f) => ({ code: f.code, name: f.name, securityLevel: f.security_level })),
      issuers: issuers.filter((i) => i.agency_code === agency.code).map(issuerOf),
    })),
  };
}

export interface ProductionMark {
  markedAt: Date;
  markedBy: string;
}

/** The mark `setup apply` leaves on a production database, or null. */
export async function readProductionMark(manager: Pick<EntityManager, 'query'>): Promise<ProductionMark | null> {
  const [present] = (await manager.query(`SELECT to_regclass('deployment') IS NOT NULL AS migrated`)) as { migrated: boolean }[];
  if (!present?.migrated) return null;
  const [row] = (await manager.query('SELECT marked_at, marked_by FROM deployment WHERE id = 1')) as { marked_at: Date; marked_by: string }[];
  return row ? { markedAt: row.marked_at, markedBy: row.marked_by } : null;
}

/** Issuers applied to the database, each bound to its agency, as the gateway trusts them. */
export async function readAppliedIssuers(manager: Pick<EntityManager, 'query'>): Promise<(IssuerDefinition & { agency: string })[]> {
  const rows = (await manager.query(`SELECT ${ISSUER_COLUMNS} FROM trusted_issuer ORDER BY issuer`)) as IssuerRow[];
  return rows.map((row) => ({ ...issuerOf(row), agency: row.agency_code }));
}
