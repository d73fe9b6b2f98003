import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { openCluster, prepareDataSet } from './databases.js';
import { DiscardingAuditSink } from './baseline.js';
import { AUDIT_SIGNING_KEY_FILE, benchToken, TRUSTED_ISSUERS_FILE } from './issuer.js';
import { shiftedDate } from './names-dates.js';
import { EVAL_SET_FILE, type EvalQuery } from './names-eval-generate.js';

/**
 * `npm run bench:names:profile -- [--slowest N] [--out file.json]` — where person search's
 * time goes, query by query. Runs the evaluation set (bench/names-eval-set.json) one request
 * at a time through an in-process gateway on the `bench:names` database, recording for each
 * query its wall time and every SQL statement it sent (with its parameters and time), then
 * runs EXPLAIN (ANALYZE, BUFFERS) on the person-search statement of the N slowest queries and
 * prints, per query: wall time, time in SQL, the rest (ranking, GraphQL; no disclosure log)
 * and the plan's execution and planning time.
 */

const arg = (name: string, fallback: string): string => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : fallback);
const slowest = Number(arg('--slowest', '20'));
const outFile = arg('--out', '');
const QUERY = `query($input: PersonSearchInput!) { personSearch(input: $input, first: 10) { edges { node { id } match { score } } } }`;

interface Statement { sql: string; params: unknown[]; ms: number }

class TimingLogger implements TypeOrmLogger {
  current: Statement[] = [];
  logQuery(): void {}
  logQueryError(): void {}
  logQuerySlow(time: number, query: string, parameters?: unknown[]): void {
    this.current.push({ sql: query, params: parameters ?? [], ms: time });
  }
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function run(): Promise<void> {
  const evalSet = JSON.parse(readFileSync(EVAL_SET_FILE, 'utf8')) as { prisoners: number; queries: EvalQuery[] };
  const cluster = await openCluster();
  const url = await prepareDataSet(cluster, { prisoners: evalSet.prisoners, agencies: 4, mous: 3 }, false, 'liaison_names_bench');
  Object.assign(process.env, {
    DATABASE_URL: url, LOG_LEVEL: 'warn', LIAISON_MODE: 'production', NODE_ENV: 'production',
    LIAISON_TRUSTED_ISSUERS: TRUSTED_ISSUERS_FILE, LIAISON_AUDIT_SIGNING_KEY: AUDIT_SIGNING_KEY_FILE,
    LIAISON_RATE_LIMIT_PER_USER: '10000000', LIAISON_RATE_LIMIT_PER_AGENCY: '100000000',
  });
  const [{ loadConfig }, { createDataSource }, { composeGateway }, { createLogger }, { loadTrust }] = await Promise.all([
    import('../src/config.js'), import('../src/db/data-source.js'), import('../src/gateway.js'),
    import('../src/observability/logger.js'), import('../src/startup-checks.js'),
  ]);
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const { issuers, auditKeys } = loadTrust(config);
  const timing = new TimingLogger();
  const dataSource = createDataSource({ url, poolSize: config.db.poolSize, statementTimeoutMs: 60_000, queryLogger: timing });
  // Every statement's time reaches logQuerySlow.
  dataSource.setOptions({ maxQueryExecutionTime: 1e-9 } as never);
  await dataSource.initialize();
  // The disclosure log is left out (a no-op sink): a short profiling run would leave entries
  // waiting for a checkpoint in the bench database; `bench:names` measures with the log.
  const gateway = await composeGateway({ config, log, databaseUrl: url, dataSource, issuers, auditKeys }, { auditSink: new DiscardingAuditSink() });
  const http = gateway.server.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ids = evalSet.queries.flatMap((q) => (q.dob ? [q.dob.of] : []));
  const { rows } = await client.query<{ id: string; dob: string }>(`SELECT id, date_of_birth::text AS dob FROM prisoner WHERE id = ANY($1::uuid[])`, [ids]);
  const dobs = new Map(rows.map((r) => [r.id, r.dob]));
  
  const token = benchToken('PRISONS', ['SECURITY_OFFICER'], 'bench-names');

  const results: { query: EvalQuery; input: Record<string, string>; ms: number; sqlMs: number; statements: Statement[] }[] = [];
  const search = async (input: Record<string, string>): Promise<number> => {
    const started = performance.now();
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'liaison-purpose': 'PRISON_SECURITY' },
      body: JSON.stringify({ query: QUERY, variables: { input } }),
    });
    await response.json();
    return performance.now() - started;
  };
  const inputs = evalSet.queries.map((q) => ({ query: q, input: { name: q.name, ...(q.dob ? { dateOfBirth: shiftedDate(dobs.get(q.dob.of)!, q.dob.shift) } : {}) } }));
  for (const { input } of inputs.slice(0, 40)) await search(input);
  for (const { query, input } of inputs) {
    timing.current = [];
    const ms = await search(input);
    const statements = timing.current;
    results.push({ query, input, ms, sqlMs: statements.reduce((s, x) => s + x.ms, 0), statements });
  }
  const sorted = [...results].sort((a, b) => b.ms - a.ms);
  const walls = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number): number => walls[Math.min(walls.length - 1, Math.ceil((p / 100) * walls.length) - 1)]!;
  console.log(`${results.length} queries, one at a time: p50 ${pct(50).toFixed(1)} ms, p90 ${pct(90).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${walls.at(-1)!.toFixed(1)} ms`);
  console.log('\n  wall    sql  other | slowest statement (ms) | plan: exec / planning | query');
  for (const r of sorted.slice(0, slowest)) {
    const main = [...r.statements].sort((a, b) => b.ms - a.ms)[0];
    let plan = '';
    const search = r.statements.find((s) => s.sql.includes('prisoner_name_key'));
    if (search) {
      const explained = await client.query({ text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${search.sql}`, values: search.params as unknown[] });
      const json = (explained.rows[0] as { 'QUERY PLAN': { 'Execution Time': number; 'Planning Time': number }[] })['QUERY PLAN'][0]!;
      plan = `${json['Execution Time'].toFixed(1)} / ${json['Planning Time'].toFixed(1)}`;
      (r as { plan?: unknown }).plan = json;
    }
    console.log(`${r.ms.toFixed(1).padStart(6)} ${r.sqlMs.toFixed(0).padStart(6)} ${(r.ms - r.sqlMs).toFixed(0).padStart(6)} | ${String(main?.ms ?? '').padStart(5)} ${main?.sql.includes('prisoner_name_key') ? 'search' : main?.sql.slice(0, 30).replace(/\s+/g, ' ')} | ${plan} | ${r.query.category} "${r.input.name}"${r.input.dateOfBirth ? ` ${r.input.dateOfBirth}` : ''}`);
  }
  if (outFile) writeFileSync(outFile, JSON.stringify(sorted.slice(0, slowest), null, 1));
  await client.end();
  http.closeAllConnections();
  http.close();
  await gateway.stop();
  await dataSource.destroy();
  await cluster.stop();
}

await run();
