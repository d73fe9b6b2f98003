import { describe, expect, it } from 'vitest';
import { asSubject, createLiaisonAbility } from '../../src/policies/ability.js';
import { buildPolicy } from '../../src/policies/build-policy.js';
import { compileClause } from '../../src/policies/compile-clause.js';
import { normaliseConditions } from '../../src/policies/condition-language.js';
import { ownAgencyRules } from '../../src/policies/role-matrix.js';
import { isStatutoryField, STATUTORY_EXCLUSIONS, STATUTORY_REASON } from '../../src/policies/statutory-exclusions.js';
import { SUBJECTS, SUBJECT_TYPES } from '../../src/policies/subjects.js';
import { demoPolicy, FIXED_NOW, JOURNEYS, key, makeClause } from '../support/policy-fixtures.js';

/** Fields no MoU may ever grant (docs/architecture.md §2.3 rule 6): enforced twice. */

const now = FIXED_NOW;

describe('statutory exclusions', () => {
  it('cover health, religion, ethnicity, children and intelligence source identity', () => {
    expect([...STATUTORY_EXCLUSIONS.Prisoner].sort()).toEqual(['dependants', 'ethnicity', 'healthNotes', 'religion']);
    expect(STATUTORY_EXCLUSIONS.IntelligenceReport).toEqual(['sourceReference']);
    expect(isStatutoryField('Prisoner', 'healthNotes')).toBe(true);
    expect(isStatutoryField('Prisoner', 'fullName')).toBe(false);
    expect(isStatutoryField('RiskFlag', 'healthNotes')).toBe(false);
  });

  it('name real, grantable fields of their subject (so the cannot-rules bite) that no condition may test', () => {
    for (const subject of SUBJECT_TYPES) {
      for (const field of STATUTORY_EXCLUSIONS[subject]) {
        expect(SUBJECTS[subject].fields, `${subject}.${field}`).toContain(field);
        expect(Object.keys(SUBJECTS[subject].conditionFields)).not.toContain(field);
        expect(normaliseConditions(subject, { [field]: 'x' }, now).problems).not.toEqual([]);
      }
    }
  });

  it('are rejected when a clause names one (first enforcement)', () => {
    for (const subject of SUBJECT_TYPES) {
      for (const field of STATUTORY_EXCLUSIONS[subject]) {
        const result = compileClause(makeClause({ subjectType: subject, fields: ['id', field] }), now);
        expect(result.ok, `${subject}.${field}`).toBe(false);
      }
    }
  });

  it('are a cannot-rule for other agencies\' records in every ability (second enforcement)', () => {
    for (const policyKey of [...Object.values(JOURNEYS), key('INSPECTORATE', ['AUDITOR'], 'OVERSIGHT'), key('NOBODY', [], null)]) {
      const built = demoPolicy(policyKey);
      const statutory = built.rules.filter((rule) => rule.reason === STATUTORY_REASON);
      expect(statutory.map((rule) => rule.subject).sort()).toEqual(['IntelligenceReport', 'Prisoner']);
      for (const rule of statutory) {
        expect(rule.inverted).toBe(true);
        expect(rule.action).toBe('read');
        expect([...(rule.fields as string[])].sort()).toEqual([...STATUTORY_EXCLUSIONS[rule.subject as 'Prisoner']].sort());
        expect(rule.conditions).toEqual({ ownerAgencyCode: { $ne: policyKey.agencyCode } });
      }
      // Highest priority: after every grant.
      const lastGrant = built.rules.findLastIndex((rule) => !rule.inverted);
      const firstStatutory = built.rules.findIndex((rule) => rule.reason === STATUTORY_REASON);
      expect(firstStatutory).toBeGreaterThan(lastGrant);
    }
  });

  it('deny a statutory field on another agency\'s record even when a grant names it, and leave the owner\'s staff alone', () => {
    // A grant built bypassing the compiler: every Prisoner field of PRISONS' records, to POLICE.
    const bypass = { action: 'read' as const, subject: 'Prisoner' as const, conditions: { ownerAgencyCode: 'PRISONS' }, reason: 'clause:rogue' };
    const built = buildPolicy({ revision: 1, clauses: [] }, key('POLICE', ['ANALYST'], 'COUNTER_TERRORISM'), now);
    const rules = [...built.rules];
    rules.splice(rules.findIndex((rule) => rule.reason === STATUTORY_REASON), 0, bypass);
    const ability = createLiaisonAbility(rules);
    const prisonsRow = asSubject('Prisoner', { id: 'p1', ownerAgencyCode: 'PRISONS', tlp: 'AMBER' });
    const policeRow = asSubject('Prisoner', { id: 'p2', ownerAgencyCode: 'POLICE', tlp: 'AMBER' });
    expect(ability.can('read', prisonsRow, 'fullName')).toBe(true);
    for (const field of STATUTORY_EXCLUSIONS.Prisoner) {
      expect(ability.can('read', prisonsRow, field), field).toBe(false);
      // POLICE's own records: the ANALYST own-agency rule grants every Prisoner field.
      expect(ability.can('read', policeRow, field), field).toBe(true);
    }
  });

  it('do not stop own-agency roles that need them: PRISONS HEALTH_STAFF reads health notes, SECURITY_OFFICER does not', () => {
    const health = ownAgencyRules('PRISONS', ['HEALTH_STAFF']).find((rule) => rule.subject === 'Prisoner');
    expect(health?.fields).toContain('healthNotes');
    expect(health?.fields).not.toContain('religion');
    const security = ownAgencyRules('PRISONS', ['SECURITY_OFFICER']).find((rule) => rule.subject === 'Prisoner');
    expect(security?.fields).not.toContain('healthNotes');
    expect(security?.conditions).toEqual({ ownerAgencyCode: 'PRISONS' });
  });
});
