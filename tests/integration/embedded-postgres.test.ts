import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';

// The embedded PostgreSQL of `npm start` and the CLI, started the way a new user's machine
// starts it: in a private directory (mktemp -d is 0700), after a crash left a pid file behind,
// and joined rather than started twice.

async function answers(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    return rows[0]!.version;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  let privateDir: string;
  let dataDir: string;
  let server: EmbeddedDatabase | undefined;

  beforeAll(async () => {
    privateDir = await mkdtemp(path.join(tmpdir(), 'liaison-private-'));
    dataDir = path.join(privateDir, 'data');
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
  });

  afterAll(async () => {
    await server?.stop();
    await rm(privateDir, { recursive: true, force: true });
  });

  it('starts with its data inside a private directory and keeps the data unreadable to others', async () => {
    const messages: string[] = [];
    server = await startEmbeddedPostgres({ dataDir, ephemeral: true, log: (m) => messages.push(m) });
    expect(server.owned).toBe(true);
    expect(server.port).not.toBe(5432);
    expect(await answers(server.url)).toMatch(/^PostgreSQL \d+/);
    const mode = (await stat(privateDir)).mode & 0o777;
    if (userInfo().uid === 0) {
      // The postgres OS user runs the server: it may traverse, never list or read.
      expect(mode).toBe(0o701);
      expect(messages.some((m) => m.includes(`traverse ${privateDir} (o+x)`))).toBe(true);
    } else {
      expect(mode).toBe(0o700);
    }
    expect((await stat(path.join(dataDir, 'embedded-postgres.json'))).mode & 0o077).toBe(0);
  });

  it('is joined, not started twice, by a second process on the same directory', async () => {
    const second = await startEmbeddedPostgres({ dataDir, log: () => undefined });
    expect(second.owned).toBe(false);
    expect(second.port).toBe(server!.port);
    expect(await answers(second.url)).toMatch(/^PostgreSQL/);
  });

  it('restarts after a crash left a stale postmaster.pid, keeping its credentials', async () => {
    const credentials = await readFile(path.join(dataDir, 'embedded-postgres.json'), 'utf8');
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    await server!.stop();
    server = undefined;
    // A pid that no process has (pid_max on Linux is at most 2^22).
    await writeFile(pidFile, `${2 ** 22 + 1}\n${path.join(dataDir, 'pg')}\n0\n54321\n`);
    server = await startEmbeddedPostgres({ dataDir, ephemeral: true, log: () => undefined });
    expect(server.owned).toBe(true);
    expect(await answers(server.url)).toMatch(/^PostgreSQL/);
    expect(await readFile(path.join(dataDir, 'embedded-postgres.json'), 'utf8')).toBe(credentials);
  });
});
