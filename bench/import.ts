import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDataSource } from '../src/db/data-source.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { openCluster } from './databases.js';
import { startGatewayProcess } from './gateway-processes.js';
import { benchToken } from './issuer.js';

/**
 * `npm run bench:import` — bulk synchronisation (issue 12): 50,000 prisoners and then 100,000
 * risk flags imported through the real CLI (`liaison import`, CSV) into a fresh database;
 * records/s and the importer's peak memory (maximum resident set size); a re-import of the
 * same flags (0 revisions expected); and flags upserted through the GraphQL mutation at 500 per
 * call. Prints the figures. Sizes: LIAISON_BENCH_PRISONERS / LIAISON_BENCH_FLAGS /
 * LIAISON_BENCH_MUTATION_FLAGS.
 */

const PRISONERS = Number(process.env.LIAISON_BENCH_PRISONERS ?? 50_000);
const FLAGS = Number(process.env.LIAISON_BENCH_FLAGS ?? 100_000);
const MUTATION_FLAGS = Number(process.env.LIAISON_BENCH_MUTATION_FLAGS ?? 20_000);
const BIN = fileURLToPath(new URL('../../bin/liaison.js', import.meta.url));
const DATABASE = 'liaison_bench_import';

interface Run {
  seconds: number;
  peakRssMiB: number;
  stdout: string;
}

/** Runs the CLI under /usr/bin/time for its peak resident set size. */
function cli(args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    execFile('/usr/bin/time', ['-f', 'maxrss_kib=%M', process.execPath, BIN, ...args, '--no-progress'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, maxBuffer: 64 * 1024 * 1024,
    }, (error, stdout, stderr) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /maxrss_kib=(\d+)/.exec(stderr);
      if (error && !rss) reject(new Error(`${args.join(' ')} failed: ${stderr}`));
      else resolve({ seconds, peakRssMiB: Math.round(Number(rss![1]) / 1024), stdout: stdout.trim() });
    });
  });
}

async function freshDatabase(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

const CATEGORIES = ['VIOLENCE', 'ESCAPE', 'RADICALISATION_INFLUENCE', 'GANG_AFFILIATION', 'SELF_HARM', 'STAFF_CONDITIONING'];
const flagRow = (i: number): string =>
  `BF-${i},BP-${i % PRISONERS},${CATEGORIES[i % CATEGORIES.length]},${['LOW', 'MODERATE', 'HIGH', 'VERY_HIGH'][i % 4]},Bench flag ${i},2026-0${1 + (i % 9)}-15T08:00:00Z,2027-0${1 + (i % 9)}-01`;

async function main(): Promise<void> {
  const cluster = await openCluster();
  const dir = mkdtempSync(path.join(tmpdir(), 'liaison-bench-import-'));
  try {
    const url = await freshDatabase(cluster.adminUrl);
    const dataSource = createDataSource({ url, poolSize: 2, statementTimeoutMs: 600_000 });
    await dataSource.initialize();
    await migrate(dataSource);
    // Agencies, facilities and MoUs of the demo, with a handful of demo prisoners.
    await seedDemoData(dataSource, { now: new Date(), prisoners: 10 });
    const [{ code: facility } = { code: '' }] = await dataSource.query(`SELECT code FROM facility WHERE owner_agency_code = 'PRISONS' LIMIT 1`) as { code: string }[];

    const prisonersCsv = path.join(dir, 'prisoners.csv');
    writeFileSync(prisonersCsv, ['externalId,prisonNumber,fullName,names,facility,custodyStatus,vepStatus,expectedReleaseDate',
      ...Array.from({ length: PRISONERS }, (_, i) =>
        `BP-${i},BP${String(i).padStart(6, '0')},Prisoner ${i},Prisoner ${i}|LATIN|PRIMARY,${facility},SENTENCED,${i % 5 === 0 ? 'ASSESSED_VEP' : 'NONE'},2027-0${1 + (i % 9)}-01`)].join('\n'));
    const flagsCsv = path.join(dir, 'flags.csv');
    writeFileSync(flagsCsv, ['externalId,prisonerExternalId,category,severity,summary,raisedAt,reviewDate', ...Array.from({ length: FLAGS }, (_, i) => flagRow(i))].join('\n'));

    console.log(`Liaison import benchmark — ${cluster.describe}; ${new Date().toISOString()}`);
    const prisoners = await cli(['import', '--agency', 'PRISONS', '--kind', 'prisoners', prisonersCsv], url);
    console.log(`prisoners (CLI, CSV):   ${PRISONERS} in ${prisoners.seconds.toFixed(1)} s = ${Math.round(PRISONERS / prisoners.seconds)} records/s, peak RSS ${prisoners.peakRssMiB} MiB  [${prisoners.stdout.split(' in ')[0]}]`);
    const flags = await cli(['import', '--agency', 'PRISONS', '--kind', 'risk-flags', flagsCsv], url);
    console.log(`risk flags (CLI, CSV):  ${FLAGS} in ${flags.seconds.toFixed(1)} s = ${Math.round(FLAGS / flags.seconds)} records/s, peak RSS ${flags.peakRssMiB} MiB  [${flags.stdout.split(' in ')[0]}]`);

    const revisions = async () => Number(((await dataSource.query('SELECT count(*) AS n FROM record_revision')) as { n: string }[])[0]!.n);
    const before = await revisions();
    const again = await cli(['import', '--agency', 'PRISONS', '--kind', 'risk-flags', flagsCsv], url);
    console.log(`re-import of the flags: ${FLAGS} in ${again.seconds.toFixed(1)} s = ${Math.round(FLAGS / again.seconds)} records/s, peak RSS ${again.peakRssMiB} MiB, ${await revisions() - before} revisions added  [${again.stdout.split(' in ')[0]}]`);

    process.env.LIAISON_MAX_BODY_BYTES = String(1024 * 1024);
    const gateway = await startGatewayProcess(url, 'policy');
    try {
      const token = benchToken('PRISONS', ['SECURITY_OFFICER'], 'bench-sync');
      const query = 'mutation($records: [RiskFlagInput!]!) { upsertRiskFlags(records: $records) { created rejected } }';
      const started = process.hrtime.bigint();
      let created = 0;
      for (let from = 0; from < MUTATION_FLAGS; from += 500) {
        const records = Array.from({ length: Math.min(500, MUTATION_FLAGS - from) }, (_, k) => {
          const i = FLAGS + from + k;
          return { externalId: `BF-${i}`, prisonerExternalId: `BP-${i % PRISONERS}`, category: CATEGORIES[i % CATEGORIES.length], severity: 'HIGH', summary: `Bench flag ${i}` };
        });
        const response = await fetch(gateway.url, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables: { records } }),
        });
        const body = await response.json() as { data?: { upsertRiskFlags: { created: number; rejected: number } }; errors?: unknown };
        if (!body.data) throw new Error(`upsert failed: ${JSON.stringify(body.errors)}`);
        created += body.data.upsertRiskFlags.created;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      console.log(`risk flags (upsertRiskFlags, 500 per call): ${created} created in ${seconds.toFixed(1)} s = ${Math.round(created / seconds)} records/s, gateway peak RSS ${gateway.peakRssMiB()} MiB`);
    } finally {
      await gateway.stop();
    }
    await dataSource.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cluster.stop();
  }
}

await main();
