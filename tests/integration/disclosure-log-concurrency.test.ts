import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiaison } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { logCount } from '../support/disclosure-log.js';
import { demoTokens } from '../support/gateway.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';

/**
 * Many concurrent requests on two gateway processes sharing one database write one chain:
 * an entry for every request, no gap, no fork, and it verifies — while both processes also
 * race to seal it on schedule.
 */

const REQUESTS = 500;
const CONNECTIONS = 32;

let db: TestDatabase;
const gateways: GatewayProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  // Small pools: CI also runs this against a shared PostgreSQL server.
  const env = { LIAISON_AUDIT_CHECKPOINT_INTERVAL: '1', LIAISON_AUDIT_CHECKPOINT_ENTRIES: '100', LIAISON_DB_POOL_SIZE: '8' };
  gateways.push(...await Promise.all([startGatewayProcess(db.url, env), startGatewayProcess(db.url, env)]));
});

afterAll(async () => {
  const codes = await Promise.all(gateways.map((g) => g.stop()));
  await db?.drop();
  expect(codes).toEqual(gateways.map(() => 0));
});

describe(`${REQUESTS} requests over ${CONNECTIONS} connections to two gateway processes`, () => {
  it('leave exactly one entry each, in one chain without gaps or forks, that verifies', async () => {
    const calls = [
      { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', query: '{ riskFlags(first: 5) { edges { node { id category } } } }' },
      { token: demoTokens.prisonSecurityOfficer(), purpose: '', query: '{ prisoners(first: 3) { edges { node { id fullName } } } }' },
      { token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', query: '{ releasePlans(first: 2) { edges { node { id } } } }' },
    ];
    const decisions: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const call = calls[i % calls.length]!;
        const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${call.token}` };
        if (call.purpose) headers['liaison-purpose'] = call.purpose;
        const res = await fetch(`${gateways[i % 2]!.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: call.query }) });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        decisions.push(res.headers.get('liaison-decision-id')!);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    expect(Object.fromEntries(statuses)).toEqual({ 200: REQUESTS });

    expect(await logCount(db)).toBe(REQUESTS);
    const [chain] = await db.sql<{ logged: string; first: string; last: string; links: string; head: string }>(`
      SELECT count(*) FILTER (WHERE decision_id = ANY($1::uuid[])) AS logged, min(seq) AS first, max(seq) AS last,
             count(DISTINCT prev_hash) AS links, (SELECT seq FROM disclosure_log_head) AS head
        FROM disclosure_log`, [decisions]);
    expect(chain).toEqual({ logged: String(REQUESTS), first: '1', last: String(REQUESTS), links: String(REQUESTS), head: String(REQUESTS) });

    // Stopped first (they drained; the load is over): a seal landing between the verification
    // and the count of checkpoints below would make the two disagree.
    expect(await Promise.all(gateways.map((g) => g.stop()))).toEqual(gateways.map(() => 0));
    const verified = await runLiaison(['audit', 'verify'], { DATABASE_URL: db.url });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`disclosure log intact: ${REQUESTS} entries (1–${REQUESTS}), `);
    // Both processes seal on schedule; the advisory lock lets one at a time, each over a new head.
    const checkpoints = await db.sql<{ seq: string }>('SELECT seq FROM disclosure_log_checkpoint ORDER BY seq');
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(verified.stdout).toContain(`${checkpoints.length} checkpoint${checkpoints.length > 1 ? 's' : ''} verified`);
  });
});
