import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startGatewayProcess } from './gateway-processes.js';
import { scenarioPrisonerIds, scenarios } from './scenarios.js';

/**
 * What a response holds in the gateway's heap while it waits for its disclosure-log entry to
 * commit. Every response waits so (fail closed), and whatever it holds meanwhile is copied by
 * V8's young-generation collections, then promoted to the old generation: the cost grows with
 * what is held, not with what is allocated. Deterministic where a throughput figure is not:
 * the chain head is locked from another session so that `--requests` requests of the scenario
 * all wait at once, and the heap (a snapshot, taken after a full collection) is compared with
 * the idle gateway's.
 *
 *   node dist/bench/held-while-logging.js [--builds <dist>,<dist>] [--scenarios S1,S2] [--requests 16]
 *     [--database postgres://postgres@127.0.0.1:5432/liaison_bench_50000_30_60]
 */

const { values: args } = parseArgs({
  options: {
    builds: { type: 'string', default: path.resolve(path.dirname(new URL(import.meta.url).pathname), '..') },
    database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/liaison_bench_50000_30_60' },
    scenarios: { type: 'string', default: 'S1,S2' },
    requests: { type: 'string', default: '16' },
  },
});

/** Bytes in a V8 heap snapshot: the sum of its nodes' own sizes. */
function heapBytes(file: string): number {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const selfSize = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = selfSize; i < snapshot.nodes.length; i += fields.length) bytes += snapshot.nodes[i]!;
  return bytes;
}

/** Asks the gateway for a heap snapshot (SIGUSR2) and measures it once written. */
async function snapshotBytes(pid: number, dir: string): Promise<number> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const file = readdirSync(dir).find((name) => !before.has(name) && name.endsWith('.heapsnapshot'));
    if (!file) continue;
    try {
      const bytes = heapBytes(path.join(dir, file));
      rmSync(path.join(dir, file));
      return bytes;
    } catch {
      // still being written
    }
  }
}

const client = new pg.Client({ connectionString: args.database });
await client.connect();
const ids = await scenarioPrisonerIds(client);
const requests = Number(args.requests);
console.log('build | scenario | idle heap MB | heap with requests waiting MB | KB held per waiting request');
for (const build of args.builds!.split(',')) {
  for (const scenario of scenarios(ids).filter((s) => args.scenarios!.split(',').includes(s.id))) {
    const dir = mkdtempSync(path.join(tmpdir(), 'liaison-heap-'));
    const gateway = await startGatewayProcess(args.database!, 'policy', path.resolve(build, 'bench', 'gateway-process.js'), {
      nodeArgs: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`],
    });
    const send = (i: number) => fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, body: scenario.body(i) })
      .then((response) => response.text());
    const lock = new pg.Client({ connectionString: args.database });
    try {
      for (let i = 0; i < 50; i += 1) await send(i); // warm: plans, prepared statements, caches
      const idle = await snapshotBytes(gateway.pid, dir);
      await lock.connect();
      await lock.query('BEGIN');
      await lock.query('SELECT seq FROM disclosure_log_head WHERE id = 1 FOR UPDATE');
      const waiting = Array.from({ length: requests }, (_, i) => send(i));
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // all of them executed, their entries queued
      const held = await snapshotBytes(gateway.pid, dir);
      await lock.query('ROLLBACK');
      await Promise.all(waiting);
      console.log(`${build} | ${scenario.id} | ${(idle / 1e6).toFixed(1)} | ${(held / 1e6).toFixed(1)} | ${((held - idle) / requests / 1e3).toFixed(0)}`);
    } finally {
      await lock.end();
      await gateway.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
await client.end();
