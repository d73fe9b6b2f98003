import { parseArgs } from 'node:util';
import path from 'node:path';
import pg from 'pg';
import { startGatewayProcess, type GatewayMode } from './gateway-processes.js';
import { measure } from './load.js';
import { processCpuMs } from './process-cpu.js';
import { scenarios } from './scenarios.js';

/**
 * What V8's young-generation collections cost a request: each build's gateway runs with
 * `--trace-gc-nvp` and, for each scenario and concurrency, this prints the scavenges over the
 * measured window, the bytes that survived each (objects still reachable when it ran: copied,
 * and promoted at the second), their pauses on the main thread and the time of V8's helper
 * threads per request, beside the gateway's CPU per request. Garbage that stays reachable —
 * a request's rows kept alive by something long-lived — shows as survival that does not fall
 * with concurrency 1 (only one request in flight).
 *
 *   node dist/bench/young-generation.js [--builds <dist>[,<dist>…]] [--database <url>]
 *     [--scenarios S1] [--connections 1,16] [--duration 8] [--warmup 3] [--mode policy]
 */

const { values: args } = parseArgs({
  options: {
    builds: { type: 'string', default: 'dist' },
    database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/liaison_bench_50000_30_60' },
    scenarios: { type: 'string', default: 'S1' },
    connections: { type: 'string', default: '1,16' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
    mode: { type: 'string', default: 'policy' },
  },
});

/** One `--trace-gc-nvp` line as name → value (`gc=s` is a scavenge). */
function nvp(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const token of line.split(/\s+/)) {
    const equals = token.indexOf('=');
    if (equals > 0) fields.set(token.slice(0, equals), token.slice(equals + 1));
  }
  return fields;
}

const client = new pg.Client({ connectionString: args.database });
await client.connect();
const ids = (await client.query<{ id: string }>(`SELECT id FROM prisoner WHERE vep_status <> 'NONE' ORDER BY id LIMIT 200`)).rows.map((r) => r.id);
await client.end();
const wanted = args.scenarios!.split(',');
const list = scenarios(ids).filter((s) => wanted.includes(s.id));
const concurrencies = args.connections!.split(',').map(Number);

console.log('build | scenario | c | req/s | gateway CPU ms/req | scavenges | survived MB per scavenge | scavenge pause ms/req (main) | helper threads ms/req');
for (const build of args.builds!.split(',')) {
  let recording = false;
  const scavenges: Map<string, string>[] = [];
  const gateway = await startGatewayProcess(args.database!, args.mode as GatewayMode, path.resolve(build, 'bench', 'gateway-process.js'), {
    nodeArgs: ['--trace-gc-nvp'],
    onLine: (line) => {
      if (!recording || !line.includes('gc=s ')) return;
      scavenges.push(nvp(line));
    },
  });
  try {
    for (const scenario of list) {
      for (const connections of concurrencies) {
        const options = { url: gateway.url, headers: scenario.headers, body: scenario.body, connections };
        await measure({ ...options, durationSeconds: Number(args.warmup), warmupSeconds: 0 });
        scavenges.length = 0;
        recording = true;
        const before = processCpuMs(gateway.pid);
        const result = await measure({ ...options, durationSeconds: Number(args.duration), warmupSeconds: 0 });
        const cpu = processCpuMs(gateway.pid) - before;
        recording = false;
        const sum = (name: string) => scavenges.reduce((total, s) => total + Number(s.get(name) ?? 0), 0);
        const perRequest = (value: number) => (result.requests ? (value / result.requests).toFixed(3) : '–');
        const survived = scavenges.length ? (sum('new_space_survived') / scavenges.length / 1e6).toFixed(1) : '–';
        console.log(`${build} | ${scenario.id} | ${connections} | ${result.rps} | ${perRequest(cpu)} | ${scavenges.length} | ${survived} | `
          + `${perRequest(sum('pause'))} | ${perRequest(sum('background.scavenge.parallel'))}`);
      }
    }
  } finally {
    await gateway.stop();
  }
}
