import path from 'node:path';
import pg from 'pg';
import { progressReporter } from '../src/cli/progress.js';
import { createDataSource } from '../src/db/data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import pino from 'pino';
import { loadAuditKeys } from '../src/audit/audit-keys.js';
import { DisclosureLog } from '../src/audit/disclosure-log.js';
import { loadConfig } from '../src/config.js';
import { AUDIT_SIGNING_KEY_FILE } from './issuer.js';

/**
 * Benchmark databases: DATABASE_URL's server when set, otherwise an embedded PostgreSQL in
 * LIAISON_BENCH_DIR (default ./.liaison-bench, kept between runs). One database per data-set
 * size, seeded once (`--fresh` reseeds), vacuumed and analysed so that the planner sees realistic
 * statistics and no autovacuum runs during the measurements.
 */

export interface BenchCluster {
  adminUrl: string;
  describe: string;
  stop(): Promise<void>;
}

export interface DataSetSpec {
  prisoners: number;
  agencies: number;
  mous: number;
}

export async function openCluster(): Promise<BenchCluster> {
  if (process.env.DATABASE_URL) {
    return { adminUrl: process.env.DATABASE_URL, describe: 'PostgreSQL server (DATABASE_URL)', stop: async () => undefined };
  }
  const dataDir = path.resolve(process.env.LIAISON_BENCH_DIR ?? '.liaison-bench');
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  return { adminUrl: embedded.adminUrl, describe: `embedded PostgreSQL (${dataDir})`, stop: () => embedded.stop() };
}

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/**
 * A seeded database for `spec`, reused when it already holds that data set. `prefix` keeps a
 * benchmark whose schema differs (a branch's migrations) off the others' databases.
 */
export async function prepareDataSet(cluster: BenchCluster, spec: DataSetSpec, fresh: boolean, prefix = 'liaison_bench'): Promise<string> {
  const name = `${prefix}_${spec.prisoners}_${spec.agencies}_${spec.mous}`;
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount && fresh) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    if (!rowCount || fresh) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(cluster.adminUrl, name);
  const dataSource = createDataSource({ url, poolSize: 4, statementTimeoutMs: 600_000 });
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    const [row] = (await dataSource.query('SELECT count(*)::int AS n FROM prisoner')) as { n: number }[];
    if (row?.n === spec.prisoners) {
      console.log(`data set ${name}: already seeded`);
    } else {
      console.log(`data set ${name}: seeding ${spec.prisoners} prisoners, ${spec.agencies} agencies, ${spec.mous} MoUs`);
      const progress = progressReporter();
      const summary = await seedDemoData(dataSource, { now: new Date(), ...spec, replaceExisting: true, onProgress: progress.update });
      progress.stop();
      console.log(`  seeded in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.riskFlags} flags, ${summary.riskAssessments} assessments, ${summary.releasePlans} release plans, ${summary.interventions} interventions, ${summary.intelligenceReports} reports, ${summary.clauses} clauses`);
      // Vacuumed as well as analysed: otherwise autovacuum visits every freshly inserted table
      // (and sets its hint bits) during the first measurements, which then pay for it.
      console.log('  VACUUM (ANALYZE) …');
      await dataSource.query('VACUUM (ANALYZE)');
    }
  } finally {
    await dataSource.destroy();
  }
  await sealLeftovers(url);
  return url;
}

/**
 * Seals, late, what an earlier run left unsealed (a run stopped midway): otherwise every gateway
 * of this run would find a stretch older than the schedule allows, refuse to seal it — rightly:
 * it looks like a deleted checkpoint — and spend its database's time checking it again.
 */
async function sealLeftovers(url: string): Promise<void> {
  const config = loadConfig({ LIAISON_MODE: 'production', DATABASE_URL: url, LIAISON_AUDIT_SIGNING_KEY: AUDIT_SIGNING_KEY_FILE });
  const log = new DisclosureLog({ databaseUrl: url, keys: loadAuditKeys(config), settings: config.audit, log: pino({ level: 'silent' }) });
  try {
    const sealed = await log.seal({ late: true });
    if (sealed?.created) console.log(`  disclosure log: entries up to ${sealed.checkpoint.seq} sealed (late) before measuring`);
  } finally {
    await log.close();
  }
}
