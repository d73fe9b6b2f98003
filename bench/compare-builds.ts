import { parseArgs } from 'node:util';
import path from 'node:path';
import pg from 'pg';
import { startGatewayProcess, type GatewayMode } from './gateway-processes.js';
import { measure } from './load.js';
import { processCpuMs } from './process-cpu.js';
import { scenarios } from './scenarios.js';

/**
 * Two builds of the gateway measured back to back on the same data set: did a change help?
 * On a shared machine the same build's figures drift between runs, so a change is judged by
 * both builds measured in turn, minutes apart, not against an older run. For each build
 * (a `dist` folder: build the other commit with `git worktree add` + `npm run build`), each
 * scenario and concurrency: req/s, p99, the gateway's CPU per request and the database's CPU
 * per request (every backend of the bench database, read from /proc, so PostgreSQL must run on
 * this machine).
 *
 *   node dist/bench/compare-builds.js --builds /path/to/before/dist,dist [--database <url>]
 *     [--scenarios S1,S2,S3] [--connections 1,16] [--duration 8] [--warmup 3] [--mode policy]
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
  },
});
if (!args.builds) throw new Error('--builds <dist>,<dist> is required');

const client = new pg.Client({ connectionString: args.database });
await client.connect();

/** CPU (ms) used so far by every backend connected to the bench database but this one. */
async function databaseCpuMs(): Promise<number> {
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  let total = 0;
  for (const { pid } of rows) {
    try {
      total += processCpuMs(pid);
    } catch {
      // the backend ended meanwhile
    }
  }
  return total;
}

const ids = (await client.query<{ id: string }>(`SELECT id FROM prisoner WHERE vep_status <> 'NONE' ORDER BY id LIMIT 200`)).rows.map((r) => r.id);
const wanted = args.scenarios!.split(',');
const list = scenarios(ids).filter((s) => wanted.includes(s.id));
const concurrencies = args.connections!.split(',').map(Number);
console.log('build | scenario | c | req/s | p99 ms | gateway CPU ms/req | database CPU ms/req | errors');
for (const build of args.builds.split(',')) {
  const gateway = await startGatewayProcess(args.database, args.mode as GatewayMode, path.resolve(build, 'bench', 'gateway-process.js'));
  try {
    for (const scenario of list) {
      for (const connections of concurrencies) {
        const options = { url: gateway.url, headers: scenario.headers, body: scenario.body, connections };
        await measure({ ...options, durationSeconds: Number(args.warmup), warmupSeconds: 0 });
        const gatewayBefore = processCpuMs(gateway.pid);
        const databaseBefore = await databaseCpuMs();
        const result = await measure({ ...options, durationSeconds: Number(args.duration), warmupSeconds: 0 });
        const perRequest = (ms: number) => (result.requests ? (ms / result.requests).toFixed(2) : '–');
        console.log(`${build} | ${scenario.id} | ${connections} | ${result.rps} | ${result.p99} | `
          + `${perRequest(processCpuMs(gateway.pid) - gatewayBefore)} | ${perRequest((await databaseCpuMs()) - databaseBefore)} | ${result.errors}`);
      }
    }
  } finally {
    await gateway.stop();
  }
}
await client.end();
