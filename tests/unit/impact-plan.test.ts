import { describe, expect, it } from 'vitest';
import { fieldsGrantedBy, planImpact } from '../../src/policies/impact-plan.js';
import { clausesOf, demoSnapshot, FIXED_NOW } from '../support/policy-fixtures.js';
import { DEMO_MOUS } from '../../src/seed/demo-mous.js';

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
