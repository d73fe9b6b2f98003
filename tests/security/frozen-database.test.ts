import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDataSource } from '../../src/db/data-source.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemoData } from '../../src/seed/seed-demo.js';
import { demoTokens, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';
import { expectTimely } from '../support/timing.js';

/**
 * A database that stops answering (issue 11, item 3): every process of a private PostgreSQL
 * is frozen with SIGSTOP — its sockets stay open and silent, as in a network partition
 * without a reset, so no server-side timeout can fire. Every request must still end, within
 * the configured bounds, in the documented 503 without data (`me` too); when the processes
 * are thawed (SIGCONT), the gateway serves again by itself. Only the PostgreSQL this test
 * starts is ever frozen.
 */

const STATEMENT_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 1_000;
/** What the configuration promises: a connection within the connect timeout, an answer within statement timeout + 0.5 s. */
const PROMISED_MS = CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 500;

let dataDir: string;
let server: EmbeddedDatabase;
let database: Database;
let gateway: TestGateway;
let frozen: number[] = [];

/** How long the rate-limit counters may go without a reconciliation before every request is refused. */
const LIMITS_STALE_MS = 1_000;

const env = {
  LIAISON_LIMITS_STALE_MS: String(LIMITS_STALE_MS),
  LIAISON_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  LIAISON_DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
  LIAISON_AUDIT_WRITE_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
};

/** The postmaster this test started and every backend it forked. */
async function postgresProcesses(): Promise<number[]> {
  const postmaster = Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  expect(Number.isInteger(postmaster) && postmaster > 0).toBe(true);
  const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=', '--ppid', String(postmaster)]);
  return [postmaster, ...stdout.split('\n').map((line) => Number(line.trim())).filter((pid) => pid > 0)];
}

function thaw(): void {
  for (const pid of frozen) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // already gone
    }
  }
  frozen = [];
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'liaison-frozen-'));
  server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const seeding = createDataSource({ url: server.url, poolSize: 2 });
  await seeding.initialize();
  await migrate(seeding);
  await seedDemoData(seeding, { now: new Date(), prisoners: 40 });
  await seeding.destroy();
  // The gateway's data source exactly as main.ts opens it, from configuration.
  database = await openDatabase(loadConfig({ DATABASE_URL: server.url, ...env }), pino({ level: 'silent' }), { poolSize: 4, answerDeadline: true });
  gateway = await startTestGateway({ url: server.url, dataSource: database.dataSource }, { dataSource: database.dataSource, env });
});

afterAll(async () => {
  thaw();
  await gateway?.close();
  await database?.close().catch(() => undefined);
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const ask = (query: string) => gateway.graphql<any>(query, { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY' });
const QUERIES = [
  '{ me { userId agency { code } } }',
  '{ riskFlags(first: 5) { totalCount edges { node { id category prisoner { fullName } } } } }',
  '{ prisoners(first: 3) { edges { node { fullName riskFlags { id } } } } }',
];

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

function expectUnavailable(res: GraphQLResponse<any>): void {
  expect(res.status).toBe(503);
  expect(res.body.data ?? undefined).toBeUndefined();
  expect(res.body.errors).toEqual([expect.objectContaining({
    message: 'The service is temporarily unavailable; try again shortly', extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
  })]);
  expect(JSON.stringify(res.body)).not.toMatch(/ETIMEDOUT|did not answer|127\.0\.0\.1|postgres|stack/i);
}

describe('the database stops answering (SIGSTOP) and resumes (SIGCONT)', () => {
  it('serves while the database answers', async () => {
    for (const query of QUERIES) expect((await ask(query)).status, query).toBe(200);
  });

  it('while frozen, every request ends in 503 without data within the bounds, `me` included; /healthz answers', async () => {
    frozen = await postgresProcesses();
    expect(frozen.length).toBeGreaterThan(1);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    // Rate limits and daily quotas are counted in process and reconciled on an interval (issue
    // 13 §4): a request that reads nothing from the database (`me`) is refused once the counters
    // have not been reconciled for LIAISON_LIMITS_STALE_MS; until then it may still be answered.
    await new Promise((resolve) => setTimeout(resolve, LIMITS_STALE_MS + 100));
    // Several at once, then again once the first wave has used up the pooled connections.
    for (let wave = 0; wave < 2; wave++) {
      const answers = await Promise.all([...QUERIES, ...QUERIES].map((query) => timed(() => ask(query))));
      for (const { result, ms } of answers) {
        expectUnavailable(result);
        expectTimely(ms, PROMISED_MS, 'a request against a frozen database');
      }
    }
    const ready = await timed(() => gateway.get('/readyz'));
    expect(ready.result.status).toBe(503);
    expectTimely(ready.ms, PROMISED_MS, '/readyz against a frozen database');
    expect((await gateway.get('/healthz')).status).toBe(200);
  });

  it('thawed, the gateway serves again by itself', async () => {
    thaw();
    const deadline = Date.now() + 15_000;
    while ((await ask(QUERIES[1]!)).status !== 200) {
      if (Date.now() > deadline) throw new Error('the gateway did not recover within 15 s of SIGCONT');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const query of QUERIES) {
      const res = await ask(query);
      expect(res.status, query).toBe(200);
      expect(res.body.errors, query).toBeUndefined();
    }
  });
});
