import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { uuidArrayBinary } from '../../src/db/uuid-array.js';

/**
 * How disclosure-log entries are stored (migration DisclosureLogLz4): compressed with lz4 when
 * the server has it, the text unchanged — the log still verifies.
 */

let db: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('disclosure-log storage', () => {
  it('stores a page-sized entry compressed with lz4 (where the server has it), and the chain verifies', async () => {
    const res = await gateway.graphql('{ riskFlags(first: 50) { edges { node { id category severity summary prisoner { fullName } } } } }',
      { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    expect(res.body.errors).toBeUndefined();
    const [entry] = await db.sql<{ size: number; compression: string | null }>(
      `SELECT octet_length(entry) AS size, pg_column_compression(entry) AS compression FROM disclosure_log
        WHERE decision_id = $1`, [res.body.extensions!.liaison!.decisionId]);
    expect(entry!.size).toBeGreaterThan(4_000); // large enough to be compressed at all
    const [{ lz4 }] = (await db.sql<{ lz4: boolean }>(
      `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`)) as [{ lz4: boolean }];
    expect(entry!.compression).toBe(lz4 ? 'lz4' : 'pglz');
    const report = await gateway.disclosureLog.verify();
    expect(report.problem).toBeNull();
  });
});

describe('the records an entry names, sent in binary', () => {
  const ids = ['025cce2c-58ca-4d50-81a4-276efa0a1e84', 'FFFFFFFF-0000-4000-8000-ABCDEFabcdef', '00000000-0000-0000-0000-000000000000'];

  it('are the bytes PostgreSQL itself writes for the same uuid[], empty included', async () => {
    for (const list of [ids, [ids[0]!], []]) {
      const [row] = await db.sql<{ own: Buffer; sent: string }>(
        'SELECT array_send($1::uuid[]) AS own, $2::uuid[]::text AS sent', [`{${list.join(',')}}`, uuidArrayBinary(list)]);
      expect(uuidArrayBinary(list).equals(row!.own)).toBe(true);
      expect(row!.sent).toBe(`{${list.map((id) => id.toLowerCase()).join(',')}}`);
    }
  });

  it('refuse anything that is not a UUID instead of sending other bytes', () => {
    for (const bad of ['', '025cce2c58ca4d5081a4276efa0a1e84', '025cce2c-58ca-4d50-81a4-276efa0a1e8', '025cce2c-58ca-4d50-81a4-276efa0a1e8g',
      '025cce2c-58ca-4d50-81a4_276efa0a1e84', '025cce2c-58ca-4d50-81a4-276efa0a1e8\u0130' /* İ: its low 7 bits are '0' */, 'PRISONS']) {
      expect(() => uuidArrayBinary([ids[0]!, bad])).toThrow(/not a UUID/);
    }
  });
});
