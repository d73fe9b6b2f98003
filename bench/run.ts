import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openCluster, prepareDataSet } from './databases.js';
import { explainScenarios } from './explain.js';
import { startGatewayProcess, type GatewayMode } from './gateway-processes.js';
import { measure } from './load.js';
import { printMicro, runMicroBenchmarks } from './micro.js';
import { checks, machine, printTable, type Measurement } from './report.js';
import { benchToken } from './issuer.js';
import { scenarios, type Scenario } from './scenarios.js';
import { measureFloor } from './sql-floor.js';

/**
 * `npm run bench` (issue 6): policy and audit cost at realistic scale. Builds the data sets,
 * runs S1–S3 (and S4, a policy change under load) at concurrency 1 and 16 against the
 * gateway, against an allow-all baseline of the same server and against hand-written SQL;
 * the S1/S2 scale curve; an EXPLAIN check; policy micro-benchmarks. Prints a table and
 * writes bench/results.json.
 */

const { values: args } = parseArgs({
  options: {
    prisoners: { type: 'string', default: '50000' },
    small: { type: 'string', default: '5000' },
    agencies: { type: 'string', default: '30' },
    mous: { type: 'string', default: '60' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '1,16' },
    'skip-scale': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results.json' },
  },
});

const big = Number(args.prisoners);
const small = args['skip-scale'] ? null : Number(args.small);
const durationSeconds = Number(args.duration);
const warmupSeconds = Number(args.warmup);
const concurrencies = args.connections!.split(',').map(Number);
const dataSpec = { agencies: Number(args.agencies), mous: Number(args.mous) };

async function prisonerIds(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM prisoner WHERE vep_status <> 'NONE' ORDER BY id LIMIT 200`);
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

async function loadAll(url: string, prisoners: number, mode: GatewayMode, list: Scenario[], out: Measurement[]): Promise<void> {
  const gateway = await startGatewayProcess(url, mode);
  try {
    for (const scenario of list) {
      for (const connections of concurrencies) {
        const result = await measure({ url: gateway.url, headers: scenario.headers, body: scenario.body, connections, durationSeconds, warmupSeconds });
        out.push({ scenario: scenario.id, mode, prisoners, connections, ...result, peakRssMiB: gateway.peakRssMiB() });
        console.log(`  ${scenario.id} ${mode} N=${prisoners} c=${connections}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}`);
      }
    }
  } finally {
    await gateway.stop();
  }
}

/**
 * S4: S1 at the highest concurrency while the police MoU is suspended and resumed every
 * 500 ms by the prison administration's MoU administrator, through the API (each change bumps
 * the policy revision: every ability is rebuilt cold).
 */
async function policyChurn(url: string, prisoners: number, s1: Scenario, out: Measurement[]): Promise<{ changes: number }> {
  const gateway = await startGatewayProcess(url, 'policy');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const { rows: [mou] } = await admin.query<{ id: string }>(`SELECT id FROM mou WHERE reference = 'MOU-PRISONS-POLICE-01' AND status = 'ACTIVE'`);
  await admin.end();
  const token = benchToken('PRISONS', ['MOU_ADMIN'], 'bench-prisons-admin');
  const change = async (mutation: 'suspendMou' | 'resumeMou'): Promise<void> => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `mutation($id: ID!) { ${mutation}(id: $id, reason: "benchmark S4") { status } }`, variables: { id: mou!.id } }),
    });
    const body = await response.json() as { errors?: unknown[] };
    if (body.errors) throw new Error(`S4 ${mutation} failed: ${JSON.stringify(body.errors)}`);
  };
  let changes = 0;
  let suspended = false;
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    pending = pending.then(async () => {
      await change(suspended ? 'resumeMou' : 'suspendMou');
      suspended = !suspended;
      changes++;
    });
  }, 500);
  try {
    const connections = Math.max(...concurrencies);
    const result = await measure({ url: gateway.url, headers: s1.headers, body: s1.body, connections, durationSeconds, warmupSeconds: 0 });
    out.push({ scenario: 'S4', mode: 'policy', prisoners, connections, ...result, peakRssMiB: gateway.peakRssMiB() });
    console.log(`  S4 policy N=${prisoners} c=${connections}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, ${changes} policy changes`);
  } finally {
    clearInterval(timer);
    await pending;
    if (suspended) await change('resumeMou');
    await gateway.stop();
  }
  return { changes };
}

async function main(): Promise<void> {
  const started = Date.now();
  const cluster = await openCluster();
  console.log(`Liaison benchmark on ${cluster.describe}; ${durationSeconds} s per run after ${warmupSeconds} s warm-up; concurrency ${concurrencies.join(', ')}`);
  const measurements: Measurement[] = [];
  try {
    const bigUrl = await prepareDataSet(cluster, { prisoners: big, ...dataSpec }, args.fresh!);
    const smallUrl = small ? await prepareDataSet(cluster, { prisoners: small, ...dataSpec }, args.fresh!) : null;

    console.log('\nPolicy micro-benchmarks');
    const micro = await runMicroBenchmarks();
    printMicro(micro);

    const list = scenarios(await prisonerIds(bigUrl));
    console.log(`\nGateway with policy and audit, N=${big}`);
    await loadAll(bigUrl, big, 'policy', list, measurements);
    const churn = await policyChurn(bigUrl, big, list[0]!, measurements);
    console.log(`\nThe same gateway without the disclosure log, N=${big}`);
    await loadAll(bigUrl, big, 'policy-without-log', list, measurements);
    console.log(`\nBaseline (allow-all policy, no audit), N=${big}`);
    await loadAll(bigUrl, big, 'baseline', list, measurements);
    console.log(`\nSQL floor, N=${big}`);
    for (const scenario of list) {
      for (const connections of concurrencies) {
        const result = await measureFloor(bigUrl, scenario.floor, connections, durationSeconds, warmupSeconds);
        measurements.push({ scenario: scenario.id, mode: 'sql-floor', prisoners: big, connections, ...result, peakRssMiB: null });
        console.log(`  ${scenario.id} sql N=${big} c=${connections}: ${result.rps} q/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
      }
    }
    if (smallUrl && small) {
      console.log(`\nScale curve: gateway with policy, N=${small}`);
      await loadAll(smallUrl, small, 'policy', scenarios(await prisonerIds(smallUrl)).slice(0, 2), measurements);
    }

    console.log('\nEXPLAIN of every statement the gateway sends for S1–S3');
    const explain = await explainScenarios(bigUrl, list);
    console.log(explain.seqScans.length === 0
      ? `  ${explain.statements} statements, no sequential scan on a large table`
      : explain.seqScans.map((s) => `  ${s.scenario}: Seq Scan on ${s.table}: ${s.statement}`).join('\n'));

    printTable(measurements);
    const results = checks(measurements, micro, big, small);
    console.log('\nTargets');
    console.table(results.map((c) => ({ target: c.target, value: c.value, met: c.met ? 'yes' : 'NO' })));

    const commit = (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
      } catch {
        return null;
      }
    })();
    const report = {
      date: new Date().toISOString(), commit, machine: machine(), database: cluster.describe,
      dataSet: { prisoners: big, small, ...dataSpec }, durationSeconds, warmupSeconds,
      measurements, micro, explain, s4PolicyChanges: churn.changes, targets: results,
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
    };
    mkdirSync(path.dirname(args.out!), { recursive: true });
    writeFileSync(args.out!, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${args.out} (${report.elapsedSeconds} s)`);
  } finally {
    await cluster.stop();
  }
}

await main();
