import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The database statement timeout (issue 5 §5): LIAISON_STATEMENT_TIMEOUT_MS reaches every
 * connection of the gateway's pool, and a statement that runs past it makes the request
 * SERVICE_UNAVAILABLE — the whole response, even the parts already computed (no partial
 * data), without a word of SQL or driver detail.
 */

let db: TestDatabase;
let database: Database;
let gateway: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  // The data source exactly as main.ts opens it, from configuration.
  const config = loadConfig({ DATABASE_URL: db.url, LIAISON_STATEMENT_TIMEOUT_MS: '300' });
  database = await openDatabase(config, pino({ level: 'silent' }), { poolSize: 4 });
  gateway = await startTestGateway(db, { dataSource: database.dataSource });
});

afterAll(async () => {
  await gateway?.close();
  await database?.close();
  await db?.drop();
});

describe('statement timeout', () => {
  it('applies to the connections the gateway opens', async () => {
    const [row] = await database.dataSource.query('SHOW statement_timeout') as { statement_timeout: string }[];
    expect(row!.statement_timeout).toBe('300ms');
  });

  it('a statement past it ends the request with SERVICE_UNAVAILABLE and no data at all', async () => {
    // Another session holds the flags table: any read of it waits, past the timeout.
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE risk_flag IN ACCESS EXCLUSIVE MODE');
      const started = performance.now();
      const res = await gateway.graphql<any>(
        '{ prisoners(first: 2) { edges { node { fullName } } } riskFlags(first: 2) { edges { node { id summary } } } }',
        { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY' },
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      expect(res.status).toBe(503);
      expect(res.body.data ?? undefined).toBeUndefined();
      expect(res.body.errors).toEqual([{
        message: 'The service is temporarily unavailable; try again shortly',
        extensions: { code: 'SERVICE_UNAVAILABLE', decisionId: res.headers.get('liaison-decision-id') },
      }]);
      expect(JSON.stringify(res.body)).not.toMatch(/cancel|timeout|risk_flag|SELECT/i);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  });

  it('the same request is served once the table is free', async () => {
    const res = await gateway.graphql<any>('{ riskFlags(first: 2) { edges { node { id } } } }', { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY' });
    expect(res.status).toBe(200);
    expect(res.body.data.riskFlags.edges).toHaveLength(2);
  });
});
