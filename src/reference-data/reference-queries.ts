import type { RequestContext } from '../context/request-context.js';
import type { AgencyKind, SecurityLevel } from '../domain/enums.js';
import { refusedByRule } from '../errors.js';
import { mouActorOf } from '../mou/records.js';
import { MOU_ADMIN_ROLE } from '../mou/rules/mou-lifecycle.js';
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
    issuers: { issuer: string; audience: string | null; jwksUri: null; keys: { kid: string; alg: string; fingerprint: string; publicKey: string }[] }[];
  }[];
  productionSince: Date | null;
}

export async function referenceDataFor(ctx: RequestContext): Promise<ReferenceDataView> {
  const actor = mouActorOf(ctx);
  if (!actor.oversight && !actor.roles.includes(MOU_ADMIN_ROLE)) {
    throw refusedByRule({
      code: 'FORBIDDEN', rule: 'REFERENCE_DATA_AUDIENCE',
      message: `Refused (REFERENCE_DATA_AUDIENCE): reference data is read by ${MOU_ADMIN_ROLE}s and by the inspectorate's auditors; you hold ${actor.roles.join(', ') || 'no role'} at ${actor.agencyCode}`,
    });
  }
  const data = await readReferenceData(ctx.dataSource.manager);
  const mark = await readProductionMark(ctx.dataSource.manager);
  return {
    agencies: data.agencies.map((agency) => ({
      ...agency,
      issuers: agency.issuers.map((issuer) => ({
        ...issuer, jwksUri: null, keys: issuer.keys.map((key) => ({ ...key, fingerprint: keyFingerprint(key.publicKey) })),
      })),
    })),
    productionSince: mark?.markedAt ?? null,
  };
}
