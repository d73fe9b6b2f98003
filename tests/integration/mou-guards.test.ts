import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MouAdministration1732000100000 } from '../../migrations/1732000100000-MouAdministration.js';
import { MOU_STATUSES } from '../../src/domain/enums.js';
import { canTransition } from '../../src/mou/rules/mou-lifecycle.js';
import { clearData } from '../../src/seed/seed-demo.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { draftInput, mouApi, ok } from '../support/mou-api.js';

/**
 * What the database itself guarantees, whatever the application does (migration
 * MouAdministration): the admin log is append-only, the status graph holds, nothing is
 * deleted, signed text does not change.
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

const refusedBy = async (sql: string, values: unknown[], pattern: RegExp): Promise<void> => {
  await expect(db.sql(sql, values)).rejects.toThrow(pattern);
};

describe('the migration', () => {
  it('reverts and re-applies cleanly', async () => {
    // Called directly (not undoLastMigration), so that later migrations are not involved.
    const migration = new MouAdministration1732000100000();
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      expect(await runner.query(`SELECT to_regclass('mou_admin_event') AS t`)).toEqual([{ t: null }]);
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await db.sql(`SELECT to_regclass('mou_admin_event')::text AS t`)).toEqual([{ t: 'mou_admin_event' }]);
  });
});

describe('the admin audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, even to the table owner', async () => {
    ok(await mouApi(gateway).create(demoTokens.mouAdmin('PRISONS'), draftInput()));
    const [event] = await db.sql<{ id: string }>('SELECT id FROM mou_admin_event LIMIT 1');
    expect(event).toBeDefined();
    await refusedBy(`UPDATE mou_admin_event SET reason = 'rewritten' WHERE id = $1`, [event!.id], /append-only: UPDATE refused/);
    await refusedBy('DELETE FROM mou_admin_event WHERE id = $1', [event!.id], /append-only: DELETE refused/);
    await refusedBy('TRUNCATE mou_admin_event', [], /append-only: TRUNCATE refused/);
    expect(await db.sql('SELECT 1 FROM mou_admin_event WHERE id = $1', [event!.id])).toHaveLength(1);
  });
});

describe('MoU rows', () => {
  it('allow exactly the status changes of the lifecycle graph', async () => {
    const allowed: string[] = [];
    const expected: string[] = [];
    await db.dataSource.transaction(async (tx) => {
      for (const from of MOU_STATUSES) {
        const [row] = (await tx.query(
          `INSERT INTO mou (reference, version, title, provider_agency_code, recipient_agency_code, legal_basis, purposes,
             valid_from, status, created_by, suspended_by_agency_code)
           VALUES ($1, 1, 't', 'PRISONS', 'POLICE', 'b', '{COUNTER_TERRORISM}', now(), $2, $3, $4) RETURNING id`,
          [`MOU-PRISONS-POLICE-GRAPH-${from}`, from, 'guard-test', from === 'SUSPENDED' ? 'PRISONS' : null],
        )) as { id: string }[];
        for (const to of MOU_STATUSES) {
          if (to === from) continue;
          if (canTransition(from, to)) expected.push(`${from}→${to}`);
          await tx.query('SAVEPOINT attempt');
          try {
            await tx.query(`UPDATE mou SET status = $2, suspended_by_agency_code = CASE WHEN $2 = 'SUSPENDED' THEN 'PRISONS' END WHERE id = $1`, [row!.id, to]);
            allowed.push(`${from}→${to}`);
          } catch (error) {
            expect((error as Error).message).toContain(`status ${from} cannot become ${to}`);
          }
          await tx.query('ROLLBACK TO SAVEPOINT attempt');
        }
      }
      throw new Error('rollback');
    }).catch((error: Error) => expect(error.message).toBe('rollback'));
    expect(allowed.sort()).toEqual(expected.sort());
    expect(allowed).toHaveLength(17);
  });

  it('never delete an MoU or an approval, and never change signed terms or clauses', async () => {
    const [mou] = await db.sql<{ id: string }>(`SELECT id FROM mou WHERE reference = 'MOU-PRISONS-POLICE-01'`);
    const id = mou!.id;
    await refusedBy('DELETE FROM mou WHERE id = $1', [id], /cannot be deleted/);
    await refusedBy(`UPDATE mou SET title = 'quietly widened' WHERE id = $1`, [id], /signed terms cannot change/);
    await refusedBy(`UPDATE mou SET valid_until = NULL WHERE id = $1`, [id], /signed terms cannot change/);
    await refusedBy(`UPDATE mou_clause SET fields = fields || '{religion}' WHERE mou_id = $1`, [id], /clauses cannot change/);
    await refusedBy('DELETE FROM mou_clause WHERE mou_id = $1', [id], /clauses cannot change/);
    await refusedBy(
      `INSERT INTO mou_clause (mou_id, position, label, subject_type, fields, purposes, recipient_roles, max_tlp, retention_days)
       VALUES ($1, 9, 'x', 'Prisoner', '{id}', '{COUNTER_TERRORISM}', '{ANALYST}', 'RED', 1)`, [id], /clauses cannot change/);
    await refusedBy('DELETE FROM mou_approval WHERE mou_id = $1', [id], /never deleted/);
    await refusedBy(`UPDATE mou_approval SET user_id = 'someone-else' WHERE mou_id = $1`, [id], /never deleted or rewritten/);
    // At most one version of a reference in force.
    await refusedBy(
      `INSERT INTO mou (reference, version, title, provider_agency_code, recipient_agency_code, legal_basis, purposes, valid_from, status, created_by)
       VALUES ('MOU-PRISONS-POLICE-01', 9, 't', 'PRISONS', 'POLICE', 'b', '{COUNTER_TERRORISM}', now(), 'ACTIVE', 'x')`, [], /mou_one_in_force_per_reference/);
    // A suspension always names the suspending party, one of the two.
    await refusedBy(`UPDATE mou SET status = 'SUSPENDED', suspended_by_agency_code = 'PROBATION' WHERE id = $1`, [id], /mou_suspension_has_party/);
  });

  it('let `liaison seed --reset` clear the demo data while the admin log survives', async () => {
    const [before] = await db.sql<{ n: string }>('SELECT count(*) AS n FROM mou_admin_event');
    expect(Number(before!.n)).toBeGreaterThan(0);
    await clearData(db.dataSource);
    expect(await db.sql('SELECT 1 FROM mou')).toEqual([]);
    const [after] = await db.sql<{ n: string }>('SELECT count(*) AS n FROM mou_admin_event');
    expect(after!.n).toBe(before!.n);
  });
});
