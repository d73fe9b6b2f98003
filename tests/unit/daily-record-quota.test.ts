import { describe, expect, it } from 'vitest';
import type { RecordEntry } from '../../src/context/request-disclosure.js';
import { quotaDemands } from '../../src/limits/daily-record-quota.js';
import type { Clause } from '../../src/policies/clause.js';
import { makeClause } from '../support/policy-fixtures.js';

/** Which records of a response count against which clause's daily quota. */

const entry = (id: string, clauseIds: string[]): RecordEntry => ({
  subject: 'RiskFlag', id, prisonerId: null, ownerAgencyCode: 'PRISONS', fields: ['category'], redacted: [], clauseIds,
});

const clauses = (...list: Clause[]): Map<string, Clause> => new Map(list.map((c) => [c.id, c]));

describe('daily record quota demands', () => {
  const capped = makeClause({ id: 'capped', dailyRecordQuota: 10 });
  const alsoCapped = makeClause({ id: 'also-capped', dailyRecordQuota: 500 });
  const unlimited = makeClause({ id: 'unlimited', dailyRecordQuota: null });
  const legacy = makeClause({ id: 'legacy' }); // no quota term at all

  it('counts each record once per quota-bearing clause that allowed it', () => {
    const demands = quotaDemands(
      [entry('r1', ['capped']), entry('r2', ['capped', 'also-capped']), entry('r3', ['also-capped', 'unlimited'])],
      clauses(capped, alsoCapped, unlimited),
    );
    expect(demands.map((d) => [d.clause.id, d.records])).toEqual([['capped', 2], ['also-capped', 2]]);
  });

  it('ignores clauses without a quota and records read under no clause (own agency)', () => {
    expect(quotaDemands([entry('r1', ['unlimited']), entry('r2', ['legacy']), entry('r3', [])], clauses(unlimited, legacy))).toEqual([]);
  });

  it('ignores a clause id the policy does not know (no quota can be read for it)', () => {
    expect(quotaDemands([entry('r1', ['gone'])], clauses(capped))).toEqual([]);
  });
});
