import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISK_FLAG_STATUSES, RISK_LEVELS, TLPS, VEP_STATUSES } from '../../src/domain/enums.js';
import { asSubject, createLiaisonAbility } from '../../src/policies/ability.js';
import { buildPolicy } from '../../src/policies/build-policy.js';
import { CompiledPolicy } from '../../src/policies/compiled-policy.js';
import { fieldReadAbility } from '../../src/policies/field-ability.js';
import { fieldsGrantedBy, planImpact } from '../../src/policies/impact-plan.js';
import { SUBJECTS } from '../../src/policies/subjects.js';
import { clausesOf, dayOffset, demoSnapshot, FIXED_NOW, JOURNEYS, key, makeClause } from '../support/policy-fixtures.js';
import { DEMO_MOUS } from '../../src/seed/demo-mous.js';

/**
 * The per-field row rules used to count, in SQL, the rows on which a field is readable: they
 * must agree with `CompiledPolicy.decide` on every row and field.
 */

describe('fieldReadAbility', () => {
  const overlapping = [
    makeClause({ id: 'A', subjectType: 'RiskFlag', fields: ['id', 'category'], conditions: { status: 'ACTIVE' } }),
    makeClause({ id: 'B', subjectType: 'RiskFlag', fields: ['id', 'summary', 'category'], conditions: { severity: { $in: ['HIGH', 'VERY_HIGH'] } } }),
  ];
  const policies = [
    ...Object.values(JOURNEYS).map((policyKey) => buildPolicy(demoSnapshot(), policyKey, FIXED_NOW)),
    buildPolicy({ revision: 1, clauses: overlapping }, key('POLICE', ['ANALYST', 'OFFICER'], 'COUNTER_TERRORISM'), FIXED_NOW),
  ];
  const fields = [...SUBJECTS.RiskFlag.fields, 'ownerAgency', 'handling'];

  it('selects exactly the rows on which decide() shows the field', () => {
    fc.assert(fc.property(
      fc.constantFrom(...policies), fc.constantFrom(...fields), fc.constantFrom('PRISONS', 'POLICE', 'PROBATION'),
      fc.constantFrom(...TLPS), fc.constantFrom(...RISK_FLAG_STATUSES), fc.constantFrom(...RISK_LEVELS), fc.constantFrom(...VEP_STATUSES),
      fc.integer({ min: -30, max: 400 }),
      (built, field, owner, tlp, status, severity, vepStatus, releaseIn) => {
        const row = {
          id: 'rf', ownerAgencyCode: owner, tlp, status, severity, category: 'VIOLENCE',
          prisoner: { vepStatus, expectedReleaseDate: dayOffset(releaseIn) },
        };
        const visible = new CompiledPolicy(built).decide('RiskFlag', row).fields.has(field)
          && new CompiledPolicy(built).decide('RiskFlag', row).readable;
        expect(fieldReadAbility(built.rules, 'RiskFlag', field).can('read', asSubject('RiskFlag', row))).toBe(visible);
      },
    ), { numRuns: 500 });
  });

  it('lets a statutory cannot-rule win over any grant', () => {
    const built = buildPolicy(demoSnapshot(), JOURNEYS.policeAnalystCounterTerrorism, FIXED_NOW);
    const rogue = [...built.rules];
    rogue.splice(rogue.length - 2, 0, { action: 'read', subject: 'Prisoner', fields: ['religion'], conditions: { ownerAgencyCode: 'PRISONS' } });
    const prisoner = asSubject('Prisoner', { ownerAgencyCode: 'PRISONS', vepStatus: 'ASSESSED_VEP', tlp: 'AMBER' });
    expect(createLiaisonAbility(rogue).can('read', prisoner)).toBe(true);
    expect(fieldReadAbility(rogue, 'Prisoner', 'religion').can('read', prisoner)).toBe(false);
  });
});

describe('planImpact', () => {
  const [police, probation] = DEMO_MOUS;

  it('replaces the version in force by the draft, per role × purpose the clauses name', () => {
    const draft = clausesOf({ ...probation!, version: 2, clauses: probation!.clauses.slice(0, 2) }, { status: 'DRAFT' })
      .map((c) => ({ ...c, id: `v2-${c.id}`, mou: { ...c.mou, id: 'v2' } }));
    const plan = planImpact(demoSnapshot(), draft, FIXED_NOW, { reference: probation!.reference, providerAgencyCode: 'PRISONS', recipientAgencyCode: 'PROBATION' });
    expect(plan.replaced.map((c) => c.mou.version)).toEqual([1, 1, 1, 1, 1]);
    expect(plan.audiences.map((a) => `${a.role}/${a.purpose}`)).toEqual(['PROBATION_OFFICER/RELEASE_PLANNING', 'PROBATION_OFFICER/SUPERVISION']);
    expect(plan.subjects).toEqual(['Prisoner', 'RiskFlag', 'RiskAssessment', 'ReleasePlan', 'Intervention']);
    const [audience] = plan.audiences;
    expect([...audience!.before.clauses.keys()].length).toBe(5);
    expect([...audience!.after.clauses.keys()].sort()).toEqual(draft.map((c) => c.id).sort());
    expect([...fieldsGrantedBy(audience!.before, 'Intervention', 'PRISONS')]).toContain('programme');
    expect([...fieldsGrantedBy(audience!.after, 'Intervention', 'PRISONS')]).toEqual([]);
  });

  it('treats the draft as in force now whatever its validity window, and leaves other MoUs alone', () => {
    const future = clausesOf({ ...police!, reference: 'MOU-PRISONS-POLICE-02', validFrom: '2030-01-01T00:00:00.000Z' }, { status: 'DRAFT' })
      .map((c) => ({ ...c, id: `new-${c.id}` }));
    const plan = planImpact(demoSnapshot(), future, FIXED_NOW, { reference: 'MOU-PRISONS-POLICE-02', providerAgencyCode: 'PRISONS', recipientAgencyCode: 'POLICE' });
    expect(plan.replaced).toEqual([]);
    for (const audience of plan.audiences) {
      expect([...audience.after.clauses.keys()].length).toBe([...audience.before.clauses.keys()].length * 2);
    }
  });
});
