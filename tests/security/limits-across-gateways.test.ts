import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { startCountingProxy, type CountingProxy } from '../../bench/pg-count-proxy.js';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { createDataSource } from '../../src/db/data-source.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoMouId, mouApi, ok } from '../support/mou-api.js';

/**
 * Rate limits and daily record quotas without a database round trip per request (issue 13
 * §4): each gateway process counts in memory and reconciles with the others through
 * PostgreSQL in one statement per interval. Here the interval runs by itself (100 ms), with
 * two gateways sharing one database: paced requests meet the limit exactly; a burst on both
 * goes over by at most what the other process counted in one interval (docs/architecture.md
 * "Rate limits and daily quotas"), never beyond N × the limit, and is refused everywhere once
 * they have reconciled. A third gateway behind a counting proxy shows that requests send no
 * statement to the counters' tables: only the interval's reconciliation does.
 */

const USER_LIMIT = 10;
const QUOTA = 40;
const FLAG_CLAUSE = 'Active risk flags of VEPs';
// A day-long window: the test cannot straddle a window boundary (short of midnight UTC, when the quota day ends too).
const LIMITS = {
  LIAISON_RATE_LIMIT_PER_USER: String(USER_LIMIT), LIAISON_RATE_LIMIT_PER_AGENCY: '100000', LIAISON_RATE_LIMIT_WINDOW_SECONDS: '86400',
  LIAISON_LIMITS_SYNC_MS: '100',
};

let db: TestDatabase;
let proxy: CountingProxy;
const pools: DataSource[] = [];
let first: TestGateway;
let second: TestGateway;
let counted: TestGateway;

async function ownPool(url: string): Promise<DataSource> {
  const dataSource = createDataSource({ url, poolSize: 3 });
  await dataSource.initialize();
  pools.push(dataSource);
  return dataSource;
}

beforeAll(async () => {
  db = await createTestDatabase();
  first = await startTestGateway(db, { env: LIMITS, dataSource: await ownPool(db.url) });
  second = await startTestGateway(db, { env: LIMITS, dataSource: await ownPool(db.url) });
  // The flag clause gets a daily quota as an MoU administrator sets one: an amendment approved by both parties.
  const api = mouApi(first);
  const draft = ok(await api.amend(demoTokens.mouAdmin('PRISONS'), await demoMouId(db.sql, 'MOU-PRISONS-POLICE-01')));
  const flagClause = draft.clauses.find((c) => c.label === FLAG_CLAUSE)!;
  ok(await api.updateClause(demoTokens.mouAdmin('PRISONS'), flagClause.id, { dailyRecordQuota: QUOTA }));
  ok(await api.submit(demoTokens.mouAdmin('PRISONS'), draft.id));
  ok(await api.approve(demoTokens.mouAdmin('PRISONS', 'prisons-admin-2'), draft.id));
  expect(ok(await api.approve(demoTokens.mouAdmin('POLICE'), draft.id)).status).toBe('ACTIVE');
  const [{ revision }] = (await db.sql<{ revision: number }>('SELECT revision::int AS revision FROM policy_state')) as [{ revision: number }];
  for (const gateway of [first, second]) gateway.policyStore.noteRevision(revision);
  // The counted gateway: every connection (data, log, counters) through the proxy; a long interval.
  const target = new URL(db.url);
  proxy = await startCountingProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = proxy.via(db.url);
  counted = await startTestGateway({ url: viaProxy, dataSource: await ownPool(viaProxy) }, {
    env: { ...LIMITS, LIAISON_LIMITS_SYNC_MS: '5000', LIAISON_LIMITS_STALE_MS: '60000' },
    dataSource: pools.at(-1)!,
  });
});

afterAll(async () => {
  for (const gateway of [first, second, counted]) await gateway?.close();
  for (const pool of pools) await pool.destroy();
  await proxy?.close();
  await db?.drop();
});

const user = (userId: string) => mintDevelopmentToken({ agency: 'POLICE', roles: ['ANALYST'], userId });
const me = (gateway: TestGateway, token: string) => gateway.graphql<any>('{ me { userId } }', { token });
const flags = (gateway: TestGateway, count: number, token = demoTokens.policeAnalyst()) =>
  gateway.graphql<any>(`{ riskFlags(first: ${count}) { edges { node { id } } } }`, { token, purpose: 'COUNTER_TERRORISM' });
const flagRecordsToday = async (): Promise<number> => {
  const [row] = await db.sql<{ records: number }>(
    `SELECT d.records FROM clause_daily_disclosure d JOIN mou_clause c ON c.id = d.clause_id
      WHERE c.label = $1 AND d.recipient_agency_code = 'POLICE' AND d.day = (now() AT TIME ZONE 'UTC')::date`, [FLAG_CLAUSE]);
  return row?.records ?? 0;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `loops` concurrent clients per gateway, each sending until it is refused; what was served. */
async function burst(send: (gateway: TestGateway, client: number) => Promise<{ status: number; served: number }>, loops: number): Promise<number> {
  let served = 0;
  await Promise.all([first, second].flatMap((gateway, g) => Array.from({ length: loops }, async (_, l) => {
    for (let i = 0; i < 100; i++) {
      const res = await send(gateway, g * loops + l);
      if (res.status !== 200) {
        expect(res.status).toBe(429);
        return;
      }
      served += res.served;
    }
  })));
  return served;
}

describe('round trips', () => {
  it('a request sends nothing to the counters: one reconciliation per interval carries them all', async () => {
    const probation = mintDevelopmentToken({ agency: 'PROBATION', roles: ['PROBATION_OFFICER'], userId: 'counted-po' });
    const plans = () => counted.graphql<any>('{ releasePlans(first: 3) { edges { node { id } } } }', {
      token: probation, purpose: 'RELEASE_PLANNING', caseReference: 'CASE-1',
    });
    // Warm: pools, policies, and the quota counter read once (the first use of a quota counter in a process reads it).
    expect((await flags(counted, 2)).status).toBe(200);
    expect((await plans()).status).toBe(200);
    await counted.server.limitCounters.reconcile();
    proxy.reset();
    const before = counted.server.limitCounters.reconciliations;
    const started = Date.now();
    const requests = 12;
    for (let i = 0; i < requests; i++) {
      // The police analyst's flags count against the flag clause's daily quota; the probation officer's plans do not.
      const res = i % 2 === 0 ? await flags(counted, 2) : await plans();
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    }
    const elapsed = Date.now() - started;
    const { counts } = proxy.snapshot();
    const touching = [...counts.entries()].filter(([sql]) => /rate_limit_counter|clause_daily_disclosure/.test(sql));
    const reconciliations = counted.server.limitCounters.reconciliations - before;
    console.info(`${requests} requests in ${elapsed} ms: ${touching.reduce((n, [, c]) => n + c, 0)} statement(s) on the counters' tables, ${reconciliations} reconciliation(s)`);
    // Only the reconciliation statement touches the tables, as often as the interval ran (5 s here), not per request.
    for (const [sql] of touching) expect(sql).toMatch(/^WITH rate_in AS/);
    expect(touching.reduce((n, [, c]) => n + c, 0)).toBe(reconciliations);
    expect(reconciliations).toBeLessThanOrEqual(Math.ceil(elapsed / 5000) + 1);
    // And the requests were counted all the same: the next reconciliation carries them.
    await counted.server.limitCounters.reconcile();
    const rows = await db.sql<{ key: string; points: number }>(`SELECT key, points FROM rate_limit_counter WHERE key LIKE 'agency:%'`);
    expect(rows.find((r) => r.key === 'agency:PROBATION')?.points).toBe(requests / 2 + 1);
    expect(await flagRecordsToday()).toBe(2 * (requests / 2 + 1));
  });
});

describe('a rate limit across two gateways reconciling every 100 ms', () => {
  it('paced requests, alternating gateways, get exactly the limit', async () => {
    const token = user('paced');
    const statuses: number[] = [];
    for (let i = 0; i < USER_LIMIT + 3; i++) {
      statuses.push((await me(i % 2 === 0 ? first : second, token)).status);
      await sleep(250); // more than one interval: each gateway has read the other's counts
    }
    expect(statuses).toEqual([...Array<number>(USER_LIMIT).fill(200), 429, 429, 429]);
  });

  it('a burst on both goes over by at most one interval of the other gateway, and is then refused on both', async () => {
    const token = user('burst');
    const served = await burst(async (gateway) => ({ status: (await me(gateway, token)).status, served: 1 }), 4);
    console.info(`rate limit ${USER_LIMIT} across 2 gateways, burst of 8 clients: ${served} served`);
    expect(served).toBeGreaterThanOrEqual(USER_LIMIT);
    expect(served).toBeLessThanOrEqual(2 * USER_LIMIT);
    await sleep(300);
    for (const gateway of [first, second]) expect((await me(gateway, token)).status).toBe(429);
  });
});

describe('a daily record quota across two gateways', () => {
  it('a burst on both discloses at most the quota plus one interval of the other gateway, every record counted', async () => {
    const used = await flagRecordsToday(); // by the counted gateway, reconciled
    // One analyst per client, each under the per-user rate limit: the quota is the agency's.
    const analysts = Array.from({ length: 6 }, (_, i) => user(`quota-analyst-${i}`));
    const served = await burst(async (gateway, client) => {
      const res = await flags(gateway, 3, analysts[client]);
      return { status: res.status, served: res.body.data?.riskFlags?.edges.length ?? 0 };
    }, 3);
    console.info(`daily quota ${QUOTA} records across 2 gateways, burst of 6 clients: ${served} records served`);
    expect(used + served).toBeGreaterThanOrEqual(QUOTA - 2); // each request asks for 3: the last may not fit
    expect(used + served).toBeLessThanOrEqual(2 * QUOTA);
    await sleep(300);
    for (const gateway of [first, second]) expect((await flags(gateway, 1, user('quota-analyst-late'))).status).toBe(429);
    await first.server.limitCounters.reconcile();
    await second.server.limitCounters.reconcile();
    expect(await flagRecordsToday()).toBe(used + served);
  });
});

