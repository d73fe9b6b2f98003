import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { demoPrisoner, mutate, RECEIPT, writerTokens } from '../support/publishing-api.js';

/**
 * Withdrawal is immediate everywhere (issue 12, item 4): a flag withdrawn through one
 * gateway disappears for the police analyst on a second gateway process — the built
 * `node dist/src/main.js` — on the same database within one second. (Withdrawn records are
 * excluded in the SQL of every read, so no process holds a copy that could outlive the commit.)
 */

const LIMIT_MS = 1_000;
let db: TestDatabase;
let a: TestGateway;
let b: GatewayProcess;

beforeAll(async () => {
  db = await createTestDatabase();
  [a, b] = await Promise.all([startTestGateway(db), startGatewayProcess(db.url, { LIAISON_DB_POOL_SIZE: '4' })]);
});

afterAll(async () => {
  await b?.stop();
  await a?.close();
  await db?.drop();
});

async function analystSeesOnB(flagId: string, prisonerId: string): Promise<boolean> {
  const response = await fetch(`${b.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${demoTokens.policeAnalyst()}`, 'liaison-purpose': 'COUNTER_TERRORISM' },
    body: JSON.stringify({ query: 'query($p: ID!) { riskFlags(filter: { prisonerId: $p }, first: 100) { edges { node { id } } } }', variables: { p: prisonerId } }),
  });
  const body = await response.json() as { data?: { riskFlags: { edges: { node: { id: string } }[] } }; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!.riskFlags.edges.some((e) => e.node.id === flagId);
}

describe('withdrawal on a second gateway process', () => {
  it('a HIGH flag on a VEP, seen by the police analyst on process B, is gone there within 1 s of its withdrawal on A', async () => {
    const vep = await demoPrisoner(db);
    const flag = await mutate(a, writerTokens.securityOfficer(), `mutation($input: RiskFlagInput!) { raiseRiskFlag(input: $input) { ${RECEIPT} } }`, {
      input: { prisonerId: vep.id, category: 'WEAPONS_EXPLOSIVES_SKILLS', severity: 'HIGH', summary: 'Improvised weapon found in cell' },
    });
    expect(await analystSeesOnB(flag.id, vep.id)).toBe(true);

    await mutate(a, writerTokens.securityOfficer(), `mutation($id: ID!) { withdrawRecord(subject: RiskFlag, id: $id, revision: 1, reason: "Court order 2026/114") { ${RECEIPT} } }`, { id: flag.id });
    const withdrawnAt = Date.now();
    let delay = -1;
    while (Date.now() - withdrawnAt < 5_000) {
      if (!(await analystSeesOnB(flag.id, vep.id))) {
        delay = Date.now() - withdrawnAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.log(`withdrawal visible on process B after ${delay} ms`);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(LIMIT_MS);
  });
});
