import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { demoTokens } from '../support/gateway.js';

/**
 * The production entry points on their own embedded PostgreSQL, as an operator runs them:
 * `node dist/src/main.js` stopped by SIGTERM (systemd, Kubernetes), and `liaison serve`
 * stopped by Ctrl-C (SIGINT to the terminal's whole foreground process group). Clients have
 * requests in flight — held on a table lock so they are certainly mid-request — when the
 * signal arrives. Every one gets its data, the gateway exits 0, and no PostgreSQL process is
 * left behind. (Built by the global setup; `dist/` must be current.)
 */

const CLIENTS = 6;
let dataDir: string;
let gateway: ChildProcess | undefined;
let gatewayOutput = '';
const started: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'liaison-stop-'));
});

afterAll(async () => {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  const pid = postmasterPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGINT');
  await rm(dataDir, { recursive: true, force: true });
});

function postmasterPid(): number | null {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process on the machine whose command line names our data directory (the postmaster and its workers). */
function processesOnDataDir(): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
    } catch {
      return false;
    }
  }).map(Number);
}

/** The embedded server's URL for `database`, from the files the gateway keeps in its data directory. */
function embeddedUrl(database: string): string {
  const { user, password } = JSON.parse(readFileSync(path.join(dataDir, 'embedded-postgres.json'), 'utf8')) as { user: string; password: string };
  const port = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Starts the gateway in a process group of its own (as a shell starts a foreground job). */
async function startGateway(args: string[]): Promise<{ url: string; output: () => string }> {
  const child = spawn(process.execPath, args, {
    cwd: PACKAGE_ROOT,
    detached: true,
    env: {
      PATH: process.env.PATH, LIAISON_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LIAISON_MODE: 'development',
      LIAISON_SEED_ON_START: 'true', LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway = child;
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); gatewayOutput = output; });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); gatewayOutput = output; });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const match = /on (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(output);
    if (match) return { url: match[1]!, output: () => output };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`gateway did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Watches from a connection of its own: inside the blocker's transaction, pg_stat_activity would be a frozen snapshot. */
async function waitForLockedQueries(count: number): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedUrl('liaison') });
  await client.connect();
  try {
    await pollLockedQueries(client, count);
  } finally {
    await client.end();
  }
}

async function pollLockedQueries(client: pg.Client, count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'liaison' AND wait_event_type = 'Lock'`);
    if (rows[0].n >= count) return;
    if (Date.now() > deadline) {
      const activity = await client.query(`SELECT application_name, state, wait_event_type, wait_event, left(query, 80) AS query FROM pg_stat_activity WHERE datname = current_database()`);
      throw new Error(`only ${rows[0].n} of ${count} requests reached the database: ${JSON.stringify(activity.rows)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stops the gateway with `signal` while CLIENTS requests are in flight; returns their answers and the exit code. */
async function stopWithRequestsInFlight(url: string, sendSignal: () => void): Promise<{ statuses: number[]; errors: unknown[]; flags: number[]; exitCode: number | null; postgresDuringDrain: boolean }> {
  const ask = (): Promise<{ status: number; body: { errors?: unknown[]; data?: { riskFlags: { edges: unknown[] } } } }> => fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${demoTokens.prisonSecurityOfficer()}`, 'liaison-purpose': 'PRISON_SECURITY' },
    body: JSON.stringify({ query: '{ riskFlags(first: 3) { edges { node { id category } } } }' }),
  }).then(async (res) => ({ status: res.status, body: await res.json() as never }));
  // Warm: every client has been answered once (connections, caches), as in steady operation.
  for (const answer of await Promise.all(Array.from({ length: CLIENTS }, ask))) expect(answer.status).toBe(200);

  const blocker = new pg.Client({ connectionString: embeddedUrl('liaison') });
  blocker.on('error', () => undefined); // a PostgreSQL that heard the signal too cuts it off: the assertions say so
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE risk_flag IN ACCESS EXCLUSIVE MODE');
  const requests = Array.from({ length: CLIENTS }, ask);
  const settledEarly = Promise.race(requests).then((answer) => {
    throw new Error(`a request was answered while the table was locked: ${JSON.stringify(answer)}\n${gatewayOutput.split('\n').filter((l) => !l.includes('"level":30')).join('\n')}`);
  });
  await Promise.race([waitForLockedQueries(CLIENTS), settledEarly]);
  settledEarly.catch(() => undefined);

  const postmaster = postmasterPid()!;
  const exited = once(gateway!, 'exit');
  sendSignal();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const postgresDuringDrain = alive(postmaster) && gateway!.exitCode === null;
  await blocker.query('ROLLBACK').catch(() => undefined);
  await blocker.end().catch(() => undefined);
  const answers = await Promise.all(requests);
  const [exitCode] = await exited as [number | null];
  return {
    statuses: answers.map((a) => a.status),
    errors: answers.flatMap((a) => a.body.errors ?? []),
    flags: answers.map((a) => a.body.data?.riskFlags.edges.length ?? -1),
    exitCode,
    postgresDuringDrain,
  };
}

describe('stopping a production gateway that runs its own embedded PostgreSQL', () => {
  it('SIGTERM to `node dist/src/main.js`: requests in flight all answered, exit 0, no PostgreSQL left running', async () => {
    const { url, output } = await startGateway([path.join(PACKAGE_ROOT, 'dist', 'src', 'main.js')]);
    const postmaster = postmasterPid()!;
    const result = await stopWithRequestsInFlight(url, () => gateway!.kill('SIGTERM'));

    expect(result.postgresDuringDrain).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.statuses).toEqual(Array(CLIENTS).fill(200));
    expect(result.flags).toEqual(Array(CLIENTS).fill(3));
    expect(result.exitCode).toBe(0);
    expect(alive(postmaster)).toBe(false);
    expect(processesOnDataDir()).toEqual([]);
    expect(output()).toMatch(/"msg":"stopped"/);
  }, 120_000);

  it('Ctrl-C (SIGINT to the process group) of `liaison serve`: PostgreSQL does not hear it; requests answered, nothing left running', async () => {
    const { url } = await startGateway([path.join(PACKAGE_ROOT, 'bin', 'liaison.js'), 'serve']);
    const postmaster = postmasterPid()!;
    const result = await stopWithRequestsInFlight(url, () => process.kill(-gateway!.pid!, 'SIGINT'));

    expect(result.postgresDuringDrain).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.statuses).toEqual(Array(CLIENTS).fill(200));
    expect(result.exitCode).toBe(0);
    expect(alive(postmaster)).toBe(false);
    expect(processesOnDataDir()).toEqual([]);
  }, 120_000);
});
