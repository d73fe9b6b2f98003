import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { createDataSource } from '../../src/db/data-source.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, reconcileLimits, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';
import { demoMouId, mouApi, ok } from '../support/mou-api.js';

/**
 * Per-clause daily record quotas (issue 5 §4), an optional clause term against bulk
 * extraction: the records a recipient agency receives under a clause per UTC day are counted
 * on all gateway processes together (in each process, reconciled through PostgreSQL on an
 * interval, issue 13 §4: here between requests, as the interval does within 250 ms); a request that would go over is refused whole (RATE_LIMITED, 429, the clause
 * named) — never a partial page — and counts nothing. The quota is set as an MoU
 * administrator sets it: an amendment approved by both parties.
 */

const FLAG_CLAUSE = 'Active risk flags of VEPs';
const QUOTA = 10;

let db: TestDatabase;
let other: DataSource;
let first: TestGateway;
let second: TestGateway;
let flagClauseId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  other = createDataSource({ url: db.url, poolSize: 3 });
  await other.initialize();
  first = await startTestGateway(db);
  second = await startTestGateway(db, { dataSource: other });
  // The quota is a term of the signed MoU: the police MoU is amended through the API, the
  // term set on the flag clause, and version 2 approved by both parties (in force at once).
  const api = mouApi(first);
  const v1 = await demoMouId(db.sql, 'MOU-PRISONS-POLICE-01');
  const draft = ok(await api.amend(demoTokens.mouAdmin('PRISONS'), v1));
  const flagClause = draft.clauses.find((c) => c.label === FLAG_CLAUSE)!;
  ok(await api.updateClause(demoTokens.mouAdmin('PRISONS'), flagClause.id, { dailyRecordQuota: QUOTA }));
  ok(await api.submit(demoTokens.mouAdmin('PRISONS'), draft.id));
  ok(await api.approve(demoTokens.mouAdmin('PRISONS', 'prisons-admin-2'), draft.id));
  const active = ok(await api.approve(demoTokens.mouAdmin('POLICE'), draft.id));
  expect(active.status).toBe('ACTIVE');
  const [clause] = await db.sql<{ id: string; daily_record_quota: number }>(
    `SELECT c.id, c.daily_record_quota FROM mou_clause c JOIN mou m ON m.id = c.mou_id
      WHERE c.label = $1 AND m.reference = 'MOU-PRISONS-POLICE-01' AND m.status = 'ACTIVE'`, [FLAG_CLAUSE]);
  expect(clause!.daily_record_quota).toBe(QUOTA);
  flagClauseId = clause!.id;
  // Both test gateways (which do not LISTEN) take the new policy revision now.
  const [{ revision }] = (await db.sql<{ revision: number }>('SELECT revision::int AS revision FROM policy_state')) as [{ revision: number }];
  for (const gateway of [first, second]) gateway.policyStore.noteRevision(revision);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await other?.destroy();
  await db?.drop();
});

const flags = async (gateway: TestGateway, count: number, token = demoTokens.policeAnalyst()) => {
  const res = await gateway.graphql<any>(`{ riskFlags(first: ${count}) { edges { node { id category prisoner { fullName } } } } }`, {
    token, purpose: 'COUNTER_TERRORISM',
  });
  await reconcileLimits(first, second);
  return res;
};

const disclosedToday = async (): Promise<number> => {
  await reconcileLimits(first, second);
  const [row] = await db.sql<{ records: number }>(
    `SELECT records FROM clause_daily_disclosure WHERE clause_id = $1 AND recipient_agency_code = 'POLICE' AND day = (now() AT TIME ZONE 'UTC')::date`,
    [flagClauseId],
  );
  return row?.records ?? 0;
};

function expectQuotaRefusal(res: GraphQLResponse<any>): void {
  expect(res.status).toBe(429);
  expect(res.body.data).toBeUndefined();
  expect(res.body.extensions!.liaison!.redactions).toEqual([]);
  expect(res.body.errors).toHaveLength(1);
  const error = res.body.errors![0]!;
  expect(error.extensions!.code).toBe('RATE_LIMITED');
  // Replaced after Apollo formatted the response, the refusal still names the request's decision id.
  expect(error.extensions!.decisionId).toBe(res.headers.get('liaison-decision-id'));
  expect(error.message).toContain(`clause "${FLAG_CLAUSE}" of MOU-PRISONS-POLICE-01 v2`);
  expect(error.message).toContain(`${QUOTA} records per UTC day to POLICE`);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(86_400);
}

describe('a clause with a daily record quota', () => {
  it('serves records under the quota and counts each one', async () => {
    const res = await flags(first, 4);
    expect(res.status).toBe(200);
    expect(res.body.data.riskFlags.edges).toHaveLength(4);
    expect(await disclosedToday()).toBe(4);
  });

  it('counts on every gateway process: the quota is shared', async () => {
    const res = await flags(second, 4);
    expect(res.body.data.riskFlags.edges).toHaveLength(4);
    expect(await disclosedToday()).toBe(8);
  });

  it('refuses a request that would go over, whole, naming the clause, and counts nothing', async () => {
    expectQuotaRefusal(await flags(first, 4));
    expect(await disclosedToday()).toBe(8);
  });

  it('still serves a request that fits exactly', async () => {
    const res = await flags(second, 2);
    expect(res.body.data.riskFlags.edges).toHaveLength(2);
    expect(await disclosedToday()).toBe(QUOTA);
  });

  it('is the agency\'s quota: another user, another role, another gateway are refused too', async () => {
    expectQuotaRefusal(await flags(second, 1, mintDevelopmentToken({ agency: 'POLICE', roles: ['OFFICER'], userId: 'officer-9' })));
  });

  it('counts records as nested lists carry them too', async () => {
    const res = await first.graphql<any>('{ prisoners(first: 3, filter: { vepStatus: [TERRORISM_CONVICTION] }) { edges { node { fullName riskFlags { id } } } } }', {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM',
    });
    expectQuotaRefusal(res);
  });

  it('does not touch records shared under other clauses; a count is charged for the records it counts', async () => {
    const prisoners = await first.graphql<any>('{ prisoners(first: 5) { edges { node { fullName } } } }', {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM',
    });
    expect(prisoners.status).toBe(200);
    expect(prisoners.body.data.prisoners.edges).toHaveLength(5);
    const count = await first.graphql<any>('{ riskFlags(first: 0) { totalCount } me { userId } }', {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM',
    });
    // Issue 13: a count reveals every record it counts, so it is charged like a page of them.
    expectQuotaRefusal(count);
  });

  it('never limits the owner agency\'s own staff', async () => {
    const res = await first.graphql<any>('{ riskFlags(first: 50) { edges { node { id } } } }', {
      token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY',
    });
    expect(res.body.data.riskFlags.edges).toHaveLength(50);
  });
});

describe('the quota column', () => {
  it('accepts only a positive number or null: the API refuses it, and so does the database', async () => {
    const api = mouApi(first);
    const [active] = await db.sql<{ id: string }>(`SELECT id FROM mou WHERE reference = 'MOU-PRISONS-POLICE-01' AND status = 'ACTIVE'`);
    const draft = ok(await api.amend(demoTokens.mouAdmin('PRISONS'), active!.id));
    const clause = draft.clauses.find((c) => c.label === FLAG_CLAUSE)!;
    for (const quota of [0, -5]) {
      const res = await api.updateClause(demoTokens.mouAdmin('PRISONS'), clause.id, { dailyRecordQuota: quota });
      expect(res.body.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ path: 'dailyRecordQuota', clause: FLAG_CLAUSE })]);
      await expect(db.sql('UPDATE mou_clause SET daily_record_quota = $2 WHERE id = $1', [clause.id, quota])).rejects.toThrow(/check constraint/);
    }
    // The signed version's quota cannot be changed at all, even directly in the database.
    await expect(db.sql('UPDATE mou_clause SET daily_record_quota = 1000 WHERE id = $1', [flagClauseId])).rejects.toThrow(/MOU-PRISONS-POLICE-01 v2 \(ACTIVE\)/);
  });

  it('a clause without a quota (null) is not counted', async () => {
    const [row] = await db.sql<{ n: string }>(`SELECT count(*) AS n FROM clause_daily_disclosure WHERE clause_id <> $1`, [flagClauseId]);
    expect(Number(row!.n)).toBe(0);
  });
});
