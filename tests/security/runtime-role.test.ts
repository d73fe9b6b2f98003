import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { createDataSource } from '../../src/db/data-source.js';
import { migrate } from '../../src/db/migrate.js';
import { RUNTIME_PRIVILEGES } from '../../src/db/runtime-privileges.js';
import { setUpRuntimeRole } from '../../src/db/runtime-role.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The runtime role of a production deployment (`liaison setup roles`): a gateway logged in as
 * it serves the journeys and writes the disclosure log, and the role cannot rewrite the log —
 * refused by PostgreSQL's privileges ("permission denied"), before the append-only triggers
 * would even be reached — nor switch those triggers off, nor create anything.
 */

const role = `liaison_rt_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('base64url');
let db: TestDatabase;
let runtimeUrl: string;
let runtimeData: DataSource;
let runtime: pg.Client;
let gateway: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  try {
    const report = await setUpRuntimeRole(owner, { role, password });
    expect(report.created).toBe(true);
    // Idempotent: a second run (after an upgrade's migrations) updates the same role.
    expect((await setUpRuntimeRole(owner, { role, password })).created).toBe(false);
  } finally {
    await owner.end();
  }
  const url = new URL(db.url);
  url.username = role;
  url.password = password;
  runtimeUrl = url.toString();
  runtime = new pg.Client({ connectionString: runtimeUrl });
  await runtime.connect();
  runtimeData = createDataSource({ url: runtimeUrl, poolSize: 4 });
  await runtimeData.initialize();
  gateway = await startTestGateway({ url: runtimeUrl, dataSource: runtimeData });
});

afterAll(async () => {
  await gateway?.close();
  await runtime?.end();
  if (runtimeData?.isInitialized) await runtimeData.destroy();
  await db?.drop();
  // Roles belong to the whole server: dropped once the database that granted it anything is gone.
  const admin = new pg.Client({ connectionString: inject('database').adminUrl });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${role}`);
  await admin.end();
});

const refused = async (sql: string): Promise<string> => {
  try {
    await runtime.query(sql);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`the runtime role was allowed to run: ${sql}`);
};

describe('a gateway on the runtime role', () => {
  it('starts as main.ts does: the migration check finds nothing pending', async () => {
    expect(await migrate(runtimeData)).toEqual([]);
  });

  it('serves a journey and logs it, and seals the log', async () => {
    const before = Number((await runtime.query('SELECT count(*) AS n FROM disclosure_log')).rows[0].n);
    const res = await gateway.graphql('{ riskFlags(first: 3) { totalCount edges { node { id category prisoner { fullName } } } } }', {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM',
    });
    expect(res.body.errors).toBeUndefined();
    expect((res.body.data as { riskFlags: { edges: unknown[] } }).riskFlags.edges).toHaveLength(3);
    const after = Number((await runtime.query('SELECT count(*) AS n FROM disclosure_log')).rows[0].n);
    expect(after).toBe(before + 1);
    const sealed = await gateway.disclosureLog.seal();
    expect(sealed?.checkpoint.seq).toBe(after);
  });

  it('publishes owner writes: a prisoner with names and a flag (rows, history, feed event, name keys, log entries)', async () => {
    const caseManager = mintDevelopmentToken({ agency: 'PRISONS', roles: ['CASE_MANAGER'], userId: 'cm-runtime' });
    const registered = await gateway.graphql<any>(`mutation { registerPrisoner(input: { prisonNumber: "R0001RT", fullName: "Runtime Role", custodyStatus: REMAND,
      names: [{ value: "Runtime Role", script: LATIN, kind: PRIMARY }] }) { id outcome } }`, { token: caseManager });
    expect(registered.body.errors).toBeUndefined();
    const raised = await gateway.graphql<any>(`mutation { raiseRiskFlag(input: { prisonerExternalId: "R0001RT", category: ESCAPE, severity: LOW }) { id revision } }`, { token: caseManager });
    expect(raised.body.errors).toBeUndefined();
    const { rows } = await runtime.query('SELECT count(*)::int AS n FROM change_event WHERE record_id = ANY($1::uuid[])', [[registered.body.data.registerPrisoner.id, raised.body.data.raiseRiskFlag.id]]);
    expect(rows[0].n).toBe(2);
  });

  it('administers MoUs: a suspension goes through (MoU row, admin log, policy revision)', async () => {
    const list = await gateway.graphql<{ mous: { edges: { node: { id: string; status: string } }[] } }>('{ mous(filter: { reference: "MOU-PRISONS-POLICE-01" }) { edges { node { id status } } } }', { token: demoTokens.prisonsMouAdmin() });
    const active = list.body.data!.mous.edges.map((e) => e.node).find((m) => m.status === 'ACTIVE')!;
    const res = await gateway.graphql(`mutation { suspendMou(id: "${active.id}", reason: "Runtime role test") { status } }`, { token: demoTokens.prisonsMouAdmin() });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ suspendMou: { status: 'SUSPENDED' } });
  });
});

describe('the runtime role and the disclosure log', () => {
  for (const table of ['disclosure_log', 'disclosure_log_checkpoint']) {
    it(`cannot UPDATE, DELETE or TRUNCATE ${table}: permission denied`, async () => {
      expect(await refused(`UPDATE ${table} SET seq = seq WHERE seq = 1`)).toMatch(new RegExp(`permission denied for table ${table}`));
      expect(await refused(`DELETE FROM ${table} WHERE seq = 1`)).toMatch(new RegExp(`permission denied for table ${table}`));
      expect(await refused(`TRUNCATE ${table}`)).toMatch(new RegExp(`permission denied for table ${table}`));
    });
  }

  it('cannot move the chain head by hand, switch the triggers off or bypass them', async () => {
    expect(await refused(`UPDATE disclosure_log_head SET seq = seq + 1 WHERE id = 1`)).toMatch(/moves only when an entry is appended/);
    expect(await refused('ALTER TABLE disclosure_log DISABLE TRIGGER disclosure_log_append_only')).toMatch(/must be owner/);
    expect(await refused('SET session_replication_role = replica')).toMatch(/permission denied/);
  });

  it('cannot create objects, delete shared records (a withdrawal is a tombstone) or rewrite their history and feed', async () => {
    expect(await refused('CREATE TABLE shadow_log (x int)')).toMatch(/permission denied for schema public/);
    // Owners write their records through the API (INSERT, UPDATE); nobody deletes them.
    expect(await refused(`DELETE FROM risk_flag`)).toMatch(/permission denied for table risk_flag/);
    expect(await refused(`UPDATE record_revision SET reason = 'x'`)).toMatch(/permission denied for table record_revision/);
    expect(await refused(`DELETE FROM change_event`)).toMatch(/permission denied for table change_event/);
    expect(await refused(`DELETE FROM mou_admin_event`)).toMatch(/permission denied for table mou_admin_event/);
  });

  it('every table of the schema has its runtime privileges declared', async () => {
    const { rows } = await runtime.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(RUNTIME_PRIVILEGES).sort());
  });
});
