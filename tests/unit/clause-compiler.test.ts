import { describe, expect, it } from 'vitest';
import { asSubject, createLiaisonAbility } from '../../src/policies/ability.js';
import { clauseIdOf, clauseReason } from '../../src/policies/clause.js';
import { clauseShapeProblems, compileClause } from '../../src/policies/compile-clause.js';
import { FIXED_NOW, makeClause } from '../support/policy-fixtures.js';

/** Clause → CASL rule (docs/architecture.md §2.2–2.3). */

const now = FIXED_NOW;

function compiled(overrides: Parameters<typeof makeClause>[0]) {
  const result = compileClause(makeClause(overrides), now);
  if (!result.ok) throw new Error(`clause rejected: ${JSON.stringify(result.problems)}`);
  return result.rule;
}

const flag = (over: Record<string, unknown> = {}) => ({
  id: 'f1', ownerAgencyCode: 'PRISONS', tlp: 'AMBER', status: 'ACTIVE', severity: 'HIGH', category: 'VIOLENCE',
  basis: null, reviewDate: null, raisedAt: new Date('2026-01-01T00:00:00.000Z'), handlingCode: null,
  prisoner: { vepStatus: 'ASSESSED_VEP', expectedReleaseDate: '2026-06-01' }, ...over,
});

describe('compileClause', () => {
  it('produces one read rule carrying the clause id as its reason, with the clause fields', () => {
    const rule = compiled({ id: 'c-42', subjectType: 'RiskFlag', fields: ['id', 'category', 'severity'] });
    expect(rule.action).toBe('read');
    expect(rule.subject).toBe('RiskFlag');
    expect(rule.inverted).toBeFalsy();
    expect(rule.reason).toBe('clause:c-42');
    expect(clauseIdOf(rule.reason)).toBe('c-42');
    expect(rule.fields).toEqual(['id', 'category', 'severity']);
  });

  it('pins the owner to the MoU provider and the TLP to markings at or below maxTlp', () => {
    const rule = compiled({ maxTlp: 'AMBER', mou: { providerAgencyCode: 'PRISONS' } });
    expect(rule.conditions).toEqual({ ownerAgencyCode: 'PRISONS', tlp: { $in: ['CLEAR', 'GREEN', 'AMBER'] } });
    expect(compiled({ maxTlp: 'CLEAR' }).conditions).toEqual({ ownerAgencyCode: 'PRISONS', tlp: { $in: ['CLEAR'] } });
    expect(compiled({ maxTlp: 'RED' }).conditions)
      .toEqual({ ownerAgencyCode: 'PRISONS', tlp: { $in: ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] } });
  });

  it('adds the clause conditions, normalised (relative dates resolved against now)', () => {
    const rule = compiled({ conditions: { status: 'ACTIVE', 'prisoner.expectedReleaseDate': { $lte: { $daysFromNow: 180 } } } });
    expect(rule.conditions).toEqual({
      ownerAgencyCode: 'PRISONS',
      tlp: { $in: ['CLEAR', 'GREEN', 'AMBER'] },
      status: 'ACTIVE',
      'prisoner.expectedReleaseDate': { $lte: '2026-09-11' },
    });
  });

  it('never reaches records the provider does not own', () => {
    const ability = createLiaisonAbility([compiled({ conditions: { status: 'ACTIVE' } })]);
    expect(ability.can('read', asSubject('RiskFlag', flag()))).toBe(true);
    expect(ability.can('read', asSubject('RiskFlag', flag({ ownerAgencyCode: 'POLICE' })))).toBe(false);
    expect(ability.can('read', asSubject('RiskFlag', flag({ tlp: 'AMBER_STRICT' })))).toBe(false);
    expect(ability.can('read', asSubject('RiskFlag', flag({ tlp: 'RED' })))).toBe(false);
    expect(ability.can('read', asSubject('RiskFlag', flag({ status: 'EXPIRED' })))).toBe(false);
  });

  it('combines a clause condition on tlp with $and instead of overwriting the ceiling', () => {
    const rule = compiled({ maxTlp: 'AMBER', conditions: { tlp: 'RED' } });
    expect(rule.conditions).toEqual({
      $and: [{ ownerAgencyCode: 'PRISONS', tlp: { $in: ['CLEAR', 'GREEN', 'AMBER'] } }, { tlp: 'RED' }],
    });
    const ability = createLiaisonAbility([rule]);
    for (const tlp of ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']) {
      expect(ability.can('read', asSubject('RiskFlag', flag({ tlp }))), tlp).toBe(false);
    }
  });

  it('keeps the ceiling when the clause narrows tlp further', () => {
    const ability = createLiaisonAbility([compiled({ maxTlp: 'AMBER', conditions: { tlp: { $in: ['GREEN', 'RED'] } } })]);
    expect(ability.can('read', asSubject('RiskFlag', flag({ tlp: 'GREEN' })))).toBe(true);
    expect(ability.can('read', asSubject('RiskFlag', flag({ tlp: 'RED' })))).toBe(false);
    expect(ability.can('read', asSubject('RiskFlag', flag({ tlp: 'AMBER' })))).toBe(false);
  });

  it('keeps the provider pin when a clause condition uses $or', () => {
    const rule = compiled({ conditions: { $or: [{ status: 'ACTIVE' }, { severity: 'VERY_HIGH' }] } });
    const ability = createLiaisonAbility([rule]);
    expect(ability.can('read', asSubject('RiskFlag', flag({ status: 'EXPIRED', severity: 'VERY_HIGH' })))).toBe(true);
    expect(ability.can('read', asSubject('RiskFlag', flag({ ownerAgencyCode: 'POLICE', severity: 'VERY_HIGH' })))).toBe(false);
    expect(ability.can('read', asSubject('RiskFlag', flag({ status: 'EXPIRED', severity: 'LOW' })))).toBe(false);
  });

  it('rejects a clause conditioned on the owner column (it cannot widen the provider pin)', () => {
    const result = compileClause(makeClause({ conditions: { ownerAgencyCode: { $in: ['PRISONS', 'POLICE'] } } }), now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toEqual(['conditions.ownerAgencyCode']);
  });

  it('rejects statutory fields in the grant, naming them', () => {
    const result = compileClause(makeClause({ subjectType: 'Prisoner', fields: ['id', 'religion', 'healthNotes'] }), now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'fields.religion', message: expect.stringMatching(/statutory exclusion/) },
      { path: 'fields.healthNotes', message: expect.stringMatching(/statutory exclusion/) },
    ]);
    const intel = compileClause(makeClause({ subjectType: 'IntelligenceReport', fields: ['id', 'sourceReference'] }), now);
    expect(intel.ok).toBe(false);
    if (!intel.ok) expect(intel.problems.map((p) => p.path)).toEqual(['fields.sourceReference']);
  });

  it('rejects statutory fields in the conditions', () => {
    const result = compileClause(makeClause({ conditions: { 'prisoner.healthNotes': { $ne: null } } }), now);
    expect(result.ok).toBe(false);
  });

  it('rejects unknown subjects and fields with clear problems', () => {
    expect(clauseShapeProblems({ subjectType: 'Visitor', fields: ['id'], conditions: null }, now))
      .toEqual([{ path: 'subjectType', message: 'unknown subject "Visitor"' }]);
    expect(clauseShapeProblems({ subjectType: 'RiskFlag', fields: ['id', 'colour'], conditions: null }, now))
      .toEqual([{ path: 'fields.colour', message: 'unknown field "colour" of RiskFlag' }]);
    // Fields of another subject are unknown here.
    expect(clauseShapeProblems({ subjectType: 'RiskFlag', fields: ['releaseAddress'], conditions: null }, now).map((p) => p.path))
      .toEqual(['fields.releaseAddress']);
    expect(clauseShapeProblems({ subjectType: 'RiskFlag', fields: [], conditions: null }, now))
      .toEqual([{ path: 'fields', message: 'must grant at least one field' }]);
  });

  it('reports field and condition problems together', () => {
    const problems = clauseShapeProblems({ subjectType: 'Prisoner', fields: ['dependants'], conditions: { colour: 'x' } }, now);
    expect(problems.map((p) => p.path)).toEqual(['fields.dependants', 'conditions.colour']);
  });

  it('accepts every demo-style clause shape', () => {
    expect(clauseShapeProblems({ subjectType: 'RiskFlag', fields: ['id', 'summary'], conditions: { status: 'ACTIVE' } }, now)).toEqual([]);
  });

  it('returns no rule for a rejected clause', () => {
    const result = compileClause(makeClause({ conditions: { status: { $regex: '.*' } } }), now);
    expect(result).toEqual({ ok: false, problems: [{ path: 'conditions.status.$regex', message: 'unknown operator $regex' }] });
  });

  it('builds reasons that round-trip', () => {
    expect(clauseReason('abc')).toBe('clause:abc');
    expect(clauseIdOf('clause:abc')).toBe('abc');
    expect(clauseIdOf('role:ANALYST')).toBeUndefined();
    expect(clauseIdOf(undefined)).toBeUndefined();
  });

  // Consequence of the condition-language bug (see condition-language.test.ts): a clause that
  // reads as "only ACTIVE flags" compiles to the provider scope alone, i.e. every flag.
  it('rejects a clause whose only condition is on "__proto__"', () => {
    const clause = makeClause({ conditions: JSON.parse('{"__proto__": {"$eq": "ACTIVE"}}') });
    const result = compileClause(clause, now);
    if (result.ok) {
      const ability = createLiaisonAbility([result.rule]);
      // Shown for the record: the "condition" does not restrict anything.
      expect(ability.can('read', asSubject('RiskFlag', flag({ status: 'WITHDRAWN' })))).toBe(false);
    }
    expect(result.ok).toBe(false);
  });
});
