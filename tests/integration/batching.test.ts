import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { StatementLog } from '../support/statement-log.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/** Nested lists are loaded per request in batches: the number of SQL statements does not grow with the page. */

let db: TestDatabase;
let counted: DataSource;
let gateway: TestGateway;
const logger = new StatementLog();

beforeAll(async () => {
  db = await createTestDatabase();
  counted = createDataSource({ url: db.url, poolSize: 4, queryLogger: logger });
  await counted.initialize();
  // Every nested list under 100 prisoners is far over the default cost limit (tests/security):
  // this file measures batching, so the limit is lifted.
  gateway = await startTestGateway(db, { dataSource: counted, env: { LIAISON_MAX_COST: '100000000', LIAISON_MAX_DEPTH: '20' } });
});

afterAll(async () => {
  await gateway?.close();
  await counted?.destroy();
  await db?.drop();
});

const EVERYTHING = `query($first: Int) { prisoners(first: $first) { edges { node {
  id fullName names { value } facility { name }
  riskFlags { id prisoner { id } } latestAssessment { id } riskAssessments { id } classification { id }
  releasePlan { id licenceConditions { type } } interventions { id } intelligenceReports { id subjects { id } }
} } } }`;

async function statementsFor(first: number): Promise<number> {
  logger.statements = [];
  const res = await gateway.graphql<any>(EVERYTHING, { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables: { first } });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.prisoners.edges).toHaveLength(first);
  const selects = logger.statements.filter((s) => /^\s*SELECT/i.test(s));
  return selects.length;
}

describe('nested lists', () => {
  it('cost a small constant number of queries, whether the page holds 5 prisoners or 100', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(100);
    // Per-row loading would take ≥ 100 × 10 statements here. Batches may split across event-loop
    // ticks (a few extra statements), never per record.
    expect(large).toBeLessThanOrEqual(20);
    expect(large - small).toBeLessThanOrEqual(5);
  });
});
