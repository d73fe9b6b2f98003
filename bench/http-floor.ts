import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startGatewayProcess } from './gateway-processes.js';
import { measure } from './load.js';
import { processCpuMs } from './process-cpu.js';
import { scenarioPrisonerIds, scenarios } from './scenarios.js';
import { measureFloor } from './sql-floor.js';

/**
 * What HTTP alone costs over the SQL floor, beside the allow-all baseline (issue 13's "baseline
 * within 2 × the floor"): for each scenario and concurrency, measured in turn, the floor (its SQL
 * from a pool in this process), the same SQL behind the least HTTP server
 * (bench/http-floor-server.ts, driven by the same load generator as the gateways) and Liaison's
 * allow-all baseline; rounds alternate the order. Prints each one's rate, the floor ÷ it, and
 * the server's CPU per request.
 *
 *   node dist/bench/http-floor.js [--database <url>] [--scenarios S1,S2,S3] [--connections 1,16]
 *     [--rounds 2] [--duration 8] [--warmup 2]
 */

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/liaison_bench_50000_30_60' },
    scenarios: { type: 'string', default: 'S1,S2,S3' },
    connections: { type: 'string', default: '1,16' },
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
  },
});
const duration = Number(args.duration);
const warmup = Number(args.warmup);

async function startHttpFloor(scenarioId: string): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', fileURLToPath(new URL('./http-floor-server.js', import.meta.url)), '--scenario', scenarioId], {
    env: { ...process.env, DATABASE_URL: args.database }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the HTTP floor server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

const client = new pg.Client({ connectionString: args.database });
await client.connect();
const ids = await scenarioPrisonerIds(client);
await client.end();
const list = scenarios(ids).filter((s) => args.scenarios!.split(',').includes(s.id));
const concurrencies = args.connections!.split(',').map(Number);
const baseline = await startGatewayProcess(args.database!, 'baseline');

console.log('scenario | c | round | floor q/s | HTTP floor req/s | floor ÷ HTTP floor | its CPU ms/req | baseline req/s | floor ÷ baseline | its CPU ms/req');
try {
  for (const scenario of list) {
    const httpFloor = await startHttpFloor(scenario.id);
    try {
      const servers = [
        { url: httpFloor.url, pid: httpFloor.pid, headers: {}, body: (i: number) => JSON.stringify({ i }) },
        { url: baseline.url, pid: baseline.pid, headers: scenario.headers, body: scenario.body },
      ];
      for (const server of servers) await measure({ ...server, connections: Math.max(...concurrencies), durationSeconds: 4, warmupSeconds: 0 });
      for (let round = 0; round < Number(args.rounds); round += 1) {
        for (const connections of concurrencies) {
          const floor = await measureFloor(args.database!, scenario.floor, connections, duration, warmup);
          const served = [];
          for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
            await measure({ ...server, connections, durationSeconds: warmup, warmupSeconds: 0 });
            const before = processCpuMs(server.pid);
            const result = await measure({ ...server, connections, durationSeconds: duration, warmupSeconds: 0 });
            if (result.errors > 0) throw new Error(`${scenario.id}: ${result.errors} errors from ${server.url}`);
            served[servers.indexOf(server)] = { rps: result.rps, cpu: (processCpuMs(server.pid) - before) / result.requests };
          }
          const [plain, gateway] = served as [{ rps: number; cpu: number }, { rps: number; cpu: number }];
          console.log(`${scenario.id} | ${connections} | ${round + 1} | ${floor.rps} | ${plain.rps} | ${(floor.rps / plain.rps).toFixed(2)} | ${plain.cpu.toFixed(2)} | `
            + `${gateway.rps} | ${(floor.rps / gateway.rps).toFixed(2)} | ${gateway.cpu.toFixed(2)}`);
        }
      }
    } finally {
      httpFloor.stop();
    }
  }
} finally {
  await baseline.stop();
}
