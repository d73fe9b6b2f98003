import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import type { TestDatabase } from './database.js';
import type { TestGateway } from './gateway.js';

/** Tokens of the writers in the owner-write tests (development issuer, real signatures). */
export const writerTokens = {
  securityOfficer: () => mintDevelopmentToken({ agency: 'PRISONS', roles: ['SECURITY_OFFICER'], userId: 'so-7' }),
  caseManager: () => mintDevelopmentToken({ agency: 'PRISONS', roles: ['CASE_MANAGER'], userId: 'cm-3' }),
  healthStaff: () => mintDevelopmentToken({ agency: 'PRISONS', roles: ['HEALTH_STAFF'], userId: 'hs-2' }),
};

export const RECEIPT = 'subject id externalId revision outcome changedFields';

/** A PRISONS prisoner of the demo data with the given VEP status and TLP at most AMBER: its id and external id. */
export async function demoPrisoner(db: TestDatabase, where = `vep_status = 'TERRORISM_CONVICTION'`): Promise<{ id: string; externalId: string }> {
  const [row] = await db.sql<{ id: string; external_id: string }>(
    `SELECT id, external_id FROM prisoner WHERE owner_agency_code = 'PRISONS' AND tlp IN ('CLEAR','GREEN','AMBER') AND ${where} ORDER BY prison_number LIMIT 1`,
  );
  if (!row) throw new Error(`no demo prisoner where ${where}`);
  return { id: row.id, externalId: row.external_id };
}

/** Calls a mutation and returns its data field, failing with the errors if any. */
export async function mutate<T = any>(gateway: TestGateway, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gateway.graphql<any>(query, { token, variables });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return Object.values(res.body.data as object)[0] as T;
}
