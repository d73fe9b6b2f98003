import fc from 'fast-check';
import { Brackets } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrisonerEntity } from '../../src/entities/index.js';
import { createLiaisonAbility, type LiaisonRule } from '../../src/policies/ability.js';
import { buildPolicy, type BuiltPolicy } from '../../src/policies/build-policy.js';
import { CompiledPolicy } from '../../src/policies/compiled-policy.js';
import type { PredicateAliases } from '../../src/policies/sql-predicate.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import {
  clausesArbitrary, extraRulesArbitrary, policyKeyArbitrary, valuePools, withExtraRules, type ValuePools,
} from '../support/policy-parity-arbitraries.js';
import { insertParityData, PARITY_RECIPIENT, type ParityData } from '../support/policy-parity-data.js';
import { demoPolicy, FIXED_NOW, JOURNEYS } from '../support/policy-fixtures.js';

/**
 * The person search matches a name variant only where the caller may see the field holding
 * it (`fullName`, `names`) on that row, decided in SQL (`CompiledPolicy.fieldSql`, used by
 * src/enforcement/policed-reads.ts `fieldVisibleSql`). Parity: for generated policies —
 * clauses compiled by the real compiler, own-agency roles, raw can/cannot rules with and
 * without fields — the rows PostgreSQL returns under row predicate AND field predicate are
 * exactly the rows whose in-memory decision (`decide(row).fields`) shows the field. So a
 * hidden variant can neither select a row nor explain a match. LIAISON_PARITY_SEED reproduces.
 */

const SEED = Number.parseInt(process.env.LIAISON_PARITY_SEED ?? '20261206', 10);
const RUNS = 150;
const ALIASES: PredicateAliases = { record: 'record', prisoner: 'prisoner' };
/** The name fields, and two others with different grant patterns (a statutory one included). */
const FIELDS = ['fullName', 'names', 'dateOfBirth', 'religion'] as const;

let db: TestDatabase;
let data: ParityData;
let pools: ValuePools;

beforeAll(async () => {
  db = await createTestDatabase();
  data = await insertParityData(db, FIXED_NOW, SEED);
  pools = valuePools(data);
});

afterAll(async () => {
  await db?.drop();
});

async function idsInSql(policy: CompiledPolicy, field: string, mutate?: (sql: string) => string): Promise<Set<string>> {
  const row = policy.sql('Prisoner', ALIASES);
  const visible = policy.fieldSql('Prisoner', field, ALIASES);
  const rows = await db.dataSource.getRepository(PrisonerEntity).createQueryBuilder('record')
    .select('record.id', 'id')
    .where('record.id IN (:...parityIds)', { parityIds: data.prisonerIds })
    .andWhere(new Brackets((w) => w.where(row.sql, row.params)))
    .andWhere(new Brackets((w) => w.where(mutate ? mutate(visible.sql) : visible.sql, visible.params)))
    .getRawMany<{ id: string }>();
  return new Set(rows.map((r) => r.id));
}

function idsInMemory(policy: CompiledPolicy, field: string): Set<string> {
  return new Set(data.prisoners.filter((p) => {
    const decision = policy.decide('Prisoner', p);
    return decision.readable && decision.fields.has(field);
  }).map((p) => p.id));
}

async function assertFieldParity(policy: CompiledPolicy, mutate?: (sql: string) => string): Promise<{ partial: boolean }> {
  let partial = false;
  for (const field of FIELDS) {
    const inSql = await idsInSql(policy, field, mutate);
    const inMemory = idsInMemory(policy, field);
    const sqlOnly = [...inSql].filter((id) => !inMemory.has(id));
    const memoryOnly = [...inMemory].filter((id) => !inSql.has(id));
    if (sqlOnly.length || memoryOnly.length) {
      throw new Error(`field ${field}: SQL and memory disagree (SQL only ${sqlOnly.length}, memory only ${memoryOnly.length})\n`
        + `rules: ${JSON.stringify(policy.built.rules.filter((r) => r.subject === 'Prisoner'))}\nsql: ${policy.fieldSql('Prisoner', field, ALIASES).sql}`);
    }
    if (inSql.size > 0 && inSql.size < data.prisoners.length) partial = true;
  }
  return { partial };
}

const withRules = (built: BuiltPolicy, rules: LiaisonRule[]): CompiledPolicy =>
  new CompiledPolicy({ ...built, rules, ability: createLiaisonAbility(rules) });

describe('name-variant visibility: SQL field predicate and the in-memory field decision agree', () => {
  it('for the demo MoUs and every journey principal', async () => {
    for (const policyKey of Object.values(JOURNEYS)) await assertFieldParity(new CompiledPolicy(demoPolicy(policyKey, FIXED_NOW)));
  });

  it('a clause that shares fullName but not names: names is visible nowhere it does not grant it', async () => {
    const built = buildPolicy({ revision: 1, clauses: [] }, { agencyCode: PARITY_RECIPIENT, roles: [], purpose: null, hasCaseReference: false }, FIXED_NOW);
    const policy = withRules(built, [
      { action: 'read', subject: 'Prisoner', fields: ['id', 'fullName'], conditions: { gender: 'MALE' } },
      { action: 'read', subject: 'Prisoner', fields: ['id', 'fullName', 'names'], conditions: { gender: 'FEMALE' } },
    ]);
    const fullName = await idsInSql(policy, 'fullName');
    const names = await idsInSql(policy, 'names');
    const women = new Set(data.prisoners.filter((p) => p.gender === 'FEMALE').map((p) => p.id));
    expect(names).toEqual(women);
    expect(fullName.size).toBeGreaterThan(names.size);
    await assertFieldParity(policy);
  });

  it(`generated policies (${RUNS} cases)`, async () => {
    let partial = 0;
    await fc.assert(fc.asyncProperty(policyKeyArbitrary, clausesArbitrary(pools, FIXED_NOW), extraRulesArbitrary(pools, FIXED_NOW), async (policyKey, clauses, extra) => {
      const built = buildPolicy({ revision: 1, clauses }, policyKey, FIXED_NOW);
      const policy = extra.length === 0 ? new CompiledPolicy(built) : withRules(built, withExtraRules(built.rules, extra));
      if ((await assertFieldParity(policy)).partial) partial++;
    }), { seed: SEED, numRuns: RUNS });
    // An honest property: many cases show a field on some rows but not all.
    expect(partial).toBeGreaterThan(RUNS * 0.2);
  }, 120_000);

  it('notices a field predicate that ignores field-level cannot rules', async () => {
    const built = buildPolicy({ revision: 1, clauses: [] }, { agencyCode: PARITY_RECIPIENT, roles: [], purpose: null, hasCaseReference: false }, FIXED_NOW);
    const policy = withRules(built, [
      { action: 'read', subject: 'Prisoner' },
      { action: 'read', subject: 'Prisoner', inverted: true, fields: ['names'], conditions: { gender: 'FEMALE' } },
    ]);
    await assertFieldParity(policy);
    await expect(assertFieldParity(policy, () => 'TRUE')).rejects.toThrow(/field names: SQL and memory disagree/);
  });
});
