import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISK_FLAG_STATUSES, TLPS, VEP_STATUSES } from '../../src/domain/enums.js';
import { explainRecordAccess, explainWithoutRecord, type ExplanationQuestion } from '../../src/policies/access-explanation.js';
import type { PolicyKey } from '../../src/policies/build-policy.js';
import { CompiledPolicy } from '../../src/policies/compiled-policy.js';
import { buildPolicy } from '../../src/policies/build-policy.js';
import { dayOffset, DEMO_CLAUSE, demoSnapshot, FIXED_NOW, JOURNEYS, key, makeClause } from '../support/policy-fixtures.js';

const prisoner = (over: Record<string, unknown> = {}) => ({
  id: 'p-1', ownerAgencyCode: 'PRISONS', tlp: 'AMBER', vepStatus: 'ASSESSED_VEP', expectedReleaseDate: dayOffset(30), ...over,
});
const riskFlag = (over: Record<string, unknown> = {}) => ({
  id: 'rf-1', ownerAgencyCode: 'PRISONS', tlp: 'AMBER', status: 'ACTIVE', severity: 'HIGH', category: 'VIOLENCE',
  prisoner: { vepStatus: 'ASSESSED_VEP', expectedReleaseDate: dayOffset(30) }, ...over,
});

const ask = (policyKey: PolicyKey, subject: ExplanationQuestion['subject'], field: string | null = null): ExplanationQuestion =>
  ({ snapshot: demoSnapshot(), key: policyKey, now: FIXED_NOW, subject, field });

const kinds = (reasons: { kind: string }[]) => reasons.map((r) => r.kind);

describe('explainRecordAccess', () => {
  it('names the granting clause of a shared record, and every clause considered', () => {
    const e = explainRecordAccess({ ...ask(JOURNEYS.policeAnalystCounterTerrorism, 'Prisoner'), row: prisoner() });
    expect(e.allowed).toBe(true);
    expect(e.decidedBy.map((r) => r.clause?.id)).toEqual([DEMO_CLAUSE.policePrisoner]);
    expect(e.considered.map((v) => [v.clause.id, v.verdict])).toEqual([[DEMO_CLAUSE.policePrisoner, 'GRANTS']]);
    expect(e.readableFields).toContain('vepStatus');
    expect(e.summary).toMatch(/^ALLOWED: /);
  });

  it('names two clauses when both grant the row', () => {
    const second = makeClause({ id: 'second', subjectType: 'Prisoner', fields: ['id', 'custodyStatus'], conditions: { tlp: 'AMBER' } });
    const snapshot = { revision: 1, clauses: [...demoSnapshot().clauses, second] };
    const e = explainRecordAccess({ ...ask(JOURNEYS.policeAnalystCounterTerrorism, 'Prisoner', 'id'), snapshot, row: prisoner() });
    expect(e.decidedBy.map((r) => r.clause?.id).sort()).toEqual([DEMO_CLAUSE.policePrisoner, 'second'].sort());
    const custody = explainRecordAccess({ ...ask(JOURNEYS.policeAnalystCounterTerrorism, 'Prisoner', 'nationality'), snapshot, row: prisoner() });
    expect(custody.decidedBy.map((r) => r.clause?.id)).toEqual([DEMO_CLAUSE.policePrisoner]);
    expect(custody.considered.find((v) => v.clause.id === 'second')!.verdict).toBe('FIELD_NOT_GRANTED');
  });

  it('gives the first failing test of each clause', () => {
    const police = JOURNEYS.policeAnalystCounterTerrorism;
    const verdict = (row: Record<string, unknown>, policyKey: PolicyKey = police) =>
      explainRecordAccess({ ...ask(policyKey, 'RiskFlag'), row }).considered.map((v) => v.verdict);
    expect(verdict(riskFlag({ ownerAgencyCode: 'PROBATION' }))).toEqual(['OTHER_PROVIDER']);
    expect(verdict(riskFlag({ tlp: 'RED' }))).toEqual(['TLP_ABOVE_MAXIMUM']);
    expect(verdict(riskFlag({ status: 'EXPIRED' }))).toEqual(['CONDITIONS_NOT_MET']);
    expect(verdict(riskFlag(), key('POLICE', ['OFFICER'], 'SUPERVISION'))).toEqual(['PURPOSE_NOT_NAMED']);
    expect(verdict(riskFlag(), key('POLICE', ['MOU_ADMIN'], 'COUNTER_TERRORISM'))).toEqual(['ROLE_NOT_NAMED']);
    expect(verdict(riskFlag(), JOURNEYS.policeAnalystNoPurpose)).toEqual(['PURPOSE_REQUIRED']);
    const lapsed = explainRecordAccess({
      ...ask(police, 'RiskFlag'), snapshot: demoSnapshot({ 'MOU-PRISONS-POLICE-01': { validUntil: new Date(FIXED_NOW.getTime() - 1) } }), row: riskFlag(),
    });
    expect(lapsed.considered.map((v) => v.verdict)).toEqual(['NOT_IN_FORCE']);
    expect(kinds(lapsed.decidedBy)).toEqual(['NO_GRANT']);
  });

  it('reports a gate as the deciding reason', () => {
    const noPurpose = explainRecordAccess({ ...ask(JOURNEYS.policeAnalystNoPurpose, 'RiskFlag'), row: riskFlag() });
    expect(kinds(noPurpose.decidedBy)).toEqual(['PURPOSE_REQUIRED']);
    const noCase = explainRecordAccess({ ...ask(JOURNEYS.probationOfficerSupervisionNoCase, 'RiskFlag'), row: riskFlag() });
    expect(kinds(noCase.decidedBy)).toEqual(['CASE_REFERENCE_REQUIRED']);
    expect(noCase.considered.map((v) => v.verdict)).toEqual(['CASE_REFERENCE_REQUIRED']);
  });

  it('names the statutory exclusion, on readable and unreadable records alike', () => {
    const readable = explainRecordAccess({ ...ask(JOURNEYS.policeAnalystCounterTerrorism, 'Prisoner', 'healthNotes'), row: prisoner() });
    expect(readable).toMatchObject({ allowed: false, recordReadable: true });
    expect(kinds(readable.decidedBy)).toEqual(['STATUTORY_EXCLUSION']);
    const hidden = explainRecordAccess({ ...ask(JOURNEYS.policeAnalystCounterTerrorism, 'Prisoner', 'healthNotes'), row: prisoner({ vepStatus: 'NONE' }) });
    expect(kinds(hidden.decidedBy)).toEqual(['NO_GRANT', 'STATUTORY_EXCLUSION']);
  });

  it('names the role rule on the agency\'s own records', () => {
    const own = explainRecordAccess({ ...ask(key('PRISONS', ['HEALTH_STAFF', 'CASE_MANAGER'], null), 'Prisoner', 'healthNotes'), row: prisoner() });
    expect(own.decidedBy.map((r) => [r.kind, r.role])).toEqual([['ROLE', 'HEALTH_STAFF']]);
    expect(own.considered).toEqual([]);
    const record = explainRecordAccess({ ...ask(key('PRISONS', ['HEALTH_STAFF', 'CASE_MANAGER'], null), 'Prisoner'), row: prisoner() });
    expect(record.decidedBy.map((r) => r.role).sort()).toEqual(['CASE_MANAGER', 'HEALTH_STAFF']);
  });

  it('agrees with the ability on every generated row and field', () => {
    const keys = Object.values(JOURNEYS);
    const fields = [null, 'category', 'summary', 'status', 'raisedAt', 'handling'];
    fc.assert(fc.property(
      fc.constantFrom(...keys), fc.constantFrom(...fields), fc.constantFrom('PRISONS', 'POLICE', 'PROBATION'), fc.constantFrom(...TLPS),
      fc.constantFrom(...RISK_FLAG_STATUSES), fc.constantFrom(...VEP_STATUSES), fc.integer({ min: -30, max: 400 }),
      (policyKey, field, owner, tlp, status, vepStatus, releaseIn) => {
        const row = riskFlag({ ownerAgencyCode: owner, tlp, status, prisoner: { vepStatus, expectedReleaseDate: dayOffset(releaseIn) } });
        const decision = new CompiledPolicy(buildPolicy(demoSnapshot(), policyKey, FIXED_NOW)).decide('RiskFlag', row);
        const e = explainRecordAccess({ ...ask(policyKey, 'RiskFlag', field), row });
        expect(e.allowed).toBe(decision.readable && (field === null || decision.fields.has(field)));
        expect(e.decidedBy.length).toBeGreaterThan(0);
        if (e.allowed) expect(e.decidedBy.every((r) => r.kind === 'CLAUSE' || r.kind === 'ROLE')).toBe(true);
        const granting = e.considered.filter((v) => v.verdict === 'GRANTS').map((v) => v.clause.id).sort();
        const deciding = e.decidedBy.filter((r) => r.kind === 'CLAUSE').map((r) => r.clause!.id).sort();
        if (owner !== policyKey.agencyCode) expect(deciding).toEqual(e.allowed ? granting : []);
      },
    ), { numRuns: 300 });
  });
});

describe('explainWithoutRecord', () => {
  it('depends on the policy alone: clauses that could apply are NOT_DISCLOSED', () => {
    const e = explainWithoutRecord(ask(JOURNEYS.policeAnalystCounterTerrorism, 'RiskFlag', 'summary'));
    expect(e).toMatchObject({ allowed: false, recordReadable: false, readableFields: [] });
    expect(e.considered.map((v) => [v.clause.id, v.verdict])).toEqual([[DEMO_CLAUSE.policeRiskFlag, 'NOT_DISCLOSED']]);
    expect(kinds(e.decidedBy)).toEqual(['NO_GRANT']);
    expect(kinds(explainWithoutRecord(ask(JOURNEYS.policeAnalystNoPurpose, 'RiskFlag')).decidedBy)).toEqual(['PURPOSE_REQUIRED']);
    expect(kinds(explainWithoutRecord(ask(JOURNEYS.policeAnalystCounterTerrorism, 'Prisoner', 'religion')).decidedBy)).toEqual(['NO_GRANT', 'STATUTORY_EXCLUSION']);
  });
});
