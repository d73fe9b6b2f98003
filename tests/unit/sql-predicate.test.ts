import { describe, expect, it } from 'vitest';
import { createLiaisonAbility, type LiaisonRule } from '../../src/policies/ability.js';
import { CompiledPolicy } from '../../src/policies/compiled-policy.js';
import { toSqlPredicate } from '../../src/policies/sql-predicate.js';
import { demoPolicy, JOURNEYS } from '../support/policy-fixtures.js';

/**
 * The shape of the rules → SQL translation (docs/architecture.md §2.5). Whether it selects the
 * right rows is proved against PostgreSQL by tests/integration/policy-parity.test.ts.
 */

const aliases = { record: 'record', prisoner: 'prisoner' };
const predicate = (rules: LiaisonRule[], subject: 'RiskFlag' | 'Prisoner' = 'RiskFlag') =>
  toSqlPredicate(createLiaisonAbility(rules), 'read', subject, aliases);
const read = (conditions?: Record<string, unknown>, extra: Partial<LiaisonRule> = {}): LiaisonRule =>
  ({ action: 'read', subject: 'RiskFlag', ...(conditions ? { conditions } : {}), ...extra });

describe('toSqlPredicate', () => {
  it('is FALSE when no rule grants the subject (fail closed)', () => {
    expect(predicate([]).sql).toBe('FALSE');
    expect(predicate([read({ status: 'ACTIVE' }, { subject: 'Prisoner' })]).sql).toBe('FALSE');
    expect(predicate([read({ status: 'ACTIVE' }, { action: 'update' })]).sql).toBe('FALSE');
    // Only cannot-rules: nothing granted.
    expect(predicate([read({ status: 'ACTIVE' }, { inverted: true })]).sql).toBe('FALSE');
  });

  it('is TRUE for an unconditional rule, FALSE once an unconditional cannot follows', () => {
    expect(predicate([read()]).sql).toBe('TRUE');
    expect(predicate([read(), read(undefined, { inverted: true })]).sql).toBe('FALSE');
  });

  it('qualifies and quotes columns and uses prefixed named parameters', () => {
    const result = toSqlPredicate(
      createLiaisonAbility([read({ status: 'ACTIVE', 'prisoner.vepStatus': { $in: ['ASSESSED_VEP', 'TERRORISM_CONNECTED'] } })]),
      'read', 'RiskFlag', { record: 'rf', prisoner: 'p' }, 'x_',
    );
    expect(result.sql).toBe('("rf"."status" = :x_0 AND "p"."vep_status" IN (:...x_1))');
    expect(result.params).toEqual({ x_0: 'ACTIVE', x_1: ['ASSESSED_VEP', 'TERRORISM_CONNECTED'] });
    expect(result.prisonerFields).toEqual(['vepStatus']);
  });

  it('never emits IN () for an empty $in or $nin', () => {
    expect(predicate([read({ status: { $in: [] } })]).sql).toBe('FALSE');
    expect(predicate([read({ status: { $nin: [] } })]).sql).toBe('TRUE');
  });

  it('keeps NULL rows where memory keeps them: negations are null-safe', () => {
    expect(predicate([read({ basis: { $ne: 'CONVICTION' } })]).sql).toBe('"record"."basis" IS DISTINCT FROM :policy_0');
    expect(predicate([read({ basis: { $nin: ['CONVICTION'] } })]).sql).toBe('("record"."basis" IS NULL OR "record"."basis" NOT IN (:...policy_0))');
    expect(predicate([read({ reviewDate: { $not: { $lt: '2026-01-01' } } })]).sql)
      .toBe('("record"."review_date" IS NULL OR "record"."review_date" >= :policy_0)');
    expect(predicate([read({ basis: null })]).sql).toBe('"record"."basis" IS NULL');
    expect(predicate([read({ basis: { $ne: null } })]).sql).toBe('"record"."basis" IS NOT NULL');
  });

  it('bounds each grant by every higher-priority cannot, negated null-safely', () => {
    const { sql } = predicate([read({ status: 'ACTIVE' }), read({ reviewDate: { $lt: '2026-01-01' } }, { inverted: true })]);
    expect(sql).toBe('("record"."status" = :policy_0 AND ("record"."review_date" IS NULL OR "record"."review_date" >= :policy_1))');
  });

  it('ignores field-level cannots for rows but reports the prisoner fields they test', () => {
    const result = predicate([read({ status: 'ACTIVE' }), read({ 'prisoner.nationality': 'FR' }, { inverted: true, fields: ['summary'] })]);
    expect(result.sql).toBe('"record"."status" = :policy_0');
    expect(result.prisonerFields).toEqual(['nationality']);
  });

  it('refuses a field outside the catalogue rather than guess a column', () => {
    expect(() => predicate([read({ colour: 'RED' })])).toThrow(/unknown field colour/);
    expect(() => predicate([read({ 'prisoner.religion': 'X' })])).toThrow(/unknown field/);
  });

  it('the journey policies produce predicates for every subject, cached per alias', () => {
    const policy = new CompiledPolicy(demoPolicy(JOURNEYS.policeAnalystCounterTerrorism));
    const first = policy.sql('RiskFlag', aliases);
    expect(policy.sql('RiskFlag', aliases)).toBe(first);
    expect(first.sql).toContain('"prisoner"."vep_status"');
    expect(first.prisonerFields).toEqual(['vepStatus']);
    const other = policy.sql('RiskFlag', { record: 'flag', prisoner: 'owner' });
    expect(other.sql).toContain('"owner"."vep_status"');
    expect(Object.keys(other.params).every((name) => name.startsWith('flag_policy_'))).toBe(true);
  });
});
