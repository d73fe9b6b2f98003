import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import { createDataSource } from '../../src/db/data-source.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemoData } from '../../src/seed/seed-demo.js';

/**
 * One PostgreSQL for the whole run: the machine's server when DATABASE_URL is set,
 * otherwise an embedded one in a temporary directory. A template database is migrated and
 * seeded with the demo data set once; each test file clones it (CREATE DATABASE … TEMPLATE),
 * which takes a fraction of a second and isolates files from one another.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    database: { adminUrl: string; template: string; mode: 'embedded' | 'server' };
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Tests that run the real binaries (`liaison audit …`, two gateway processes) need `dist/`
 * to match the sources: an incremental `tsc` build, run once here beside the database setup
 * (a second or two when nothing changed), rather than by test files racing each other.
 */
function buildDist(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], (error, stdout) => {
      if (error) reject(new Error(`build for the tests failed:\n${stdout}`));
      else resolve();
    });
  });
}

/** The console's sources, and the gateway modules it compiles in (the policy vocabulary). */
const CONSOLE_INPUTS = ['console', 'src/domain/enums.ts', 'src/policies/subjects.ts', 'src/policies/statutory-exclusions.ts', 'package-lock.json'];

function newestChange(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((entry) => newestChange(path.join(file, entry))));
}

/**
 * The browser tests load the built console from `dist/console`: rebuilt (Vite, a few seconds)
 * when any of its inputs is newer than the last build, as `npm run build` does in CI.
 */
function buildConsoleIfStale(): Promise<void> {
  const built = path.join('dist', 'console', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...CONSOLE_INPUTS.map(newestChange))) return Promise.resolve();
  return new Promise((resolve, reject) => {
    // vitest sets NODE_ENV=test, which Vite would carry into the bundle (React's development build).
    execFile('npm', ['run', '--silent', 'build:console'], { env: { ...process.env, NODE_ENV: 'production' } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`console build for the tests failed:\n${stdout}${stderr}`));
      else resolve();
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const built = buildDist().then(buildConsoleIfStale);
  built.catch(() => undefined); // awaited below; not unhandled if the database setup fails first
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let adminUrl: string;
  const mode = process.env.DATABASE_URL ? 'server' : 'embedded';
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), 'liaison-test-'));
    embedded = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    adminUrl = embedded.adminUrl;
  }

  const template = `liaison_template_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const dataSource = createDataSource({ url: withDatabase(adminUrl, template), poolSize: 4 });
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    await seedDemoData(dataSource, { now: new Date() });
  } finally {
    await dataSource.destroy();
  }

  await built;
  project.provide('database', { adminUrl, template, mode });

  return async () => {
    // Clones made by test files are dropped by the files; drop anything left over.
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `liaison_test_${process.pid}_%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
