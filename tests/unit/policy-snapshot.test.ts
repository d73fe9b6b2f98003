import { describe, expect, it } from 'vitest';
import { toSqlPredicate } from '../../src/policies/sql-predicate.js';
import { SUBJECT_TYPES } from '../../src/policies/subjects.js';
import { demoPolicy, FIXED_NOW, JOURNEYS } from '../support/policy-fixtures.js';

/**
 * The demo MoUs' compiled rules for each journey principal, at a fixed clock (so relative
 * dates are stable). A diff here is a change in who can see what: review it like code
 * (STYLE.md), and update it (`npx vitest run -u tests/unit/policy-snapshot.test.ts`) only
 * when the change is intended.
 */

describe('compiled policy of the demo MoUs', () => {
  it.each(Object.entries(JOURNEYS))('%s', (_name, policyKey) => {
    const built = demoPolicy(policyKey, FIXED_NOW);
    const predicates = Object.fromEntries(SUBJECT_TYPES.map((subject) => {
      const predicate = toSqlPredicate(built.ability, 'read', subject, { record: 'record', prisoner: 'prisoner' });
      return [subject, predicate];
    }));
    expect({
      now: FIXED_NOW.toISOString(),
      key: policyKey,
      rules: built.rules,
      clauses: [...built.clauses.keys()].sort(),
      gates: Object.fromEntries(built.gates),
      rejected: built.rejected,
      expiresAt: new Date(built.expiresAt).toISOString(),
      sql: predicates,
    }).toMatchSnapshot();
  });
});
