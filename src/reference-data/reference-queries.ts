import type { RequestContext } from '../context/request-context.js';
import type { AgencyKind, SecurityLevel } from '../domain/enums.js';
import { keyFingerprint } from './rules/reference-document.js';
import { readProductionMark, readReferenceData } from './reference-store.js';

/**
 * The exchange's reference data through the API: for the MOU_ADMINs who draft MoUs against
 * it (which agencies, which roles) and for the inspectorate's auditors. Public keys only
 * ever; no personal data, so no purpose and no disclosure-log entry.
 */

export interface ReferenceDataView {
  agencies: {
    code: string;
    name: string;
    kind: AgencyKind;
    roles: { role: string; description: string | null }[];
    facilities: { code: string; name: string; securityLevel: SecurityLevel }[];
    issuers: {
      issuer: string; audience: string | null; jwksUri: string | null; discovery: boolean; oidcClientId: string | null;
      keys: { kid: string; alg: string; fingerprint: string; publicKey: string }[];
    }[];
  }[];
  productionSince: Date | null;
}

/** Who may call it is declared with the operation (REFERENCE_DATA_AUDIENCE); everything here is for them. */
export async function referenceDataFor(ctx: RequestContext): Promise<ReferenceDataView> {
  const data = await readReferenceData(ctx.dataSource.manager);
  const mark = await readProductionMark(ctx.dataSource.manager);
  return {
    agencies: data.agencies.map((agency) => ({
      ...agency,
      issuers: agency.issuers.map((issuer) => ({
        issuer: issuer.issuer,
        audience: issuer.audience,
        jwksUri: issuer.jwksUri,
        discovery: issuer.discovery,
        oidcClientId: issuer.oidc?.clientId ?? null,
        keys: issuer.keys.map((key) => ({ ...key, fingerprint: keyFingerprint(key.publicKey) })),
      })),
    })),
    productionSince: mark?.markedAt ?? null,
  };
}
