import { permittedFieldsOf } from '@casl/ability/extra';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISK_FLAG_CATEGORIES, RISK_FLAG_STATUSES, RISK_LEVELS, TLPS, VEP_STATUSES } from '../../src/domain/enums.js';
import { asSubject, createLiaisonAbility, type LiaisonRule } from '../../src/policies/ability.js';
import { buildPolicy, type BuiltPolicy, type PolicyKey } from '../../src/policies/build-policy.js';
import type { Clause } from '../../src/policies/clause.js';
import { CompiledPolicy } from '../../src/policies/compiled-policy.js';
import { STATUTORY_REASON } from '../../src/policies/statutory-exclusions.js';
import { SUBJECTS, type SubjectType } from '../../src/policies/subjects.js';
import { dayOffset, DEMO_CLAUSE, demoCompiled, demoPolicy, FIXED_NOW, JOURNEYS, key, makeClause } from '../support/policy-fixtures.js';

/** Per-row field decisions (docs/architecture.md §2.3 rule 5), `canFilterOn` and `reach` (compiled-policy.ts). */

const now = FIXED_NOW;

const compiledFrom = (clauses: Clause[], policyKey: PolicyKey): CompiledPolicy =>
  new CompiledPolicy(buildPolicy({ revision: 1, clauses }, policyKey, now));

/** A policy whose rules were altered after building (bypassing the clause compiler). */
function tampered(built: BuiltPolicy, rules: LiaisonRule[], clauses: Clause[] = []): CompiledPolicy {
  const map = new Map(built.clauses);
  for (const clause of clauses) map.set(clause.id, clause);
  return new CompiledPolicy({ ...built, rules, clauses: map, ability: createLiaisonAbility(rules) });
}

/** Inserts `extra` where clause rules go: before the statutory cannot-rules. */
function beforeStatutory(built: BuiltPolicy, ...extra: LiaisonRule[]): LiaisonRule[] {
  const rules = [...built.rules];
  rules.splice(rules.findIndex((rule) => rule.reason === STATUTORY_REASON), 0, ...extra);
  return rules;
}

const riskFlag = (over: Record<string, unknown> = {}) => ({
  id: 'rf-1', ownerAgencyCode: 'PRISONS', tlp: 'AMBER', status: 'ACTIVE', severity: 'HIGH', category: 'VIOLENCE',
  prisoner: { vepStatus: 'ASSESSED_VEP', expectedReleaseDate: dayOffset(30) }, ...over,
});
const prisoner = (over: Record<string, unknown> = {}) => ({
  id: 'p-1', ownerAgencyCode: 'PRISONS', tlp: 'AMBER', vepStatus: 'ASSESSED_VEP', expectedReleaseDate: dayOffset(30), ...over,
});

const sorted = (fields: Iterable<string>): string[] => [...fields].sort();

describe('CompiledPolicy.decide: fields per row', () => {
  const clauseA = makeClause({ id: 'A', subjectType: 'RiskFlag', fields: ['id', 'category'], conditions: { status: 'ACTIVE' } });
  const clauseB = makeClause({ id: 'B', subjectType: 'RiskFlag', fields: ['id', 'summary', 'reviewDate'], conditions: { severity: { $in: ['HIGH', 'VERY_HIGH'] } } });
  const policy = compiledFrom([clauseA, clauseB], key('POLICE', ['ANALYST'], 'COUNTER_TERRORISM'));

  it('a row matched by two clauses gets the union of their fields, and names both clauses', () => {
    const decision = policy.decide('RiskFlag', riskFlag({ status: 'ACTIVE', severity: 'HIGH' }));
    expect(decision.readable).toBe(true);
    expect(sorted(decision.fields)).toEqual(sorted(['id', 'category', 'summary', 'reviewDate', 'ownerAgency', 'handling']));
    expect(decision.clauses.map((c) => c.id).sort()).toEqual(['A', 'B']);
  });

  it('a row matched by one clause gets only that clause\'s fields', () => {
    const onlyA = policy.decide('RiskFlag', riskFlag({ status: 'ACTIVE', severity: 'LOW' }));
    expect(sorted(onlyA.fields)).toEqual(sorted(['id', 'category', 'ownerAgency', 'handling']));
    expect(onlyA.clauses.map((c) => c.id)).toEqual(['A']);
    const onlyB = policy.decide('RiskFlag', riskFlag({ status: 'EXPIRED', severity: 'VERY_HIGH' }));
    expect(sorted(onlyB.fields)).toEqual(sorted(['id', 'summary', 'reviewDate', 'ownerAgency', 'handling']));
    expect(onlyB.clauses.map((c) => c.id)).toEqual(['B']);
  });

  it('a row no clause matches is not readable and has no fields', () => {
    expect(policy.decide('RiskFlag', riskFlag({ status: 'EXPIRED', severity: 'LOW' }))).toEqual({ readable: false, fields: new Set(), clauses: [], clauseIds: [] });
    expect(policy.decide('RiskFlag', riskFlag({ tlp: 'RED' })).readable).toBe(false);
    expect(policy.decide('RiskFlag', riskFlag({ ownerAgencyCode: 'PROBATION' })).readable).toBe(false);
  });

  it('own-agency rows are decided by role and cite no clause', () => {
    const decision = policy.decide('RiskFlag', riskFlag({ ownerAgencyCode: 'POLICE', status: 'EXPIRED', severity: 'LOW' }));
    expect(decision.readable).toBe(true);
    expect(sorted(decision.fields)).toEqual(sorted([...SUBJECTS.RiskFlag.fields, 'ownerAgency', 'handling']));
    expect(decision.clauses).toEqual([]);
  });

  it('the police journey: VEP prisoners with the identity and custody fields, never statutory ones', () => {
    const police = demoCompiled(JOURNEYS.policeAnalystCounterTerrorism);
    const vep = police.decide('Prisoner', prisoner());
    expect(vep.readable).toBe(true);
    expect(vep.fields.has('vepStatus')).toBe(true);
    expect(vep.fields.has('expectedReleaseDate')).toBe(true);
    for (const field of ['religion', 'ethnicity', 'healthNotes', 'dependants']) expect(vep.fields.has(field)).toBe(false);
    expect(vep.clauses.map((c) => c.id)).toEqual([DEMO_CLAUSE.policePrisoner]);
    expect(police.decide('Prisoner', prisoner({ vepStatus: 'OF_CONCERN' })).readable).toBe(false);
    expect(police.decide('Prisoner', prisoner({ tlp: 'AMBER_STRICT' })).readable).toBe(false);
  });

  it('the probation journey: identity only, for prisoners due within 180 days', () => {
    const probation = demoCompiled(JOURNEYS.probationOfficerSupervisionWithCase);
    const due = probation.decide('Prisoner', prisoner({ expectedReleaseDate: dayOffset(180), vepStatus: 'NONE' }));
    expect(due.readable).toBe(true);
    expect(due.fields.has('fullName')).toBe(true);
    expect(due.fields.has('vepStatus')).toBe(false);
    expect(due.fields.has('expectedReleaseDate')).toBe(false);
    expect(probation.decide('Prisoner', prisoner({ expectedReleaseDate: dayOffset(181) })).readable).toBe(false);
    expect(probation.decide('Prisoner', prisoner({ expectedReleaseDate: dayOffset(-1) })).readable).toBe(false);
    expect(probation.decide('Prisoner', prisoner({ expectedReleaseDate: null })).readable).toBe(false);
    const flag = probation.decide('RiskFlag', riskFlag({ prisoner: { vepStatus: 'NONE', expectedReleaseDate: dayOffset(0) } }));
    expect(sorted(flag.fields)).toEqual(sorted(['id', 'category', 'severity', 'summary', 'ownerAgency', 'handling']));
  });
});

describe('CompiledPolicy.decide: statutory exclusions', () => {
  const police = demoPolicy(JOURNEYS.policeAnalystCounterTerrorism);
  const rogue = makeClause({ id: 'rogue', subjectType: 'Prisoner', fields: ['id', 'fullName', 'religion', 'healthNotes', 'dependants', 'ethnicity'] });
  const rogueRule: LiaisonRule = {
    action: 'read', subject: 'Prisoner', fields: [...rogue.fields], conditions: { ownerAgencyCode: 'PRISONS' }, reason: 'clause:rogue',
  };

  it('are never granted on another agency\'s rows, even by a clause rule that bypassed validation', () => {
    const policy = tampered(police, beforeStatutory(police, rogueRule), [rogue]);
    const decision = policy.decide('Prisoner', prisoner({ vepStatus: 'NONE' }));
    expect(decision.readable).toBe(true);
    expect(decision.fields.has('fullName')).toBe(true);
    for (const field of ['religion', 'healthNotes', 'dependants', 'ethnicity']) expect(decision.fields.has(field), field).toBe(false);
    expect(decision.clauses.map((c) => c.id)).toEqual(['rogue']);
  });

  it('nor is an unrestricted grant (no field list) able to reach them', () => {
    const { fields: _ignored, ...allFields } = rogueRule;
    const policy = tampered(police, beforeStatutory(police, allFields));
    const decision = policy.decide('Prisoner', prisoner({ vepStatus: 'NONE' }));
    expect(decision.fields.has('custodyStatus')).toBe(true);
    expect(decision.fields.has('healthNotes')).toBe(false);
    expect(decision.fields.has('religion')).toBe(false);
  });

  it('are granted to own-agency roles: PRISONS HEALTH_STAFF sees healthNotes, SECURITY_OFFICER does not', () => {
    const own = prisoner({ ownerAgencyCode: 'PRISONS' });
    const health = demoCompiled(key('PRISONS', ['HEALTH_STAFF'], null));
    const healthDecision = health.decide('Prisoner', own);
    expect(healthDecision.readable).toBe(true);
    expect(healthDecision.fields.has('healthNotes')).toBe(true);
    expect(healthDecision.fields.has('religion')).toBe(false);
    const security = demoCompiled(JOURNEYS.prisonsSecurityOfficerPrisonSecurity);
    const securityDecision = security.decide('Prisoner', own);
    expect(securityDecision.readable).toBe(true);
    expect(securityDecision.fields.has('healthNotes')).toBe(false);
    expect(securityDecision.fields.has('religion')).toBe(true);
    // Another agency's HEALTH_STAFF-like role reaches nothing at PRISONS.
    expect(demoCompiled(key('POLICE', ['HEALTH_STAFF'], null)).decide('Prisoner', own).readable).toBe(false);
  });

  it('source identity stays with the originator: PRISONS reads police intelligence without sourceReference', () => {
    const security = demoCompiled(JOURNEYS.prisonsSecurityOfficerPrisonSecurity);
    const report = { id: 'ir-1', ownerAgencyCode: 'POLICE', tlp: 'AMBER_STRICT', handlingCode: 'P' };
    const decision = security.decide('IntelligenceReport', report);
    expect(decision.readable).toBe(true);
    expect(decision.fields.has('sanitisedText')).toBe(true);
    expect(decision.fields.has('sourceReference')).toBe(false);
    expect(security.decide('IntelligenceReport', { ...report, handlingCode: 'C' }).readable).toBe(false);
    expect(security.decide('IntelligenceReport', { ...report, handlingCode: null }).readable).toBe(false);
    expect(security.decide('IntelligenceReport', { ...report, tlp: 'RED' }).readable).toBe(false);
  });
});

describe('CompiledPolicy.decide: fails closed on partially loaded rows', () => {
  const police = demoCompiled(JOURNEYS.policeAnalystCounterTerrorism);

  it('throws when a column a condition tests is missing', () => {
    const { prisoner: _p, ...noPrisoner } = riskFlag();
    expect(() => police.decide('RiskFlag', noPrisoner)).toThrow(/prisoner\.vepStatus/);
    expect(() => police.decide('RiskFlag', riskFlag({ prisoner: {} }))).toThrow(/prisoner\.vepStatus/);
    const { vepStatus: _v, ...noVep } = prisoner();
    expect(() => police.decide('Prisoner', noVep)).toThrow(/vepStatus/);
    const { tlp: _t, ...noTlp } = prisoner();
    expect(() => police.decide('Prisoner', noTlp)).toThrow(/tlp/);
  });

  it('throws when the owner column is missing, even for a principal with no rule on the subject', () => {
    const { ownerAgencyCode: _o, ...noOwner } = prisoner();
    expect(() => police.decide('Prisoner', noOwner)).toThrow(/ownerAgencyCode/);
    expect(() => demoCompiled(key('NOBODY', [], null)).decide('Prisoner', noOwner)).toThrow(/ownerAgencyCode/);
  });

  it('a NULL column is loaded, not missing', () => {
    const probation = demoCompiled(JOURNEYS.probationOfficerSupervisionWithCase);
    expect(probation.decide('Prisoner', prisoner({ expectedReleaseDate: null })).readable).toBe(false);
    expect(probation.decide('RiskFlag', riskFlag({ prisoner: { vepStatus: 'NONE', expectedReleaseDate: null } })).readable).toBe(false);
    expect(police.decide('Prisoner', prisoner({ expectedReleaseDate: null })).readable).toBe(true);
  });
});

describe('CompiledPolicy.decide agrees with CASL permittedFieldsOf', () => {
  const principals: PolicyKey[] = [
    ...Object.values(JOURNEYS),
    key('PRISONS', ['HEALTH_STAFF'], null),
    key('PRISONS', ['CASE_MANAGER', 'HEALTH_STAFF', 'SECURITY_OFFICER'], 'PRISON_SECURITY'),
    key('POLICE', ['OFFICER', 'ANALYST'], 'PUBLIC_PROTECTION'),
    key('INSPECTORATE', ['AUDITOR'], 'OVERSIGHT'),
  ];
  const policies = principals.map((principalKey) => demoPolicy(principalKey));
  // Also a policy with field-level and row-level cannot-rules of its own.
  const police = demoPolicy(JOURNEYS.policeAnalystCounterTerrorism);
  policies.push(tampered(police, [
    ...police.rules,
    { action: 'read', subject: 'RiskFlag', fields: ['summary', 'basis'], conditions: { severity: 'LOW' }, inverted: true, reason: 'test' },
    { action: 'read', subject: 'RiskFlag', conditions: { category: 'ESCAPE' }, inverted: true, reason: 'test' },
    { action: 'read', subject: 'Prisoner', fields: ['fullName'], conditions: { 'expectedReleaseDate': null }, inverted: true, reason: 'test' },
  ]).built);

  const owner = fc.constantFrom('PRISONS', 'POLICE', 'PROBATION', 'INSPECTORATE');
  const date = fc.option(fc.integer({ min: -400, max: 400 }).map((d) => dayOffset(d)), { nil: null });
  const linked = fc.record({ vepStatus: fc.constantFrom(...VEP_STATUSES), expectedReleaseDate: date });
  const row = fc.record({
    id: fc.uuid(),
    ownerAgencyCode: owner,
    tlp: fc.constantFrom(...TLPS),
    handlingCode: fc.constantFrom(null, 'P', 'C'),
    status: fc.constantFrom(...RISK_FLAG_STATUSES),
    severity: fc.constantFrom(...RISK_LEVELS),
    category: fc.constantFrom(...RISK_FLAG_CATEGORIES),
    vepStatus: fc.constantFrom(...VEP_STATUSES),
    expectedReleaseDate: date,
    prisoner: linked,
  });
  const subjects: SubjectType[] = ['Prisoner', 'RiskFlag', 'RiskAssessment', 'ReleasePlan', 'Intervention', 'IntelligenceReport', 'Classification'];

  it('over generated rows, for every journey principal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...policies.keys()), fc.constantFrom(...subjects), row, (index, subject, generated) => {
        const built = policies[index]!;
        const policy = new CompiledPolicy(built);
        const decision = policy.decide(subject, { ...generated });
        const tagged = asSubject(subject, { ...generated });
        const readable = built.ability.can('read', tagged);
        expect(decision.readable).toBe(readable);
        const casl = permittedFieldsOf(built.ability, 'read', tagged, { fieldsFrom: (rule) => rule.fields ?? [...SUBJECTS[subject].fields] });
        const expected = readable ? sorted(new Set([...casl, ...SUBJECTS[subject].alwaysVisible])) : [];
        expect(sorted(decision.fields)).toEqual(expected);
        if (readable) {
          // Every field granted is one CASL's own check allows on this record (or always visible).
          for (const field of decision.fields) {
            if (!SUBJECTS[subject].alwaysVisible.includes(field)) expect(built.ability.can('read', tagged, field), field).toBe(true);
          }
        }
      }),
      { seed: 4242, numRuns: 1500 },
    );
  });
});

describe('CompiledPolicy.canFilterOn', () => {
  it('allows filtering on a field every granting rule shows', () => {
    const police = demoCompiled(JOURNEYS.policeAnalystCounterTerrorism);
    expect(police.canFilterOn('RiskFlag', 'category')).toBe(true);
    expect(police.canFilterOn('RiskFlag', 'severity')).toBe(true);
    expect(police.canFilterOn('Prisoner', 'vepStatus')).toBe(true);
  });

  it('refuses a field some clause withholds (the filter would be an oracle)', () => {
    const police = demoCompiled(JOURNEYS.policeAnalystCounterTerrorism);
    expect(police.canFilterOn('RiskAssessment', 'narrative')).toBe(false);
    const probation = demoCompiled(JOURNEYS.probationOfficerSupervisionWithCase);
    expect(probation.canFilterOn('Prisoner', 'vepStatus')).toBe(false);
    expect(probation.canFilterOn('RiskFlag', 'status')).toBe(false);
    expect(probation.canFilterOn('RiskFlag', 'severity')).toBe(true);
    expect(probation.canFilterOn('Prisoner', 'nationalId')).toBe(true);
  });

  it('never allows a statutory field once a clause grants rows, even when a rogue rule lists it', () => {
    const police = demoPolicy(JOURNEYS.policeAnalystCounterTerrorism);
    expect(new CompiledPolicy(police).canFilterOn('Prisoner', 'religion')).toBe(false);
    const rogue: LiaisonRule = { action: 'read', subject: 'Prisoner', conditions: { ownerAgencyCode: 'PRISONS' }, reason: `clause:${DEMO_CLAUSE.policePrisoner}` };
    const policy = tampered(police, beforeStatutory(police, rogue));
    expect(policy.canFilterOn('Prisoner', 'custodyStatus')).toBe(true);
    expect(policy.canFilterOn('Prisoner', 'religion')).toBe(false);
  });

  it('own-agency roles may filter on what their role shows', () => {
    const security = demoCompiled(JOURNEYS.prisonsSecurityOfficerPrisonSecurity);
    expect(security.canFilterOn('Prisoner', 'religion')).toBe(true);
    expect(security.canFilterOn('Prisoner', 'healthNotes')).toBe(false);
  });

  it('anything goes when nothing is visible (the filter reveals nothing)', () => {
    const nobody = demoCompiled(key('INSPECTORATE', ['AUDITOR'], 'OVERSIGHT'));
    expect(nobody.canFilterOn('Prisoner', 'vepStatus')).toBe(true);
    expect(nobody.canFilterOn('Prisoner', 'healthNotes')).toBe(true);
  });
});

describe('CompiledPolicy.reach', () => {
  const catalogueOrder = (subject: SubjectType, fields: string[]): string[] => {
    const order = [...SUBJECTS[subject].fields, ...SUBJECTS[subject].alwaysVisible.filter((f) => !SUBJECTS[subject].fields.includes(f))];
    return order.filter((f) => fields.includes(f));
  };

  it('lists the clause fields (plus always-visible ones) and the clauses, in catalogue order', () => {
    const reach = demoCompiled(JOURNEYS.policeAnalystCounterTerrorism).reach('Prisoner');
    expect(reach.subject).toBe('Prisoner');
    expect(reach.gate).toBeNull();
    expect(reach.clauses.map((c) => c.id)).toEqual([DEMO_CLAUSE.policePrisoner]);
    const expected = catalogueOrder('Prisoner', [
      'id', 'prisonNumber', 'nationalId', 'fullName', 'names', 'dateOfBirth', 'gender', 'nationality',
      'vepStatus', 'facility', 'custodyStatus', 'expectedReleaseDate', 'ownerAgency', 'handling',
    ]);
    expect(reach.sharedFields).toEqual(expected);
  });

  it('separates own-agency fields (by role) from shared fields (by clause)', () => {
    const reach = demoCompiled(JOURNEYS.prisonsSecurityOfficerPrisonSecurity).reach('Prisoner');
    expect(reach.sharedFields).toEqual([]);
    expect(reach.clauses).toEqual([]);
    expect(reach.ownAgencyFields).toContain('religion');
    expect(reach.ownAgencyFields).not.toContain('healthNotes');
    expect(reach.ownAgencyFields).toContain('handling');
    const intel = demoCompiled(JOURNEYS.prisonsSecurityOfficerPrisonSecurity).reach('IntelligenceReport');
    expect(intel.sharedFields).toContain('sanitisedText');
    expect(intel.sharedFields).not.toContain('sourceReference');
    expect(intel.clauses.map((c) => c.id)).toEqual([DEMO_CLAUSE.prisonsIntelligence]);
  });

  it('reports the gate and nothing shared when a purpose or case reference is missing', () => {
    const noPurpose = demoCompiled(JOURNEYS.policeAnalystNoPurpose).reach('RiskFlag');
    expect(noPurpose.gate).toBe('PURPOSE_REQUIRED');
    expect(noPurpose.sharedFields).toEqual([]);
    expect(noPurpose.clauses).toEqual([]);
    const noCase = demoCompiled(JOURNEYS.probationOfficerSupervisionNoCase).reach('ReleasePlan');
    expect(noCase.gate).toBe('CASE_REFERENCE_REQUIRED');
    expect(noCase.sharedFields).toEqual([]);
  });

  it('never lists a statutory field as shared, even when a rogue clause rule grants it', () => {
    const police = demoPolicy(JOURNEYS.policeAnalystCounterTerrorism);
    const rogue: LiaisonRule = { action: 'read', subject: 'Prisoner', fields: ['id', 'religion'], conditions: { ownerAgencyCode: 'PRISONS' }, reason: `clause:${DEMO_CLAUSE.policePrisoner}` };
    const reach = tampered(police, beforeStatutory(police, rogue)).reach('Prisoner');
    expect(reach.sharedFields).not.toContain('religion');
  });

  it('lists each readable field with the role rules and clauses behind it', () => {
    const reach = demoCompiled(key('POLICE', ['ANALYST', 'OFFICER'], 'COUNTER_TERRORISM')).reach('RiskAssessment');
    const byField = Object.fromEntries(reach.fields.map((f) => [f.field, f]));
    expect(byField.overallLevel).toMatchObject({ roles: ['ANALYST', 'OFFICER'], alwaysVisible: false });
    expect(byField.overallLevel!.clauses.map((c) => c.id)).toEqual([DEMO_CLAUSE.policeAssessment]);
    // The narrative: own records only (no clause shares it).
    expect(byField.narrative).toMatchObject({ roles: ['ANALYST', 'OFFICER'], clauses: [] });
    expect(byField.handling).toMatchObject({ roles: [], clauses: [], alwaysVisible: true });
    expect(reach.fields.map((f) => f.field)).toEqual([...new Set([...reach.ownAgencyFields, ...reach.sharedFields])]);
  });

  it('is empty for a principal who can see nothing', () => {
    const reach = demoCompiled(key('INSPECTORATE', ['AUDITOR'], 'OVERSIGHT')).reach('Prisoner');
    expect(reach).toEqual({ subject: 'Prisoner', ownAgencyFields: [], sharedFields: [], clauses: [], fields: [], gate: null });
  });
});

describe('CompiledPolicy.decide: shared decisions', () => {
  const policy = demoCompiled(JOURNEYS.policeAnalystCounterTerrorism);
  const flag = (overrides: Record<string, unknown>) => ({
    id: crypto.randomUUID(), ownerAgencyCode: 'PRISONS', prisonerId: crypto.randomUUID(), category: 'VIOLENCE', severity: 'HIGH',
    status: 'ACTIVE', basis: null, summary: 's', raisedAt: new Date('2026-01-01T00:00:00Z'), reviewDate: null, updatedAt: new Date('2026-01-01T00:00:00Z'),
    tlp: 'AMBER', handlingCode: null, onwardDisclosure: 'NONE', prisoner: { id: 'p', vepStatus: 'ASSESSED_VEP' }, ...overrides,
  });

  it('rows agreeing on every field the rules test share one decision; a tested field that differs gets its own', () => {
    const first = policy.decide('RiskFlag', flag({ summary: 'one' }));
    expect(policy.decide('RiskFlag', flag({ summary: 'two', category: 'ESCAPE' }))).toBe(first); // untested fields
    const expired = policy.decide('RiskFlag', flag({ status: 'EXPIRED' }));
    expect(expired).not.toBe(first);
    expect(expired.readable).toBe(false);
    expect(policy.decide('RiskFlag', flag({ prisoner: { id: 'p', vepStatus: 'NONE' } })).readable).toBe(false);
    expect(policy.decide('RiskFlag', flag({ tlp: 'RED' })).readable).toBe(false);
  });

  it('does not tag the caller\'s row', () => {
    const row = flag({});
    policy.decide('RiskFlag', row);
    expect(Object.getOwnPropertyNames(row)).not.toContain('__caslSubjectType__');
  });

  it('tells a NULL from the text "null"', () => {
    const unmarked = new CompiledPolicy(buildPolicy({
      revision: 1,
      clauses: [makeClause({ id: 'unmarked', conditions: { handlingCode: null } })],
    }, JOURNEYS.policeAnalystCounterTerrorism, FIXED_NOW));
    expect(unmarked.decide('RiskFlag', flag({ handlingCode: null })).readable).toBe(true);
    expect(unmarked.decide('RiskFlag', flag({ handlingCode: 'null' })).readable).toBe(false);
    expect(unmarked.decide('RiskFlag', flag({ handlingCode: null })).readable).toBe(true);
  });
});
