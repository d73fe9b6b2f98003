import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { createEmptyDatabase, type EmptyDatabase } from '../support/empty-database.js';

/**
 * The planner settings the gateway's connections open with (src/db/planner-settings.ts):
 * `random_page_cost` 1.1 by default, another value or the server's own setting by
 * LIAISON_DB_RANDOM_PAGE_COST, and a clear refusal of anything else.
 */

let db: EmptyDatabase;

beforeAll(async () => {
  db = await createEmptyDatabase();
});

afterAll(async () => {
  await db?.drop();
});

/** `random_page_cost` as a connection of the database the gateway opens with `env` sees it. */
async function gatewaySetting(env: Record<string, string>): Promise<string> {
  const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', ...env });
  const database = await openDatabase(config, pino({ level: 'silent' }));
  try {
    const [row] = await database.dataSource.query('SHOW random_page_cost') as { random_page_cost: string }[];
    return row!.random_page_cost;
  } finally {
    await database.close();
  }
}

/** The server's own setting, as a connection opened without options sees it. */
async function serverSetting(): Promise<string> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<{ random_page_cost: string }>('SHOW random_page_cost')).rows[0]!.random_page_cost;
  } finally {
    await client.end();
  }
}

describe('the planner settings of the gateway\'s connections', () => {
  it('price a random page read at 1.1 by default, where the server is left at its own setting', async () => {
    expect(await gatewaySetting({})).toBe('1.1');
    expect(await serverSetting()).not.toBe('1.1');
  });

  it('follow LIAISON_DB_RANDOM_PAGE_COST: another cost, or the server\'s own setting', async () => {
    expect(await gatewaySetting({ LIAISON_DB_RANDOM_PAGE_COST: '2.5' })).toBe('2.5');
    expect(await gatewaySetting({ LIAISON_DB_RANDOM_PAGE_COST: 'server' })).toBe(await serverSetting());
  });

  it('keep the options the database URL carries, beside their own', async () => {
    const url = new URL(db.url);
    url.searchParams.set('options', '-c work_mem=8MB');
    const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' });
    const database = await openDatabase(config, pino({ level: 'silent' }));
    try {
      const [row] = await database.dataSource.query(`SELECT current_setting('work_mem') AS work_mem, current_setting('random_page_cost') AS cost`) as { work_mem: string; cost: string }[];
      expect(row).toEqual({ work_mem: '8MB', cost: '1.1' });
    } finally {
      await database.close();
    }
  });

  it('refuse a value that is not a cost, naming the variable', () => {
    for (const value of ['fast', '-1', '0', '1e3', '101', '1.1; SET x=1']) {
      expect(() => loadConfig({ LIAISON_DB_RANDOM_PAGE_COST: value }), value).toThrow(ConfigError);
      expect(() => loadConfig({ LIAISON_DB_RANDOM_PAGE_COST: value }), value).toThrow(/LIAISON_DB_RANDOM_PAGE_COST must be a number between 0.1 and 100/);
    }
    expect(loadConfig({}).db.randomPageCost).toBe(1.1);
    expect(loadConfig({ LIAISON_DB_RANDOM_PAGE_COST: 'server' }).db.randomPageCost).toBeNull();
  });
});
