import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILL_LOOKUP_KEYS } from '../../migrations/1732002000000-NameLookupKeys.js';
import { lookupKeys, nameKeys } from '../../src/names/core/name-keys.js';
import { refreshNameKeys } from '../../src/names/store/name-key-store.js';
import { runLiaison } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The two ways person search learns about names outside the seed: a writer of names calls the
 * name-key store (the helper owner writes will call), and an administrator extends the
 * given-name equivalences with the CLI. Through real HTTP and the real CLI.
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

const search = async (name: string, dateOfBirth?: string): Promise<{ id: string; reasons: { method: string; variant: { value: string } | null }[] }[]> => {
  const res = await gateway.graphql<any>(`query($input: PersonSearchInput!) { personSearch(input: $input, first: 5) { edges { node { id } match { reasons { method variant { value } } } } } }`,
    { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables: { input: { name, ...(dateOfBirth ? { dateOfBirth } : {}) } } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.personSearch.edges.map((e: any) => ({ id: e.node.id, reasons: e.match.reasons }));
};

describe('writers of names', () => {
  it('a name written and keyed with refreshNameKeys is found; its old keys are gone', async () => {
    const [p] = await db.sql<{ id: string; dob: string }>(`SELECT id, date_of_birth::text AS dob FROM prisoner ORDER BY prison_number LIMIT 1`);
    await db.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO prisoner_name (prisoner_id, value, script, kind) VALUES ($1, 'Ousmane Diallo', 'LATIN', 'ALIAS')`, [p!.id]);
      await manager.query(`UPDATE prisoner SET full_name = 'Amadou Diallo' WHERE id = $1`, [p!.id]);
      await refreshNameKeys(manager, [p!.id]);
    });
    const [found] = await search('Diallo Ousmane', p!.dob);
    expect(found!.id).toBe(p!.id);
    expect(found!.reasons.map((r) => r.variant?.value)).toContain('Ousmane Diallo');
    const [keys] = await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM prisoner_name_key k
      WHERE k.prisoner_id = $1 AND NOT (k.value = 'Amadou Diallo' AND k.field = 'fullName')
        AND NOT EXISTS (SELECT 1 FROM prisoner_name n WHERE n.id = k.prisoner_name_id)`, [p!.id]);
    expect(keys!.n).toBe(0);
  });
});

describe('the lookup keys of names keyed before they existed', () => {
  it('the migration computes in SQL, from the stored parts, the lookup keys every writer computes', async () => {
    const written = await db.sql<{ id: string; value: string; lookup_keys: string[] }>('SELECT id, value, lookup_keys FROM prisoner_name_key ORDER BY id');
    expect(written.filter((r) => r.lookup_keys.some((k) => k.startsWith('2'))).length).toBeGreaterThan(0);
    for (const row of written) expect([...row.lookup_keys].sort(), row.value).toEqual(lookupKeys(nameKeys(row.value)).sort());
    await db.sql(`UPDATE prisoner_name_key SET lookup_keys = '{}'`);
    await db.sql(FILL_LOOKUP_KEYS);
    const filled = new Map((await db.sql<{ id: string; lookup_keys: string[] }>('SELECT id, lookup_keys FROM prisoner_name_key')).map((r) => [r.id, r.lookup_keys]));
    for (const row of written) expect([...filled.get(row.id)!].sort(), row.value).toEqual([...row.lookup_keys].sort());
  });
});

describe('the given-name equivalence table', () => {
  it('an equivalence an administrator adds with the CLI takes effect on the next search', async () => {
    const [t] = await db.sql<{ id: string; family: string; dob: string }>(`SELECT p.id, split_part(p.full_name, ' ', 2) AS family, p.date_of_birth::text AS dob
      FROM prisoner p JOIN prisoner_name n ON n.prisoner_id = p.id AND n.script = 'ARABIC'
      WHERE n.value ~ '^محمد [^ ]+$' AND p.full_name ~ '^[A-Za-z]+ [A-Za-z-]+$' ORDER BY p.prison_number LIMIT 1`);
    // "Moha", a Berber short form of Mohamed, shares neither skeleton nor sound with it.
    expect((await search(`Moha ${t!.family}`, t!.dob)).map((c) => c.id)).not.toContain(t!.id);
    const added = await runLiaison(['names', 'equivalents', 'add', 'Moha', 'Mohamed', '--as', 'admin-test'], { DATABASE_URL: db.url });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Moha is now in the group of mohammed/);
    const [first] = await search(`Moha ${t!.family}`, t!.dob);
    expect(first!.id).toBe(t!.id);
    expect(first!.reasons.map((r) => r.method)).toContain('GIVEN_NAME_EQUIVALENT');
    const [row] = await db.sql<{ source: string; added_by: string }>(`SELECT source, added_by FROM given_name_equivalent WHERE name = 'moha'`);
    expect(row).toEqual({ source: 'ADMINISTRATOR', added_by: 'admin-test' });
  });
});
