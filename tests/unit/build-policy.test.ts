import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MOU_STATUSES, PURPOSES, type MouStatus, type Purpose } from '../../src/domain/enums.js';
import { ABILITY_MAX_AGE_MS, buildPolicy } from '../../src/policies/build-policy.js';
import { ownAgencyRules } from '../../src/policies/role-matrix.js';
import {
  clauseIdsIn, clauseReasonsIn, DAY_MS, DEMO_CLAUSE, demoClauses, demoPolicy, demoSnapshot, FIXED_NOW, JOURNEYS, key, makeClause,
} from '../support/policy-fixtures.js';

/** The ability of docs/architecture.md §2.3, built from the demo MoUs (§2.6). */

const now = FIXED_NOW;
const POLICE_CLAUSES = [DEMO_CLAUSE.policeAssessment, DEMO_CLAUSE.policePrisoner, DEMO_CLAUSE.policeRiskFlag].sort();
const PROBATION_CLAUSES = [
  DEMO_CLAUSE.probationAssessment, DEMO_CLAUSE.probationIntervention, DEMO_CLAUSE.probationPrisoner,
  DEMO_CLAUSE.probationReleasePlan, DEMO_CLAUSE.probationRiskFlag,
].sort();

describe('buildPolicy: the journey principals', () => {
  it('police analyst, COUNTER_TERRORISM: the three PRISONS→POLICE clauses, no gate', () => {
    const built = demoPolicy(JOURNEYS.policeAnalystCounterTerrorism);
    expect(clauseIdsIn(built)).toEqual(POLICE_CLAUSES);
    expect(clauseReasonsIn(built)).toEqual(POLICE_CLAUSES.map((id) => `clause:${id}`));
    expect([...built.gates]).toEqual([]);
    expect(built.rejected).toEqual([]);
    expect(built.revision).toBe(7);
    expect(built.builtAt).toBe(now.getTime());
    // Own-agency rules first, as the role matrix gives them.
    const own = ownAgencyRules('POLICE', ['ANALYST']);
    expect(built.rules.slice(0, own.length)).toEqual(own);
  });

  it('police officer and PUBLIC_PROTECTION are covered by the same clauses', () => {
    expect(clauseIdsIn(demoPolicy(key('POLICE', ['OFFICER'], 'PUBLIC_PROTECTION')))).toEqual(POLICE_CLAUSES);
    expect(clauseIdsIn(demoPolicy(key('POLICE', ['MOU_ADMIN', 'ANALYST'], 'COUNTER_TERRORISM')))).toEqual(POLICE_CLAUSES);
  });

  it('police analyst without a purpose: no clause, PURPOSE_REQUIRED on each shared subject', () => {
    const built = demoPolicy(JOURNEYS.policeAnalystNoPurpose);
    expect(clauseIdsIn(built)).toEqual([]);
    expect(clauseReasonsIn(built)).toEqual([]);
    expect(Object.fromEntries(built.gates)).toEqual({
      Prisoner: 'PURPOSE_REQUIRED', RiskFlag: 'PURPOSE_REQUIRED', RiskAssessment: 'PURPOSE_REQUIRED',
    });
  });

  it('probation officer, SUPERVISION with a case reference: the five PRISONS→PROBATION clauses', () => {
    const built = demoPolicy(JOURNEYS.probationOfficerSupervisionWithCase);
    expect(clauseIdsIn(built)).toEqual(PROBATION_CLAUSES);
    expect([...built.gates]).toEqual([]);
    expect(clauseIdsIn(demoPolicy(key('PROBATION', ['PROBATION_OFFICER'], 'RELEASE_PLANNING', true)))).toEqual(PROBATION_CLAUSES);
  });

  it('probation officer, SUPERVISION without a case reference: no clause, CASE_REFERENCE_REQUIRED', () => {
    const built = demoPolicy(JOURNEYS.probationOfficerSupervisionNoCase);
    expect(clauseIdsIn(built)).toEqual([]);
    expect(Object.fromEntries(built.gates)).toEqual({
      Prisoner: 'CASE_REFERENCE_REQUIRED', ReleasePlan: 'CASE_REFERENCE_REQUIRED', RiskFlag: 'CASE_REFERENCE_REQUIRED',
      RiskAssessment: 'CASE_REFERENCE_REQUIRED', Intervention: 'CASE_REFERENCE_REQUIRED',
    });
  });

  it('without a case reference, a subject another clause still covers is served by that clause, not refused', () => {
    const withCase = makeClause({ id: 'with-case', subjectType: 'RiskFlag', caseReferenceRequired: true,
      purposes: ['SUPERVISION'], recipientRoles: ['PROBATION_OFFICER'],
      mou: { recipientAgencyCode: 'PROBATION', providerAgencyCode: 'PRISONS', purposes: ['SUPERVISION'] } });
    const withoutCase = { ...withCase, id: 'without-case', caseReferenceRequired: false, fields: ['id', 'category'] };
    const policyKey = key('PROBATION', ['PROBATION_OFFICER'], 'SUPERVISION', false);
    const both = buildPolicy({ revision: 1, clauses: [withCase, withoutCase] }, policyKey, now);
    expect(clauseIdsIn(both)).toEqual(['without-case']);
    expect(both.gates.has('RiskFlag')).toBe(false);
    const onlyCase = buildPolicy({ revision: 1, clauses: [withCase] }, policyKey, now);
    expect(clauseIdsIn(onlyCase)).toEqual([]);
    expect(onlyCase.gates.get('RiskFlag')).toBe('CASE_REFERENCE_REQUIRED');
  });

  it('probation officer without a purpose: PURPOSE_REQUIRED wins over the case reference gate', () => {
    for (const hasCase of [true, false]) {
      const built = demoPolicy(key('PROBATION', ['PROBATION_OFFICER'], null, hasCase));
      expect(clauseIdsIn(built)).toEqual([]);
      expect(new Set(built.gates.values())).toEqual(new Set(['PURPOSE_REQUIRED']));
      expect(built.gates.size).toBe(5);
    }
  });

  it('prison security officer, PRISON_SECURITY: the POLICE→PRISONS intelligence clause', () => {
    const built = demoPolicy(JOURNEYS.prisonsSecurityOfficerPrisonSecurity);
    expect(clauseIdsIn(built)).toEqual([DEMO_CLAUSE.prisonsIntelligence]);
    expect([...built.gates]).toEqual([]);
  });

  it('prison security officer without a purpose: PURPOSE_REQUIRED on intelligence reports only', () => {
    const built = demoPolicy(JOURNEYS.prisonsSecurityOfficerNoPurpose);
    expect(clauseIdsIn(built)).toEqual([]);
    expect(Object.fromEntries(built.gates)).toEqual({ IntelligenceReport: 'PURPOSE_REQUIRED' });
  });

  it.each<[string, ReturnType<typeof key>]>([
    ['police analyst, SUPERVISION', key('POLICE', ['ANALYST'], 'SUPERVISION')],
    ['police analyst, PRISON_SECURITY', key('POLICE', ['ANALYST'], 'PRISON_SECURITY')],
    ['probation officer, COUNTER_TERRORISM', key('PROBATION', ['PROBATION_OFFICER'], 'COUNTER_TERRORISM', true)],
    ['prison security officer, COUNTER_TERRORISM', key('PRISONS', ['SECURITY_OFFICER'], 'COUNTER_TERRORISM')],
  ])('a purpose outside the clauses grants nothing and gates nothing (%s)', (_name, policyKey) => {
    const built = demoPolicy(policyKey);
    expect(clauseIdsIn(built)).toEqual([]);
    expect(clauseReasonsIn(built)).toEqual([]);
    expect(built.gates.size).toBe(0);
  });

  it.each<[string, ReturnType<typeof key>]>([
    ['police MOU_ADMIN', key('POLICE', ['MOU_ADMIN'], 'COUNTER_TERRORISM')],
    ['probation MOU_ADMIN', key('PROBATION', ['MOU_ADMIN'], 'SUPERVISION', true)],
    ['prisons CASE_MANAGER', key('PRISONS', ['CASE_MANAGER'], 'PRISON_SECURITY')],
    ['prisons HEALTH_STAFF', key('PRISONS', ['HEALTH_STAFF'], 'PRISON_SECURITY')],
    ['no roles', key('POLICE', [], 'COUNTER_TERRORISM')],
    ['a role of the right name at another agency', key('INSPECTORATE', ['ANALYST'], 'COUNTER_TERRORISM')],
  ])('a role outside recipientRoles grants nothing (%s)', (_name, policyKey) => {
    const built = demoPolicy(policyKey);
    expect(clauseIdsIn(built)).toEqual([]);
    expect(clauseReasonsIn(built)).toEqual([]);
    expect(built.gates.size).toBe(0);
  });

  it('a provider never receives its own MoU\'s clauses', () => {
    expect(clauseIdsIn(demoPolicy(key('PRISONS', ['SECURITY_OFFICER', 'CASE_MANAGER'], 'COUNTER_TERRORISM')))).toEqual([]);
  });

  it('an uncompilable stored clause is rejected (fail closed) while the others still apply', () => {
    const broken = makeClause({
      id: 'broken', subjectType: 'RiskFlag', fields: ['id', 'category'], conditions: { colour: 'RED' },
      mou: { providerAgencyCode: 'PRISONS', recipientAgencyCode: 'POLICE' },
    });
    const built = buildPolicy({ revision: 1, clauses: [...demoClauses(), broken] }, JOURNEYS.policeAnalystCounterTerrorism, now);
    expect(clauseIdsIn(built)).toEqual(POLICE_CLAUSES);
    expect(built.rejected).toEqual([{ clauseId: 'broken', problems: [{ path: 'conditions.colour', message: expect.any(String) }] }]);
  });

  it('requires the purpose in both the clause and the MoU', () => {
    const clause = makeClause({ id: 'c', purposes: ['CRIME_PREVENTION'], mou: { purposes: ['COUNTER_TERRORISM'] } });
    expect(clauseIdsIn(buildPolicy({ revision: 1, clauses: [clause] }, key('POLICE', ['ANALYST'], 'CRIME_PREVENTION'), now))).toEqual([]);
    expect(clauseIdsIn(buildPolicy({ revision: 1, clauses: [clause] }, key('POLICE', ['ANALYST'], 'COUNTER_TERRORISM'), now))).toEqual([]);
    const both = makeClause({ id: 'c', purposes: ['CRIME_PREVENTION'], mou: { purposes: ['CRIME_PREVENTION'] } });
    expect(clauseIdsIn(buildPolicy({ revision: 1, clauses: [both] }, key('POLICE', ['ANALYST'], 'CRIME_PREVENTION'), now))).toEqual(['c']);
  });
});

describe('buildPolicy: MoU lifecycle (revocation)', () => {
  const POLICE_MOU = 'MOU-PRISONS-POLICE-01';
  const built = (override: Parameters<typeof demoSnapshot>[0], at: Date = now) =>
    buildPolicy(demoSnapshot(override), JOURNEYS.policeAnalystCounterTerrorism, at);

  it.each<MouStatus>(['SUSPENDED', 'TERMINATED', 'EXPIRED', 'DRAFT', 'PENDING_APPROVAL', 'SUPERSEDED'])(
    'an MoU that is %s grants nothing and gates nothing',
    (status) => {
      const policy = built({ [POLICE_MOU]: { status } });
      expect(clauseIdsIn(policy)).toEqual([]);
      expect(clauseReasonsIn(policy)).toEqual([]);
      expect(policy.gates.size).toBe(0);
      const noPurpose = buildPolicy(demoSnapshot({ [POLICE_MOU]: { status } }), JOURNEYS.policeAnalystNoPurpose, now);
      expect(noPurpose.gates.size).toBe(0);
    },
  );

  it('suspending one MoU leaves the others in force', () => {
    const snapshot = demoSnapshot({ [POLICE_MOU]: { status: 'SUSPENDED' } });
    expect(clauseIdsIn(buildPolicy(snapshot, JOURNEYS.probationOfficerSupervisionWithCase, now))).toEqual(PROBATION_CLAUSES);
  });

  it('an MoU whose validity ended grants nothing (validUntil is exclusive)', () => {
    expect(clauseIdsIn(built({ [POLICE_MOU]: { validUntil: new Date(now.getTime() - 1) } }))).toEqual([]);
    expect(clauseIdsIn(built({ [POLICE_MOU]: { validUntil: now } }))).toEqual([]);
    expect(clauseIdsIn(built({ [POLICE_MOU]: { validUntil: new Date(now.getTime() + 1) } }))).toEqual(POLICE_CLAUSES);
  });

  it('an MoU not yet valid grants nothing (validFrom is inclusive)', () => {
    expect(clauseIdsIn(built({ [POLICE_MOU]: { validFrom: new Date(now.getTime() + 1) } }))).toEqual([]);
    expect(clauseIdsIn(built({ [POLICE_MOU]: { validFrom: now } }))).toEqual(POLICE_CLAUSES);
  });

  it('the demo MoUs end on 2028-12-31T23:59:59Z', () => {
    expect(clauseIdsIn(built({}, new Date('2028-12-31T23:59:58.999Z')))).toEqual(POLICE_CLAUSES);
    expect(clauseIdsIn(built({}, new Date('2028-12-31T23:59:59.000Z')))).toEqual([]);
    expect(clauseIdsIn(built({}, new Date('2024-12-31T23:59:59.999Z')))).toEqual([]);
  });
});

describe('buildPolicy: expiry', () => {
  it('is at most 60 s away', () => {
    const built = demoPolicy(JOURNEYS.policeAnalystCounterTerrorism);
    expect(built.expiresAt).toBe(now.getTime() + ABILITY_MAX_AGE_MS);
  });

  it('is no later than the next UTC midnight (relative dates move then)', () => {
    const late = new Date('2026-03-15T23:59:30.000Z');
    expect(demoPolicy(JOURNEYS.probationOfficerSupervisionWithCase, late).expiresAt).toBe(Date.parse('2026-03-16T00:00:00.000Z'));
  });

  it('is no later than the next validity boundary of an MoU of the caller\'s agency', () => {
    const until = new Date(now.getTime() + 10_000);
    const policy = buildPolicy(demoSnapshot({ 'MOU-PRISONS-POLICE-01': { validUntil: until } }), JOURNEYS.policeAnalystCounterTerrorism, now);
    expect(policy.expiresAt).toBe(until.getTime());
    const from = new Date(now.getTime() + 5_000);
    const pending = buildPolicy(demoSnapshot({ 'MOU-PRISONS-POLICE-01': { validFrom: from } }), JOURNEYS.policeAnalystCounterTerrorism, now);
    expect(clauseIdsIn(pending)).toEqual([]);
    expect(pending.expiresAt).toBe(from.getTime());
    // Once the boundary is reached the clauses apply.
    expect(clauseIdsIn(buildPolicy(demoSnapshot({ 'MOU-PRISONS-POLICE-01': { validFrom: from } }), JOURNEYS.policeAnalystCounterTerrorism, from)))
      .toEqual(POLICE_CLAUSES);
  });

  it('property: the ability built now is the ability for every instant before its expiry', () => {
    const dayStart = Date.parse('2025-06-01T00:00:00.000Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * DAY_MS }),
        fc.array(fc.tuple(fc.integer({ min: -120_000, max: 120_000 }), fc.option(fc.integer({ min: 1, max: 240_000 }), { nil: null })), { minLength: 3, maxLength: 3 }),
        fc.constantFrom<MouStatus>('ACTIVE', 'ACTIVE', 'SUSPENDED'),
        fc.constantFrom(...Object.values(JOURNEYS)),
        (offset, windows, status, policyKey) => {
          const at = new Date(dayStart + offset);
          const overrides = Object.fromEntries(['MOU-PRISONS-POLICE-01', 'MOU-PRISONS-PROBATION-01', 'MOU-POLICE-PRISONS-01'].map((reference, i) => {
            const [fromDelta, length] = windows[i]!;
            const validFrom = new Date(at.getTime() + fromDelta);
            return [reference, { status, validFrom, validUntil: length === null ? null : new Date(validFrom.getTime() + length) }];
          }));
          const snapshot = demoSnapshot(overrides);
          const policy = buildPolicy(snapshot, policyKey, at);
          const t = at.getTime();
          const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
          expect(policy.expiresAt).toBeGreaterThan(t);
          expect(policy.expiresAt).toBeLessThanOrEqual(t + ABILITY_MAX_AGE_MS);
          expect(policy.expiresAt).toBeLessThanOrEqual(midnight);
          for (const clause of snapshot.clauses) {
            if (clause.mou.recipientAgencyCode !== policyKey.agencyCode) continue;
            for (const boundary of [clause.mou.validFrom.getTime(), clause.mou.validUntil?.getTime()]) {
              if (boundary !== undefined && boundary > t) expect(policy.expiresAt).toBeLessThanOrEqual(boundary);
            }
          }
          const last = buildPolicy(snapshot, policyKey, new Date(policy.expiresAt - 1));
          expect(last.rules).toEqual(policy.rules);
          expect(Object.fromEntries(last.gates)).toEqual(Object.fromEntries(policy.gates));
        },
      ),
      { seed: 20_260_315, numRuns: 300 },
    );
  });
});

describe('buildPolicy: purity', () => {
  it('the same snapshot, key and clock give the same rules', () => {
    for (const policyKey of Object.values(JOURNEYS)) {
      expect(demoPolicy(policyKey).rules).toEqual(demoPolicy(policyKey).rules);
    }
  });

  it('every purpose and role combination grants only clauses whose terms it satisfies', () => {
    const clauses = demoClauses();
    const roles = ['ANALYST', 'OFFICER', 'PROBATION_OFFICER', 'SECURITY_OFFICER', 'CASE_MANAGER', 'MOU_ADMIN'];
    for (const agency of ['POLICE', 'PROBATION', 'PRISONS', 'INSPECTORATE']) {
      for (const purpose of PURPOSES as readonly Purpose[]) {
        for (const role of roles) {
          for (const hasCase of [false, true]) {
            const built = buildPolicy({ revision: 1, clauses }, key(agency, [role], purpose, hasCase), now);
            const expected = clauses.filter((c) => c.mou.recipientAgencyCode === agency && c.purposes.includes(purpose)
              && c.recipientRoles.includes(role) && (!c.caseReferenceRequired || hasCase)).map((c) => c.id).sort();
            expect(clauseIdsIn(built), `${agency} ${role} ${purpose} ${hasCase}`).toEqual(expected);
          }
        }
      }
    }
  });

  it('statuses other than ACTIVE never grant (an APPROVED MoU waits for activation)', () => {
    for (const status of MOU_STATUSES.filter((s) => s !== 'ACTIVE')) {
      const built = buildPolicy(demoSnapshot({ 'MOU-PRISONS-POLICE-01': { status } }), JOURNEYS.policeAnalystCounterTerrorism, now);
      expect(clauseIdsIn(built), status).toEqual([]);
    }
  });
});
