import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens } from '../support/gateway.js';
import { expectTimely, MECHANISM_BOUND_MS, SETUP_LEAD_MS } from '../support/timing.js';
import { demoMouId, draftInput, MOU_FIELDS } from '../support/mou-api.js';

/**
 * Instant effect everywhere (issue 3, item 3; docs/architecture.md §3.5): two gateway processes
 * — the built `node dist/src/main.js`, as deployed — on one database. A change made through
 * process A must change what process B answers within one second: suspension, resumption,
 * termination, activation at validFrom and expiry at validUntil. Each delay is measured from
 * the moment the change took effect (A's response, or the validity boundary) to B's first
 * changed answer, and printed.
 */

const run = promisify(execFile);
const LIMIT_MS = 1_000;
const POLL_MS = 20;

interface Gateway {
  url: string;
  child: ChildProcess;
  output: string[];
}

let db: TestDatabase;
let a: Gateway;
let b: Gateway;

function startGateway(name: string): Promise<Gateway> {
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'dist/src/main.js')], {
    cwd: PACKAGE_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LIAISON_MODE: 'development',
      LIAISON_SEED_ON_START: 'false', LOG_LEVEL: 'warn', LIAISON_DB_POOL_SIZE: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway ${name} did not start:\n${output.join('')}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /on (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, output });
      }
    });
    child.on('exit', (code) => reject(new Error(`gateway ${name} exited (${code}):\n${output.join('')}`)));
  });
}

async function stopGateway(gateway: Gateway | undefined): Promise<void> {
  if (!gateway || gateway.child.exitCode !== null) return;
  const exited = new Promise((resolve) => gateway.child.once('exit', resolve));
  gateway.child.kill('SIGTERM');
  await exited;
}

async function gql(gateway: Gateway, query: string, options: { token: string; purpose?: string; caseReference?: string; variables?: Record<string, unknown> }): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${options.token}` };
  if (options.purpose) headers['liaison-purpose'] = options.purpose;
  if (options.caseReference) headers['liaison-case-reference'] = options.caseReference;
  const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables ?? {} }) });
  const body = await response.json() as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const analystFlags = async (gateway: Gateway): Promise<number> =>
  (await gql(gateway, '{ riskFlags(first: 1) { totalCount } }', { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' })).riskFlags.totalCount;
const analystInterventions = async (gateway: Gateway): Promise<number> =>
  (await gql(gateway, '{ prisoners(first: 100) { edges { node { interventions { id } } } } }', { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' }))
    .prisoners.edges.reduce((n: number, e: any) => n + e.node.interventions.length, 0);
const probationPlans = async (gateway: Gateway): Promise<number> =>
  (await gql(gateway, '{ releasePlans(first: 1) { totalCount } }', { token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-1' })).releasePlans.totalCount;

/** Polls `read` on a gateway until `done` holds; returns the time it first held, in epoch ms. */
async function until(read: () => Promise<number>, done: (value: number) => boolean, deadlineMs = MECHANISM_BOUND_MS + 2_000): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value)) return Date.now();
    if (Date.now() > deadline) throw new Error(`condition not reached within ${deadlineMs} ms (last value ${value})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const mutate = async (gateway: Gateway, token: string, name: string, args: string, variables: Record<string, unknown>): Promise<any> =>
  (await gql(gateway, `mutation(${Object.keys(variables).map((k) => `$${k}: ${k === 'input' ? 'MouDraftInput!' : k === 'reason' ? 'String!' : 'ID!'}`).join(', ')}) { ${name}(${args}) { ${MOU_FIELDS} } }`, { token, variables }))[name];

const report = (what: string, ms: number): void => {
  process.stdout.write(`propagation across two gateway processes: ${what} seen by process B after ${ms} ms (limit ${LIMIT_MS} ms)\n`);
};

beforeAll(async () => {
  // The processes run the built gateway: build it from the sources under test.
  await run(process.execPath, [path.join(PACKAGE_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: PACKAGE_ROOT });
  db = await createTestDatabase();
  [a, b] = await Promise.all([startGateway('A'), startGateway('B')]);
}, 180_000);

afterAll(async () => {
  await Promise.all([stopGateway(a), stopGateway(b)]);
  await db?.drop();
});

describe('two gateway processes on one database', () => {
  it('stop and restart sharing on process B within a second of a suspension, resumption or termination through process A', { timeout: 60_000 }, async () => {
    const id = await demoMouId(db.sql, 'MOU-PRISONS-POLICE-01');
    const flags = await analystFlags(b);
    expect(flags).toBeGreaterThan(0);
    const prisonsAdmin = demoTokens.mouAdmin('PRISONS');

    await mutate(a, prisonsAdmin, 'suspendMou', 'id: $id, reason: $reason', { id, reason: 'propagation test' });
    const suspended = Date.now();
    const suspendedMs = (await until(() => analystFlags(b), (n) => n === 0)) - suspended;
    report('suspension', suspendedMs);
    expectTimely(suspendedMs, LIMIT_MS, 'suspension');

    await mutate(a, prisonsAdmin, 'resumeMou', 'id: $id', { id });
    const resumed = Date.now();
    const resumedMs = (await until(() => analystFlags(b), (n) => n === flags)) - resumed;
    report('resumption', resumedMs);
    expectTimely(resumedMs, LIMIT_MS, 'resumption');

    const probation = await demoMouId(db.sql, 'MOU-PRISONS-PROBATION-01');
    expect(await probationPlans(b)).toBeGreaterThan(0);
    await mutate(a, demoTokens.mouAdmin('PROBATION'), 'terminateMou', 'id: $id, reason: $reason', { id: probation, reason: 'propagation test' });
    const terminated = Date.now();
    const terminatedMs = (await until(() => probationPlans(b), (n) => n === 0)) - terminated;
    report('termination', terminatedMs);
    expectTimely(terminatedMs, LIMIT_MS, 'termination');
  });

  it('activate at validFrom and expire at validUntil on process B within a second', async () => {
    expect(await analystInterventions(b)).toBe(0);
    const validFrom = new Date(Date.now() + SETUP_LEAD_MS);
    const validUntil = new Date(validFrom.getTime() + 2_500);
    const draft = await mutate(a, demoTokens.mouAdmin('PRISONS'), 'createMouDraft', 'input: $input', {
      input: draftInput({
        reference: 'MOU-PRISONS-POLICE-PROPAGATION', validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString(),
        clauses: [{
          label: 'Interventions of VEPs', subject: 'Intervention', fields: ['id', 'programme', 'status'],
          conditions: { 'prisoner.vepStatus': { $in: ['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP'] } },
          purposes: ['COUNTER_TERRORISM'], recipientRoles: ['ANALYST'], maxTlp: 'AMBER', retentionDays: 30,
        }],
      }),
    });
    await mutate(a, demoTokens.mouAdmin('PRISONS'), 'submitMou', 'id: $id', { id: draft.id });
    await mutate(a, demoTokens.mouAdmin('PRISONS', 'prisons-admin-2'), 'approveMou', 'id: $id', { id: draft.id });
    const approved = await mutate(a, demoTokens.mouAdmin('POLICE'), 'approveMou', 'id: $id', { id: draft.id });
    expect(approved.status).toBe('APPROVED');
    expect(Date.now()).toBeLessThan(validFrom.getTime());

    const activatedMs = (await until(() => analystInterventions(b), (n) => n > 0)) - validFrom.getTime();
    report('activation at validFrom', activatedMs);
    expect(activatedMs).toBeGreaterThanOrEqual(0);
    expectTimely(activatedMs, LIMIT_MS, 'activation at validFrom');

    const expiredMs = (await until(() => analystInterventions(b), (n) => n === 0)) - validUntil.getTime();
    report('expiry at validUntil', expiredMs);
    expect(expiredMs).toBeGreaterThanOrEqual(0);
    expectTimely(expiredMs, LIMIT_MS, 'expiry at validUntil');
    const [row] = await db.sql<{ status: string }>('SELECT status FROM mou WHERE id = $1', [draft.id]);
    expect(['ACTIVE', 'EXPIRED']).toContain(row!.status); // the clock's status update follows within its tick
  }, 60_000);
});

describe('the liaison CLI (built)', () => {
  const cli = (args: string[]) => run(process.execPath, [path.join(PACKAGE_ROOT, 'bin/liaison.js'), ...args], {
    cwd: PACKAGE_ROOT, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
  });

  it('exports an MoU as YAML and imports a document as a draft, refusing an invalid one with every problem', async () => {
    const { stdout } = await cli(['mou', 'export', 'MOU-POLICE-PRISONS-01', '--version', '1']);
    expect(stdout).toBe(readFileSync(path.join(PACKAGE_ROOT, 'docs/mous/MOU-POLICE-PRISONS-01.yaml'), 'utf8'));

    const dir = mkdtempSync(path.join(tmpdir(), 'liaison-cli-'));
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, stdout.replace('title: Graded intelligence for prison security', 'title: Graded intelligence, revised'));
    const imported = await cli(['mou', 'import', good, '--as', 'dana']);
    expect(imported.stdout).toMatch(/^created MOU-POLICE-PRISONS-01 v2 as DRAFT \(id [0-9a-f-]{36}\)/);

    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, stdout.replace('MOU-POLICE-PRISONS-01', 'MOU-POLICE-PRISONS-02').replace('createdAt]', 'createdAt, sourceReference]').replace('maxTlp: AMBER_STRICT', 'maxTlp: PURPLE'));
    const refusedImport = await cli(['mou', 'import', bad, '--as', 'dana']).then(() => null, (error: { code: number; stderr: string }) => error);
    expect(refusedImport?.code).toBe(1);
    expect(refusedImport?.stderr).toContain('refused — 2 problem(s):');
    expect(refusedImport?.stderr).toContain('clause 1 "Intelligence reports with handling code P": fields.sourceReference: "sourceReference" is a statutory exclusion');
    expect(refusedImport?.stderr).toContain('clause 1 "Intelligence reports with handling code P": maxTlp: "PURPLE" is not one of');
  });
});
