import { stringify } from 'yaml';
import { sortedReferenceData, type ReferenceData } from './reference-data.js';

/**
 * The reference data as the file `liaison setup apply` reads: what `liaison setup export`
 * writes, so an operator can start from what the database holds, edit and apply it again
 * (applying an export unchanged prints "no changes"). Keys inline, unset optional fields left out.
 */
export function formatReferenceDocument(data: ReferenceData): string {
  const agencies = sortedReferenceData(data).agencies.map((agency) => ({
    code: agency.code,
    name: agency.name,
    kind: agency.kind,
    roles: agency.roles.map((r) => (r.description === null ? { role: r.role } : { role: r.role, description: r.description })),
    facilities: agency.facilities.map((f) => ({ code: f.code, name: f.name, securityLevel: f.securityLevel })),
    issuers: agency.issuers.map((i) => ({
      issuer: i.issuer,
      ...(i.audience === null ? {} : { audience: i.audience }),
      ...(i.jwksUri === null ? {} : { jwksUri: i.jwksUri }),
      ...(i.discovery ? { discovery: true } : {}),
      ...(i.keyRefreshSeconds === null ? {} : { keyRefreshSeconds: i.keyRefreshSeconds }),
      ...(i.unknownKeyCooldownSeconds === null ? {} : { unknownKeyCooldownSeconds: i.unknownKeyCooldownSeconds }),
      ...(i.oidc === null ? {} : { oidc: i.oidc.scope === null ? { clientId: i.oidc.clientId } : { clientId: i.oidc.clientId, scope: i.oidc.scope } }),
      ...(i.keys.length === 0 ? {} : { keys: i.keys.map((k) => ({ kid: k.kid, alg: k.alg, publicKey: k.publicKey })) }),
    })),
  }));
  return `# Liaison reference data, exported from the database (format: README, "Going live").\n${stringify({ agencies }, { lineWidth: 0 })}`;
}
