import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { mintDevelopmentToken } from '../src/auth/development-tokens.js';
import { createDataSource } from '../src/db/data-source.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemoData } from '../src/seed/seed-demo.js';

/**
 * What the disclosure log adds to a request: the same query, at the same concurrency, against
 * the gateway with the log (as main.ts wires it) and without any audit sink, on a durable
 * embedded PostgreSQL (fsync and synchronous commit on) holding the demo data. Rounds
 * alternate between the two so that drift on a shared machine hits both alike.
 *
 *   npm run build && node dist/bench/audit-overhead.js [--connections 16] [--duration 10] [--rounds 2]
 *
 * The load is a closed loop. At 16 connections it saturates a small machine: the log's cost
 * then shows as throughput and CPU per request (latency = connections / throughput); at 1
 * connection the latency difference is what one request pays. (autocannon's rate limit sends
 * bursts, which saturate as well, so it is not offered.)
 *
 * The query is the police analyst's journey: 20 risk flags with their prisoners, i.e. a
 * DISCLOSURE entry of about 40 records. Latencies are exact (autocannon's own percentiles are
 * whole milliseconds).
 */

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '16' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const ROUNDS = Number(args.rounds);

const QUERY = '{ riskFlags(first: 20) { edges { node { id category severity summary raisedAt prisoner { id fullName vepStatus expectedReleaseDate } } } } }';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const ms = (value: number): string => value.toFixed(2).padStart(8);

interface Measured {
  latencies: number[];
  seconds: number;
  failures: number;
  /** Statuses of the failed responses, counted: `{ "429": 12 }`. */
  failedStatuses: Record<string, number>;
  /** CPU time (ms) used meanwhile by the gateway process and by PostgreSQL (Linux /proc; NaN elsewhere). */
  cpu: { gateway: number; postgres: number };
}

/** utime + stime of a process, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** CPU ms of the postmaster and its children (the backends serving both gateways). */
function postgresCpuMs(postmaster: number): number {
  let total = cpuMs(postmaster);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) total += cpuMs(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function load(url: string, token: string, seconds: number, pids: { gateway: number; postmaster: number }): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let failures = 0;
    const failedStatuses: Record<string, number> = {};
    const before = { gateway: cpuMs(pids.gateway), postgres: postgresCpuMs(pids.postmaster) };
    const instance = autocannon({
      url: `${url}/graphql`,
      connections: CONNECTIONS,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'liaison-purpose': 'COUNTER_TERRORISM' },
      body: JSON.stringify({ query: QUERY }),
    }, (error, result) => {
      if (error) reject(error);
      else {
        resolve({
          latencies, seconds: result.duration, failures: failures + result.errors + result.timeouts, failedStatuses,
          cpu: { gateway: cpuMs(pids.gateway) - before.gateway, postgres: postgresCpuMs(pids.postmaster) - before.postgres },
        });
      }
    });
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status === 200) latencies.push(responseTime);
      else {
        failures += 1;
        failedStatuses[status] = (failedStatuses[status] ?? 0) + 1;
      }
    });
  });
}

function summarise(name: string, runs: Measured[]): { p50: number; mean: number; gatewayCpu: number; postgresCpu: number } {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const mean = all.reduce((s, v) => s + v, 0) / all.length;
  const failures = runs.reduce((s, r) => s + r.failures, 0);
  const statuses = runs.flatMap((r) => Object.entries(r.failedStatuses)).map(([status, n]) => `HTTP ${status} × ${n}`).join(', ');
  const gatewayCpu = runs.reduce((s, r) => s + r.cpu.gateway, 0) / all.length;
  const postgresCpu = runs.reduce((s, r) => s + r.cpu.postgres, 0) / all.length;
  process.stdout.write(`${name.padEnd(22)}${String(all.length).padStart(9)}${(all.length / seconds).toFixed(0).padStart(8)}`
    + `${ms(percentile(all, 50))}${ms(percentile(all, 90))}${ms(percentile(all, 99))}${ms(mean)}${ms(gatewayCpu)}${ms(postgresCpu)}${failures ? `   ${failures} FAILED${statuses ? ` (${statuses})` : ''}` : ''}\n`);
  return { p50: percentile(all, 50), mean, gatewayCpu, postgresCpu };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'liaison-bench-'));
const database = await startEmbeddedPostgres({ dataDir, database: 'bench' });
const dataSource = createDataSource({ url: database.url, poolSize: 4 });
await dataSource.initialize();
await migrate(dataSource);
await seedDemoData(dataSource, { now: new Date() });
await dataSource.destroy();
const gateway = spawn(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), 'audit-overhead-gateway.js'), database.url], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {

  const [line] = await (async () => {
    for await (const l of createInterface({ input: gateway.stdout! })) return [l];
    throw new Error('the benchmark gateway exited before listening');
  })();
  const ports = JSON.parse(line!) as { withLog: number; withoutLog: number };
  const urls = { withLog: `http://127.0.0.1:${ports.withLog}`, withoutLog: `http://127.0.0.1:${ports.withoutLog}` };
  const pids = { gateway: gateway.pid!, postmaster: Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]) };
  const token = mintDevelopmentToken({ agency: 'POLICE', roles: ['ANALYST'], userId: 'bench-analyst', ttlSeconds: 12 * 3600 });

  const runs = { withLog: [] as Measured[], withoutLog: [] as Measured[] };
  const sinkTimes: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const mode of ['withoutLog', 'withLog'] as const) {
      await load(urls[mode], token, WARMUP, pids);
      if (mode === 'withLog') await fetch(`${urls.withLog}/bench/sink`); // reset
      runs[mode].push(await load(urls[mode], token, DURATION, pids));
      if (mode === 'withLog') sinkTimes.push(...await (await fetch(`${urls.withLog}/bench/sink`)).json() as number[]);
      process.stderr.write(`round ${round}/${ROUNDS}: ${mode} done (load average ${loadavg()[0]!.toFixed(2)})\n`);
    }
  }

  process.stdout.write(`\nquery: the police analyst's 20 flags with prisoners (a DISCLOSURE entry of ~40 records)\n`
    + `${CONNECTIONS} connections, each sending its next request as soon as the last is answered, ${ROUNDS} × ${DURATION} s per configuration after ${WARMUP} s warm-up, durable embedded PostgreSQL, ${cpus().length} CPUs shared with the load generator\n\n`);
  process.stdout.write(`${''.padEnd(22)}${'requests'.padStart(9)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p90 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'mean ms'.padStart(8)}`
    + `${'CPU gw'.padStart(8)}${'CPU pg'.padStart(8)}   (CPU: ms per request)\n`);
  const without = summarise('without the log', runs.withoutLog);
  const withLog = summarise('with the log', runs.withLog);
  const sorted = [...sinkTimes].sort((a, b) => a - b);
  process.stdout.write(`\nadded by the log: p50 ${(withLog.p50 - without.p50).toFixed(2)} ms, mean ${(withLog.mean - without.mean).toFixed(2)} ms; `
    + `CPU per request: gateway ${(withLog.gatewayCpu - without.gatewayCpu).toFixed(2)} ms, PostgreSQL ${(withLog.postgresCpu - without.postgresCpu).toFixed(2)} ms\n`
    + `time spent writing the entry (auditSink.record, group commit included), per request: `
    + `p50 ${percentile(sorted, 50).toFixed(2)} ms, p90 ${percentile(sorted, 90).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms (${sorted.length} entries)\n`);
  const roundP50 = (measured: Measured[]) => measured.map((r) => percentile([...r.latencies].sort((a, b) => a - b), 50).toFixed(2)).join(', ');
  process.stdout.write(`p50 per round: without ${roundP50(runs.withoutLog)} ms; with ${roundP50(runs.withLog)} ms\n`);
} finally {
  gateway.kill('SIGTERM');
  await new Promise((resolve) => gateway.once('exit', resolve));
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
