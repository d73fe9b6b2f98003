import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { RecordingGateway } from './recording-gateway.js';
import type { Scenario } from './scenarios.js';

/**
 * What a compiled read costs PostgreSQL, build against build: the read statement each build
 * sends for S1–S3, and the hand-written SQL floor, executed on one connection in turn (one
 * execution of each, then again, `--executions` times), with the backend's own on-CPU time per
 * execution from /proc/<pid>/schedstat (nanoseconds; PostgreSQL must run on this machine). On
 * a machine whose speed drifts by a third within minutes, interleaving is what makes two
 * statements comparable: each sees the same machine. Deterministic enough to judge a change to
 * the compiler by a few percent, which a throughput run cannot.
 *
 *   node dist/bench/statement-cpu.js --builds /path/to/before/dist,dist [--database <url>]
 *     [--scenarios S1,S2,S3] [--executions 400]
 */

const { values: args } = parseArgs({
  options: {
    builds: { type: 'string', default: 'dist' },
    database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/liaison_bench_50000_30_60' },
    scenarios: { type: 'string', default: 'S1,S2,S3' },
    executions: { type: 'string', default: '400' },
  },
});
const builds = args.builds!.split(',').map((dir) => path.resolve(dir));
const wanted = new Set(args.scenarios!.split(','));
const executions = Number(args.executions);
if (!Number.isInteger(executions) || executions < 10) throw new Error('--executions must be an integer ≥ 10');

interface Candidate {
  label: string;
  scenario: string;
  text: string;
  values: unknown[];
  onCpuNs: number[];
  bytes: number;
}

const client = new pg.Client({ connectionString: args.database });
await client.connect();
const { pid } = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!;
const onCpuNs = (): number => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
const ids = (await client.query<{ id: string }>(`SELECT id FROM prisoner WHERE owner_agency_code = 'PRISONS' ORDER BY id LIMIT 200`)).rows.map((r) => r.id);

/** The read statement a build sends for each wanted scenario (its first request: S3's first prisoner). */
async function statementsOf(dist: string): Promise<Map<string, { text: string; values: unknown[] }>> {
  const load = async <T>(file: string): Promise<T> => await import(pathToFileURL(path.join(dist, 'bench', file)).href) as T;
  const { startRecordingGateway } = await load<{ startRecordingGateway: (url: string, env: Record<string, string>) => Promise<RecordingGateway> }>('recording-gateway.js');
  const { scenarios } = await load<{ scenarios: (ids: readonly string[]) => Scenario[] }>('scenarios.js');
  const gateway = await startRecordingGateway(args.database!, { LIAISON_RATE_LIMIT_PER_USER: '10000000', LIAISON_RATE_LIMIT_PER_AGENCY: '10000000' });
  const out = new Map<string, { text: string; values: unknown[] }>();
  try {
    for (const scenario of scenarios(ids).filter((s) => wanted.has(s.id))) {
      gateway.recorder.statements = [];
      const response = await fetch(gateway.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, body: scenario.body(0) });
      const body = await response.json() as { errors?: unknown[] };
      if (body.errors) throw new Error(`${dist} ${scenario.id}: ${JSON.stringify(body.errors).slice(0, 300)}`);
      const reads = gateway.recorder.statements.filter((s) => /^\s*SELECT/i.test(s.query));
      if (reads.length !== 1) throw new Error(`${dist} ${scenario.id}: ${reads.length} read statements, 1 expected`);
      out.set(scenario.id, { text: reads[0]!.query, values: reads[0]!.parameters });
    }
  } finally {
    await gateway.stop();
  }
  return out;
}

const { scenarios } = await import('./scenarios.js');
const candidates: Candidate[] = [];
for (const scenario of scenarios(ids).filter((s) => wanted.has(s.id))) {
  candidates.push({ label: 'SQL floor', scenario: scenario.id, text: scenario.floor.text, values: scenario.floor.values(0), onCpuNs: [], bytes: 0 });
}
for (const dist of builds) {
  for (const [scenario, statement] of await statementsOf(dist)) {
    candidates.push({ label: path.relative(process.cwd(), dist) || '.', scenario, ...statement, onCpuNs: [], bytes: 0 });
  }
}

const run = async (candidate: Candidate, i: number) => client.query({ name: `statement_cpu_${i}`, text: candidate.text, values: candidate.values, rowMode: 'array' });
for (const [i, candidate] of candidates.entries()) {
  const { rows } = await run(candidate, i);
  candidate.bytes = rows.reduce((sum: number, row: unknown[]) => sum + JSON.stringify(row).length, 0);
  for (let k = 0; k < 10; k++) await run(candidate, i); // prepared, planned, cached
}
for (let k = 0; k < executions; k++) {
  if (k % 100 === 0) process.stderr.write(`  ${k}/${executions} rounds\n`);
  for (const [i, candidate] of candidates.entries()) {
    const before = onCpuNs();
    await run(candidate, i);
    candidate.onCpuNs.push(onCpuNs() - before);
  }
}
await client.end();

const ms = (ns: number) => (ns / 1e6).toFixed(3);
console.log(`backend CPU per execution, ${executions} executions of each, interleaved (/proc/${pid}/schedstat)`);
console.log('scenario | statement | p25 ms | p50 ms | mean ms | result bytes');
for (const id of [...wanted].sort()) {
  for (const candidate of candidates.filter((c) => c.scenario === id)) {
    const sorted = [...candidate.onCpuNs].sort((a, b) => a - b);
    const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
    console.log(`${id} | ${candidate.label} | ${ms(sorted[Math.floor(sorted.length / 4)]!)} | ${ms(sorted[Math.floor(sorted.length / 2)]!)} | ${ms(mean)} | ${candidate.bytes}`);
  }
}
process.exit(0);
