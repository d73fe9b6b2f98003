import fc from 'fast-check';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_FLAG_CATEGORIES, RISK_FLAG_STATUSES, RISK_LEVELS, TLPS } from '../../src/domain/enums.js';
import { PrisonerEntity, RiskFlagEntity } from '../../src/entities/index.js';
import { asSubject, createLiaisonAbility, type LiaisonRule } from '../../src/policies/ability.js';
import { buildPolicy, type BuiltPolicy } from '../../src/policies/build-policy.js';
import { compileClause } from '../../src/policies/compile-clause.js';
import { normaliseConditions } from '../../src/policies/condition-language.js';
import { CompiledPolicy } from '../../src/policies/compiled-policy.js';
import { ownAgencyRules } from '../../src/policies/role-matrix.js';
import type { PredicateAliases, SqlPredicate } from '../../src/policies/sql-predicate.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import {
  clausesArbitrary, extraRulesArbitrary, normalised, PARITY_SUBJECTS, policyKeyArbitrary, valuePools, withExtraRules,
  type ParitySubject, type ValuePools,
} from '../support/policy-parity-arbitraries.js';
import { DEMO_OWNER, insertParityData, PARITY_PROVIDER, PARITY_RECIPIENT, type ParityData } from '../support/policy-parity-data.js';
import { demoPolicy, FIXED_NOW, JOURNEYS } from '../support/policy-fixtures.js';

/**
 * docs/architecture.md §2.5 — SQL and memory agree. For generated rules (clauses compiled by the
 * real compiler, own-agency rules, raw `can`/`cannot` rules, conditional and unconditional)
 * the rows PostgreSQL returns under the policy's SQL predicate are exactly the rows
 * `ability.can('read', row)` accepts once loaded as the application loads them, NULLs
 * included. Reproduce a failure with the seed it prints: LIAISON_PARITY_SEED=<seed>.
 */

const SEED = Number.parseInt(process.env.LIAISON_PARITY_SEED ?? '20260315', 10);
const NOW = FIXED_NOW;
const ALIASES: PredicateAliases = { record: 'record', prisoner: 'prisoner' };
/** Cases per property; LIAISON_PARITY_RUNS scales them up for a longer hunt. */
const RUNS_BASE = Number.parseInt(process.env.LIAISON_PARITY_RUNS ?? '600', 10);
const RUNS = { clauses: RUNS_BASE, rawRules: Math.ceil((RUNS_BASE * 2) / 3) };

let db: TestDatabase;
let data: ParityData;
let pools: ValuePools;

beforeAll(async () => {
  if (!Number.isSafeInteger(SEED)) throw new Error(`LIAISON_PARITY_SEED must be an integer, got ${process.env.LIAISON_PARITY_SEED}`);
  if (!(RUNS_BASE >= 150)) throw new Error(`LIAISON_PARITY_RUNS must be at least 150, got ${process.env.LIAISON_PARITY_RUNS}`);
  db = await createTestDatabase();
  data = await insertParityData(db, NOW, SEED);
  pools = valuePools(data);
});

afterAll(async () => {
  await db?.drop();
});

// ---------------------------------------------------------------------------------------------
// SQL side and memory side.
// ---------------------------------------------------------------------------------------------

function baseQuery(subject: ParitySubject): SelectQueryBuilder<ObjectLiteral> {
  if (subject === 'RiskFlag') {
    return db.dataSource.getRepository(RiskFlagEntity).createQueryBuilder('record')
      .leftJoin('record.prisoner', 'prisoner')
      .where('record.id IN (:...parityIds)', { parityIds: data.riskFlagIds }) as SelectQueryBuilder<ObjectLiteral>;
  }
  return db.dataSource.getRepository(PrisonerEntity).createQueryBuilder('record')
    .where('record.id IN (:...parityIds)', { parityIds: data.prisonerIds }) as SelectQueryBuilder<ObjectLiteral>;
}

/** Row ids PostgreSQL returns under the predicate, attached as src/enforcement/policed-reads.ts attaches it. */
async function idsInSql(predicate: SqlPredicate, subject: ParitySubject, mutant?: Mutant): Promise<Set<string>> {
  const sql = mutant ? mutant(predicate.sql) : predicate.sql;
  const rows = await baseQuery(subject)
    .select('record.id', 'id')
    .andWhere(new Brackets((where) => where.where(sql, predicate.params)))
    .getRawMany<{ id: string }>();
  return new Set(rows.map((row) => row.id));
}

const rowsOf = (subject: ParitySubject): readonly object[] => (subject === 'RiskFlag' ? data.riskFlags : data.prisoners);

/** Row ids `ability.can` accepts; `decide` must agree with it row by row. */
function idsInMemory(policy: CompiledPolicy, subject: ParitySubject): { ids: Set<string>; decideDisagrees: string[] } {
  const ids = new Set<string>();
  const decideDisagrees: string[] = [];
  for (const row of rowsOf(subject)) {
    const id = (row as { id: string }).id;
    const can = policy.ability.can('read', asSubject(subject, row));
    if (can) ids.add(id);
    if (policy.decide(subject, row).readable !== can) decideDisagrees.push(id);
  }
  return { ids, decideDisagrees };
}

const json = (value: unknown): string => JSON.stringify(value, null, 1);

function report(subject: ParitySubject, rules: readonly LiaisonRule[], predicate: SqlPredicate, sqlOnly: string[], memoryOnly: string[]): string {
  const byId = new Map(rowsOf(subject).map((row) => [(row as { id: string }).id, row]));
  const show = (ids: string[]) => ids.slice(0, 5).map((id) => json(byId.get(id)));
  return [
    `SQL and memory disagree on ${subject}`,
    `rules: ${json(rules.filter((rule) => rule.subject === subject))}`,
    `sql: ${predicate.sql}`,
    `params: ${json(predicate.params)}`,
    `rows only SQL returns (${sqlOnly.length}): ${show(sqlOnly).join('\n')}`,
    `rows only memory accepts (${memoryOnly.length}): ${show(memoryOnly).join('\n')}`,
  ].join('\n');
}

interface ParityOutcome {
  visible: number;
  total: number;
}

/** A deliberate corruption of the SQL, to prove the property notices one (see "the harness"). */
type Mutant = (sql: string) => string;

async function assertParity(policy: CompiledPolicy, subject: ParitySubject, mutant?: Mutant): Promise<ParityOutcome> {
  const predicate = policy.sql(subject, ALIASES);
  let inSql: Set<string>;
  try {
    inSql = await idsInSql(predicate, subject, mutant);
  } catch (error) {
    throw new Error(`SQL failed: ${(error as Error).message}\nsql: ${predicate.sql}\nparams: ${json(predicate.params)}\nrules: ${json(policy.built.rules)}`);
  }
  const memory = idsInMemory(policy, subject);
  const sqlOnly = [...inSql].filter((id) => !memory.ids.has(id)).sort();
  const memoryOnly = [...memory.ids].filter((id) => !inSql.has(id)).sort();
  if (sqlOnly.length > 0 || memoryOnly.length > 0) throw new Error(report(subject, policy.built.rules, predicate, sqlOnly, memoryOnly));
  if (memory.decideDisagrees.length > 0) {
    throw new Error(`decide() and ability.can disagree on ${subject} rows ${memory.decideDisagrees.join(', ')}\nrules: ${json(policy.built.rules)}`);
  }
  return { visible: inSql.size, total: rowsOf(subject).length };
}

/** A built policy whose rules were replaced (extra raw rules inserted). */
const withRules = (built: BuiltPolicy, rules: LiaisonRule[]): CompiledPolicy =>
  new CompiledPolicy({ ...built, rules, ability: createLiaisonAbility(rules) });

async function runProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<Ts>,
  seed: number,
  numRuns: number,
): Promise<void> {
  const started = Date.now();
  try {
    await fc.assert(property, { seed, numRuns });
  } catch (error) {
    throw new Error(
      `${name}: parity property failed with fast-check seed ${seed} (LIAISON_PARITY_SEED=${SEED}; re-run with `
      + `LIAISON_PARITY_SEED=${SEED} npx vitest run tests/integration/policy-parity.test.ts)\n${(error as Error).message}`,
    );
  }
  console.info(`[policy parity] ${name}: ${numRuns} cases in ${Date.now() - started} ms (LIAISON_PARITY_SEED=${SEED})`);
}

/** How often the generated rules were neither "nothing" nor "everything" (the generator is not degenerate). */
function tally() {
  const counts = { cases: 0, partial: 0, none: 0, all: 0 };
  return {
    add(outcome: ParityOutcome) {
      counts.cases++;
      if (outcome.visible === 0) counts.none++;
      else if (outcome.visible === outcome.total) counts.all++;
      else counts.partial++;
    },
    counts,
  };
}

// ---------------------------------------------------------------------------------------------
// The data: a check that it has what the property needs.
// ---------------------------------------------------------------------------------------------

describe('parity data', () => {
  it('covers every enum value, both agencies and NULL and non-NULL in every nullable column tested', () => {
    const flags = data.riskFlags;
    const prisoners = data.prisoners;
    expect(prisoners).toHaveLength(data.prisonerIds.length);
    expect(flags).toHaveLength(data.riskFlagIds.length);
    expect(new Set(flags.map((f) => f.ownerAgencyCode))).toEqual(new Set([PARITY_PROVIDER, PARITY_RECIPIENT, DEMO_OWNER]));
    expect(new Set(flags.map((f) => f.tlp))).toEqual(new Set(TLPS));
    expect(new Set(flags.map((f) => f.status))).toEqual(new Set(RISK_FLAG_STATUSES));
    expect(new Set(flags.map((f) => f.severity))).toEqual(new Set(RISK_LEVELS));
    expect(new Set(flags.map((f) => f.category))).toEqual(new Set(RISK_FLAG_CATEGORIES));
    const bothNullAndValue = (values: unknown[]) => values.some((v) => v === null) && values.some((v) => v !== null);
    for (const column of ['expectedReleaseDate', 'nationality', 'gender', 'dateOfBirth', 'nationalId', 'handlingCode', 'facilityId'] as const) {
      expect(bothNullAndValue(prisoners.map((p) => p[column])), `prisoner.${column}`).toBe(true);
    }
    for (const column of ['basis', 'reviewDate', 'handlingCode'] as const) {
      expect(bothNullAndValue(flags.map((f) => f[column])), `riskFlag.${column}`).toBe(true);
    }
    // Loaded as the application sees them.
    const flag = flags.find((f) => f.reviewDate !== null)!;
    expect(flag.reviewDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(flag.raisedAt).toBeInstanceOf(Date);
    expect(flag.prisoner?.id).toBe(flag.prisonerId);
    expect(flags.every((f) => f.prisoner !== undefined && f.prisoner !== null)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Fixed cases.
// ---------------------------------------------------------------------------------------------

describe('SQL predicate and ability.can: fixed cases', () => {
  it('an ability with no rule for the subject is FALSE in SQL and returns no row', async () => {
    const built = buildPolicy({ revision: 1, clauses: [] }, { agencyCode: PARITY_RECIPIENT, roles: [], purpose: 'COUNTER_TERRORISM', hasCaseReference: false }, NOW);
    const policy = new CompiledPolicy(built);
    for (const subject of PARITY_SUBJECTS) {
      expect(policy.sql(subject, ALIASES).sql).toBe('FALSE');
      expect(await idsInSql(policy.sql(subject, ALIASES), subject)).toEqual(new Set());
      expect((await assertParity(policy, subject)).visible).toBe(0);
    }
    // Rules for another subject only.
    const prisonerOnly = withRules(built, [{ action: 'read', subject: 'Prisoner' }]);
    expect(prisonerOnly.sql('RiskFlag', ALIASES).sql).toBe('FALSE');
    expect((await assertParity(prisonerOnly, 'RiskFlag')).visible).toBe(0);
  });

  it('unconditional rules return every row; an unconditional cannot after them none', async () => {
    const built = buildPolicy({ revision: 1, clauses: [] }, { agencyCode: PARITY_RECIPIENT, roles: [], purpose: null, hasCaseReference: false }, NOW);
    const everything = withRules(built, [{ action: 'read', subject: 'RiskFlag' }, { action: 'read', subject: 'Prisoner' }, ...built.rules]);
    expect(await idsInSql(everything.sql('RiskFlag', ALIASES), 'RiskFlag')).toEqual(new Set(data.riskFlagIds));
    expect(await idsInSql(everything.sql('Prisoner', ALIASES), 'Prisoner')).toEqual(new Set(data.prisonerIds));
    for (const subject of PARITY_SUBJECTS) expect(await assertParity(everything, subject)).toEqual({ visible: rowsOf(subject).length, total: rowsOf(subject).length });
    const revoked = withRules(built, [{ action: 'read', subject: 'RiskFlag' }, { action: 'read', subject: 'RiskFlag', inverted: true }]);
    expect((await assertParity(revoked, 'RiskFlag')).visible).toBe(0);
  });

  it('keeps NULL rows for negations and drops them for comparisons, as PostgreSQL is told to', async () => {
    const built = buildPolicy({ revision: 1, clauses: [] }, { agencyCode: PARITY_RECIPIENT, roles: [], purpose: null, hasCaseReference: false }, NOW);
    const cases: [Record<string, unknown>, string][] = [
      [{ basis: { $ne: 'CONVICTION' } }, `basis IS DISTINCT FROM 'CONVICTION'`],
      [{ basis: { $nin: ['CONVICTION', 'OBSERVATION'] } }, `basis IS NULL OR basis NOT IN ('CONVICTION','OBSERVATION')`],
      [{ reviewDate: { $not: { $lt: { $daysFromNow: 30 } } } }, `review_date IS NULL OR review_date >= DATE '${new Date(NOW.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)}'`],
      [{ reviewDate: { $lt: { $daysFromNow: 30 } } }, `review_date < DATE '${new Date(NOW.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)}'`],
      [{ 'prisoner.expectedReleaseDate': null }, `p.expected_release_date IS NULL`],
      [{ 'prisoner.nationality': { $ne: 'FR' } }, `p.nationality IS DISTINCT FROM 'FR'`],
      [{ raisedAt: { $gte: { $daysAgo: 30 } } }, `raised_at >= TIMESTAMPTZ '${new Date(NOW.getTime() - 30 * 86_400_000).toISOString()}'`],
    ];
    for (const [conditions, where] of cases) {
      const policy = withRules(built, [{ action: 'read', subject: 'RiskFlag', conditions: normalised('RiskFlag', conditions, NOW) }]);
      // Expected rows from SQL written by hand, independently of the translator.
      const expected = await db.sql<{ id: string }>(
        `SELECT f.id FROM risk_flag f JOIN prisoner p ON p.id = f.prisoner_id WHERE f.id = ANY($1::uuid[]) AND (${where.replace(/\b(basis|review_date|raised_at)\b/g, 'f.$1')})`,
        [data.riskFlagIds],
      );
      const expectedIds = new Set(expected.map((row) => row.id));
      expect(expectedIds.size, JSON.stringify(conditions)).toBeGreaterThan(0);
      expect(expectedIds.size, JSON.stringify(conditions)).toBeLessThan(data.riskFlagIds.length);
      expect(await idsInSql(policy.sql('RiskFlag', ALIASES), 'RiskFlag'), JSON.stringify(conditions)).toEqual(expectedIds);
      await assertParity(policy, 'RiskFlag');
    }
  });

  it('the demo MoUs agree in SQL and memory for every journey principal', async () => {
    for (const policyKey of Object.values(JOURNEYS)) {
      const policy = new CompiledPolicy(demoPolicy(policyKey, NOW));
      for (const subject of PARITY_SUBJECTS) await assertParity(policy, subject);
    }
    // The police clause reaches the PRISONS-owned generated rows.
    const police = new CompiledPolicy(demoPolicy(JOURNEYS.policeAnalystCounterTerrorism, NOW));
    expect((await assertParity(police, 'RiskFlag')).visible).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The property.
// ---------------------------------------------------------------------------------------------

describe('parity property (docs/architecture.md §2.5)', () => {
  it(`clauses compiled by buildPolicy, own-agency rules and raw can/cannot rules (${RUNS.clauses} cases)`, async () => {
    const stats = { RiskFlag: tally(), Prisoner: tally() };
    await runProperty('buildPolicy', fc.asyncProperty(
      policyKeyArbitrary, clausesArbitrary(pools, NOW), extraRulesArbitrary(pools, NOW),
      async (policyKey, clauses, extra) => {
        for (const clause of clauses) {
          const compiled = compileClause(clause, NOW);
          if (!compiled.ok) throw new Error(`generated an invalid clause: ${json(compiled.problems)}`);
        }
        const built = buildPolicy({ revision: 1, clauses }, policyKey, NOW);
        expect(built.rejected).toEqual([]);
        const policy = extra.length === 0 ? new CompiledPolicy(built) : withRules(built, withExtraRules(built.rules, extra));
        for (const subject of PARITY_SUBJECTS) stats[subject].add(await assertParity(policy, subject));
      },
    ), SEED, RUNS.clauses);
    console.info(`[policy parity] buildPolicy outcomes: ${json({ RiskFlag: stats.RiskFlag.counts, Prisoner: stats.Prisoner.counts })}`);
    // An honest property: most cases select some rows but not all of them.
    expect(stats.RiskFlag.counts.partial).toBeGreaterThan(RUNS.clauses * 0.3);
    expect(stats.Prisoner.counts.partial).toBeGreaterThan(RUNS.clauses * 0.2);
  }, 180_000);

  it(`raw rules: compiled clauses regardless of MoU status, interleaved with can/cannot rules of any owner (${RUNS.rawRules} cases)`, async () => {
    const stats = { RiskFlag: tally(), Prisoner: tally() };
    const rules = fc.tuple(
      clausesArbitrary(pools, NOW),
      fc.constantFrom<string[]>([], ['ANALYST'], ['HEALTH_STAFF'], ['PROBATION_OFFICER', 'HEALTH_STAFF']),
      fc.array(extraRulesArbitrary(pools, NOW), { minLength: 1, maxLength: 2 }).map((lists) => lists.flat()),
    );
    await runProperty('raw rules', fc.asyncProperty(rules, async ([clauses, roles, extra]) => {
      const compiled = clauses.map((clause) => {
        const result = compileClause(clause, NOW);
        if (!result.ok) throw new Error(`generated an invalid clause: ${json(result.problems)}`);
        return result.rule;
      });
      const base = [...ownAgencyRules(PARITY_RECIPIENT, roles), ...compiled];
      const built = buildPolicy({ revision: 1, clauses: [] }, { agencyCode: PARITY_RECIPIENT, roles, purpose: null, hasCaseReference: false }, NOW);
      const policy = withRules(built, withExtraRules(base, extra));
      for (const subject of PARITY_SUBJECTS) stats[subject].add(await assertParity(policy, subject));
    }), SEED + 1, RUNS.rawRules);
    console.info(`[policy parity] raw-rule outcomes: ${json({ RiskFlag: stats.RiskFlag.counts, Prisoner: stats.Prisoner.counts })}`);
    expect(stats.RiskFlag.counts.partial).toBeGreaterThan(RUNS.rawRules * 0.3);
  }, 180_000);
});

describe('the generators', () => {
  it('cover every operator and rule shape the property claims to test', () => {
    const seen = new Set<string>();
    const visit = (node: unknown, path: string): void => {
      if (Array.isArray(node)) { node.forEach((item) => visit(item, path)); return; }
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key.startsWith('prisoner.')) seen.add('prisoner.<field>');
        if (key.startsWith('$')) seen.add(key);
        if ((key === '$eq' || key === '$ne') && value === null) seen.add(`${key} null`);
        if (!key.startsWith('$') && value === null) seen.add('bare null');
        if ((key === '$in' || key === '$nin') && Array.isArray(value)) seen.add(value.length === 0 ? `${key} []` : `${key} [..]`);
        if (['$lt', '$lte', '$gt', '$gte'].includes(key) && typeof value === 'object' && value !== null) seen.add('ordering on a relative date');
        if (/At$/.test(path) && ['$lt', '$lte', '$gt', '$gte'].includes(key)) seen.add('ordering on a timestamp');
        if (/Date$/.test(path) && ['$lt', '$lte', '$gt', '$gte'].includes(key)) seen.add('ordering on a date');
        visit(value, key.startsWith('$') ? path : key);
      }
    };
    for (const clauses of fc.sample(clausesArbitrary(pools, NOW), { seed: SEED, numRuns: 400 })) {
      for (const clause of clauses) {
        if (clause.conditions === null) seen.add('clause without conditions');
        if (clause.mou.providerAgencyCode !== PARITY_PROVIDER) seen.add('clause of another provider');
        if (clause.mou.status !== 'ACTIVE') seen.add('MoU not ACTIVE');
        visit(clause.conditions, '');
      }
    }
    for (const extra of fc.sample(extraRulesArbitrary(pools, NOW), { seed: SEED, numRuns: 400 })) {
      for (const { rule } of extra) {
        seen.add(`${rule.inverted ? 'cannot' : 'can'}${rule.conditions ? '' : ' unconditional'}${rule.fields ? ' with fields' : ''}`);
        if (rule.conditions && 'ownerAgencyCode' in rule.conditions) seen.add('rule on the owner column');
      }
    }
    for (const expected of [
      '$eq', '$ne', '$eq null', '$ne null', 'bare null', '$in []', '$in [..]', '$nin []', '$nin [..]', '$lt', '$lte', '$gt', '$gte',
      '$not', '$and', '$or', '$daysFromNow', '$daysAgo', 'prisoner.<field>', 'ordering on a relative date', 'ordering on a timestamp',
      'ordering on a date', 'clause without conditions', 'clause of another provider', 'MoU not ACTIVE',
      'can', 'cannot', 'cannot with fields', 'can unconditional', 'cannot unconditional', 'rule on the owner column',
    ]) {
      expect(seen, expected).toContain(expected);
    }
  });
});

describe('the harness', () => {
  // The property is only worth something if it notices a wrong translation: run it against
  // deliberately broken SQL and expect a counterexample (without shrinking, for speed).
  const mutants: [string, Mutant][] = [
    ['SQL three-valued $ne (drops NULL rows)', (sql) => sql.replaceAll('IS DISTINCT FROM', '<>')],
    ['an off-by-one range bound', (sql) => sql.replaceAll(' <= ', ' < ')],
    ['a null-unsafe negated comparison', (sql) => sql.replace(/\(("[a-z_]+"\."[a-z_]+") IS NULL OR \1 /g, '($1 ')],
  ];

  it.each(mutants)('finds a counterexample when the SQL has %s', async (_name, mutant) => {
    const result = await fc.check(fc.asyncProperty(
      policyKeyArbitrary, clausesArbitrary(pools, NOW), extraRulesArbitrary(pools, NOW),
      async (policyKey, clauses, extra) => {
        const built = buildPolicy({ revision: 1, clauses }, policyKey, NOW);
        const policy = withRules(built, withExtraRules(built.rules, extra));
        for (const subject of PARITY_SUBJECTS) await assertParity(policy, subject, mutant);
      },
    ), { seed: SEED + 2, numRuns: RUNS.clauses, endOnFailure: true });
    expect(result.failed).toBe(true);
    expect(String(result.errorInstance)).toMatch(/SQL and memory disagree/);
  }, 60_000);
});

describe('values the condition validator accepts', () => {
  // A clause is validated when written; a value that passes but that PostgreSQL refuses makes
  // every list query of the subject fail for every caller the clause covers (the predicate is
  // a union), while the in-memory check answers normally: SQL and memory no longer agree.
  const cases: [string, Record<string, unknown>][] = [
    ['a date in year 0', { reviewDate: { $lt: '0000-01-01' } }],
    ['a timestamp in year 0', { raisedAt: { $gte: '0000-06-01T00:00:00Z' } }],
    ['a string with a NUL character', { handlingCode: { $ne: 'P\u0000' } }],
  ];

  it('run in PostgreSQL when ordinary', async () => {
    const built = buildPolicy({ revision: 1, clauses: [] }, { agencyCode: PARITY_RECIPIENT, roles: [], purpose: null, hasCaseReference: false }, NOW);
    for (const conditions of [{ reviewDate: { $lt: '1000-01-01' } }, { raisedAt: { $gte: '9999-12-31T23:59:59.999Z' } }, { handlingCode: { $ne: 'P\u00e9' } }]) {
      const policy = withRules(built, [{ action: 'read', subject: 'RiskFlag', conditions: normalised('RiskFlag', conditions, NOW) }]);
      await assertParity(policy, 'RiskFlag');
    }
  });

  it.each(cases)('are rejected when written if PostgreSQL would refuse them: %s', (_name, conditions) => {
    const result = normaliseConditions('RiskFlag', conditions, NOW);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.conditions).toBeUndefined();
  });
});
