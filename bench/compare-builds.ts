import { parseArgs } from 'node:util';
import path from 'node:path';
import pg from 'pg';
import { startGatewayProcess, type GatewayMode } from './gateway-processes.js';
import { measure } from './load.js';
import { databaseCpu, databaseCpuBetween } from './database-cpu.js';
import { processCpuMs } from './process-cpu.js';
import { scenarioPrisonerIds, scenarios } from './scenarios.js';

/**
 * Two builds of the gateway measured back to back on the same data set: did a change help?
 * On a shared machine the same build's figures drift between runs, so a change is judged by
 * both builds measured in turn, minutes apart, not against an older run. For each build
 * (a `dist` folder: build the other commit with `git worktree add` + `npm run build`), each
 * scenario and concurrency: req/s, p99, the gateway's CPU per request and the database's CPU
 * per request (every backend of the bench database, read from /proc, so PostgreSQL must run on
 * this machine), split by what the backend serves: the compiled reads (the gateway's pool), the
 * disclosure log's inserts and sealing, and the rest (policy listener, rate limits, autovacuum).
 *
 *   node dist/bench/compare-builds.js --builds /path/to/before/dist,dist [--database <url>]
 *     [--scenarios S1,S2,S3] [--connections 1,16] [--duration 8] [--warmup 3] [--mode policy] [--gc]
 *
 * `--gc` runs each gateway with `--trace-gc-nvp` and adds what V8's young-generation
 * collections cost: the scavenges over the measured window, the bytes that survived each
 * (still reachable when it ran: copied, and promoted at the second), their pauses on the main
 * thread and the time of V8's helper threads, per request. Garbage kept reachable by something
 * long-lived shows as survival that does not fall at concurrency 1 (one request in flight).
 */

const { values: args } = parseArgs({
  options: {
    builds: { type: 'string' },
    database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/liaison_bench_50000_30_60' },
    scenarios: { type: 'string', default: 'S1,S2,S3' },
    connections: { type: 'string', default: '1,16' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
    mode: { type: 'string', default: 'policy' },
    gc: { type: 'boolean', default: false },
  },
});
if (!args.builds) throw new Error('--builds <dist>,<dist> is required');

const client = new pg.Client({ connectionString: args.database });
await client.connect();

const ids = await scenarioPrisonerIds(client);
const wanted = args.scenarios!.split(',');
const list = scenarios(ids).filter((s) => wanted.includes(s.id));
const concurrencies = args.connections!.split(',').map(Number);
/** One `--trace-gc-nvp` line as name → value. */
function nvp(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const token of line.split(/\s+/)) {
    const equals = token.indexOf('=');
    if (equals > 0) fields.set(token.slice(0, equals), token.slice(equals + 1));
  }
  return fields;
}

console.log(`build | scenario | c | req/s | p99 ms | gateway CPU ms/req | database CPU ms/req (reads / log / other) | errors${
  args.gc ? ' | scavenges | MB surviving each | scavenge pauses ms/req (main thread) | V8 helper threads ms/req' : ''}`);
for (const build of args.builds.split(',')) {
  // The scavenges (`gc=s`) the gateway reports while a measurement runs.
  let recording = false;
  const scavenges: Map<string, string>[] = [];
  const gateway = await startGatewayProcess(args.database, args.mode as GatewayMode, path.resolve(build, 'bench', 'gateway-process.js'), args.gc ? {
    nodeArgs: ['--trace-gc-nvp'],
    onLine: (line) => {
      if (recording && line.includes('gc=s ')) scavenges.push(nvp(line));
    },
  } : {});
  try {
    for (const scenario of list) {
      for (const connections of concurrencies) {
        const options = { url: gateway.url, headers: scenario.headers, body: scenario.body, connections };
        await measure({ ...options, durationSeconds: Number(args.warmup), warmupSeconds: 0 });
        const gatewayBefore = processCpuMs(gateway.pid);
        const databaseBefore = await databaseCpu(client);
        scavenges.length = 0;
        recording = true;
        const result = await measure({ ...options, durationSeconds: Number(args.duration), warmupSeconds: 0 });
        recording = false;
        const database = databaseCpuBetween(databaseBefore, await databaseCpu(client));
        const perRequest = (ms: number, digits = 2) => (result.requests ? (ms / result.requests).toFixed(digits) : '–');
        const sum = (name: string) => scavenges.reduce((total, s) => total + Number(s.get(name) ?? 0), 0);
        const gc = args.gc
          ? ` | ${scavenges.length} | ${scavenges.length ? (sum('new_space_survived') / scavenges.length / 1e6).toFixed(1) : '–'}`
            + ` | ${perRequest(sum('pause'), 3)} | ${perRequest(sum('background.scavenge.parallel'), 3)}`
          : '';
        console.log(`${build} | ${scenario.id} | ${connections} | ${result.rps} | ${result.p99} | `
          + `${perRequest(processCpuMs(gateway.pid) - gatewayBefore)} | ${perRequest(database.all)} (${perRequest(database.reads)} / ${perRequest(database.log)} / ${perRequest(database.other)})`
          + ` | ${result.errors}${gc}`);
      }
    }
  } finally {
    await gateway.stop();
  }
}
await client.end();
