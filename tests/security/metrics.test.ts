import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { createProductionIssuer, type ProductionIssuer } from '../support/production-issuer.js';

/**
 * The operator's metrics: they move with the traffic (ability builds, disclosure-log writes and
 * their latency, rate-limit refusals, connection pools), and `/metrics` is not public — open
 * only in development mode, otherwise behind LIAISON_METRICS_TOKEN.
 */

const TOKEN = 'metrics-secret-0123456789-abcdefghijklmnop';
let db: TestDatabase;
let dev: TestGateway;
let prod: TestGateway;
let closed: TestGateway;
let issuer: ProductionIssuer;

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createProductionIssuer();
  dev = await startTestGateway(db, { env: { LIAISON_RATE_LIMIT_PER_USER: '3' } });
  prod = await startTestGateway(db, { env: { ...issuer.env, LIAISON_METRICS_TOKEN: TOKEN } });
  closed = await startTestGateway(db, { env: issuer.env });
});

afterAll(async () => {
  await dev?.close();
  await prod?.close();
  await closed?.close();
  await issuer?.remove();
  await db?.drop();
});

const value = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : 0;
};

describe('metrics', () => {
  it('count ability builds, disclosure-log writes and their latency, rate-limit refusals, and pool connections', async () => {
    const before = await (await dev.get('/metrics')).text();
    const token = demoTokens.policeAnalyst();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await dev.graphql('{ riskFlags(first: 2) { edges { node { id } } } }', { token, purpose: 'COUNTER_TERRORISM' })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const after = await (await dev.get('/metrics')).text();

    expect(value(after, 'liaison_ability_builds_total') - value(before, 'liaison_ability_builds_total')).toBe(1);
    expect(value(after, 'liaison_disclosure_log_writes_total{outcome="written"}') - value(before, 'liaison_disclosure_log_writes_total{outcome="written"}')).toBe(3);
    expect(value(after, 'liaison_disclosure_log_write_duration_seconds_count') - value(before, 'liaison_disclosure_log_write_duration_seconds_count')).toBe(3);
    expect(value(after, 'liaison_rate_limit_refusals_total{scope="user"}')).toBe(1);
    expect(value(after, 'liaison_db_pool_connections{pool="requests",state="total"}')).toBeGreaterThan(0);
    expect(value(after, 'liaison_db_pool_connections{pool="disclosure_log",state="total"}')).toBeGreaterThan(0);
    expect(after).toMatch(/^liaison_db_pool_connections\{pool="rate_limits",state="waiting"\} 0$/m);
  });

  it('production: /metrics needs the bearer token of LIAISON_METRICS_TOKEN', async () => {
    expect((await prod.get('/metrics')).status).toBe(401);
    const wrong = await fetch(`${prod.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${prod.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/liaison_ability_builds_total/);
  });

  it('production without LIAISON_METRICS_TOKEN: there is no /metrics', async () => {
    const res = await closed.get('/metrics');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/liaison_/);
  });
});
