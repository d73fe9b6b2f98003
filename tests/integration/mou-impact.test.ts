import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoMouId, draftInput, mouApi, ok, refused, type MouResult } from '../support/mou-api.js';

/**
 * Impact preview (issue 3, item 4) against rows counted by hand: the expected numbers come
 * from SQL written here, independently of the policy engine and its SQL translation.
 */

let db: TestDatabase;
let gateway: TestGateway;
let api: ReturnType<typeof mouApi>;
let amendment: MouResult;

const DAY_MS = 86_400_000;
/** The UTC date `days` from now, as the condition language resolves `$daysFromNow`. */
const day = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const SHAREABLE = `('CLEAR','GREEN','AMBER')`;

const count = async (sql: string, values: unknown[] = []): Promise<number> =>
  Number((await db.sql<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, values))[0]!.n);
const ids = async (sql: string, values: unknown[] = []): Promise<string[]> =>
  (await db.sql<{ id: string }>(sql, values)).map((r) => r.id);

const IMPACT = `query($id: ID!) { mouImpact(id: $id) {
  mou { reference version status } provider { code } recipient { code } replacesVersion evaluatedAt policyRevision sampleIdsDisclosed
  audiences { role purpose subjects { subject rowsBefore rowsAfter rowsGained rowsLost fieldsGained fieldsLost
    fieldChanges { field rowsGained rowsLost } sampleGainedIds sampleLostIds } } } }`;

const preview = (token: string, id: string) => gateway.graphql<any>(IMPACT, { token, variables: { id } });

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  api = mouApi(gateway);
  // Amend the probation MoU: identity for releases within 365 days instead of 180, no more
  // release addresses, no more interventions, and classifications of prisoners due within 180 days.
  const v1 = await demoMouId(db.sql, 'MOU-PRISONS-PROBATION-01');
  const admin = demoTokens.mouAdmin('PRISONS');
  const draft = ok(await api.amend(admin, v1));
  const [identity, plans, , , interventions] = draft.clauses;
  ok(await api.updateClause(admin, identity!.id, { conditions: { expectedReleaseDate: { $gte: { $daysFromNow: 0 }, $lte: { $daysFromNow: 365 } } } }));
  ok(await api.updateClause(admin, plans!.id, { fields: ['id', 'expectedReleaseDate', 'releaseType', 'supervisingOffice', 'licenceConditions', 'postReleaseServices'] }));
  ok(await api.removeClause(admin, interventions!.id));
  amendment = ok(await api.addClause(admin, draft.id, {
    label: 'Security category of prisoners due for release', subject: 'Classification', fields: ['id', 'securityCategory'],
    conditions: { 'prisoner.expectedReleaseDate': { $gte: { $daysFromNow: 0 }, $lte: { $daysFromNow: 180 } } },
    purposes: ['SUPERVISION'], recipientRoles: ['PROBATION_OFFICER'], maxTlp: 'AMBER', retentionDays: 365, caseReferenceRequired: true,
  }));
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('impact of an amendment against hand-counted demo rows', () => {
  it('counts, per audience and kind of record, the rows and fields gained and lost', async () => {
    const res = await preview(demoTokens.mouAdmin('PRISONS', 'prisons-admin-2'), amendment.id);
    expect(res.body.errors).toBeUndefined();
    const impact = res.body.data.mouImpact;
    expect(impact).toMatchObject({
      mou: { reference: 'MOU-PRISONS-PROBATION-01', version: 2, status: 'DRAFT' },
      provider: { code: 'PRISONS' }, recipient: { code: 'PROBATION' }, replacesVersion: 1, sampleIdsDisclosed: true,
    });
    // The new classification clause serves SUPERVISION only; the others both purposes.
    expect(impact.audiences.map((a: any) => `${a.role}/${a.purpose}`)).toEqual(['PROBATION_OFFICER/RELEASE_PLANNING', 'PROBATION_OFFICER/SUPERVISION']);
    const supervision = Object.fromEntries(impact.audiences[1].subjects.map((s: any) => [s.subject, s]));
    expect(Object.keys(supervision)).toEqual(['Prisoner', 'RiskFlag', 'RiskAssessment', 'Classification', 'ReleasePlan', 'Intervention']);

    // Prisoners: identity now for releases within 365 days, not 180.
    const within = (column: string, days: number) => `${column} BETWEEN '${day(0)}' AND '${day(days)}'`;
    const prisoners180 = await count(`prisoner WHERE owner_agency_code = 'PRISONS' AND tlp IN ${SHAREABLE} AND ${within('expected_release_date', 180)}`);
    const prisoners365 = await count(`prisoner WHERE owner_agency_code = 'PRISONS' AND tlp IN ${SHAREABLE} AND ${within('expected_release_date', 365)}`);
    expect(prisoners365).toBeGreaterThan(prisoners180);
    expect(supervision.Prisoner).toMatchObject({
      rowsBefore: prisoners180, rowsAfter: prisoners365, rowsGained: prisoners365 - prisoners180, rowsLost: 0, fieldsGained: [], fieldsLost: [],
    });
    const gainedPrisoners = await ids(`SELECT id FROM prisoner WHERE owner_agency_code = 'PRISONS' AND tlp IN ${SHAREABLE}
      AND expected_release_date > '${day(180)}' AND expected_release_date <= '${day(365)}'`);
    expect(supervision.Prisoner.sampleGainedIds).toHaveLength(Math.min(5, gainedPrisoners.length));
    for (const id of supervision.Prisoner.sampleGainedIds) expect(gainedPrisoners).toContain(id);
    expect(supervision.Prisoner.sampleLostIds).toEqual([]);
    // Every identity field becomes readable on exactly the gained rows.
    expect(supervision.Prisoner.fieldChanges).toContainEqual({ field: 'fullName', rowsGained: prisoners365 - prisoners180, rowsLost: 0 });
    expect(supervision.Prisoner.fieldChanges.map((c: any) => c.field)).not.toContain('religion');

    // Release plans: the same rows, without the address.
    const plans = await count(`release_plan WHERE owner_agency_code = 'PRISONS' AND tlp IN ${SHAREABLE} AND ${within('expected_release_date', 180)}`);
    expect(plans).toBeGreaterThan(0);
    expect(supervision.ReleasePlan).toMatchObject({
      rowsBefore: plans, rowsAfter: plans, rowsGained: 0, rowsLost: 0, fieldsGained: [], fieldsLost: ['releaseAddress'],
      fieldChanges: [{ field: 'releaseAddress', rowsGained: 0, rowsLost: plans }],
    });

    // Interventions: all lost.
    const interventions = await count(`intervention i JOIN prisoner p ON p.id = i.prisoner_id
      WHERE i.owner_agency_code = 'PRISONS' AND i.tlp IN ${SHAREABLE} AND ${within('p.expected_release_date', 180)}`);
    expect(interventions).toBeGreaterThan(0);
    expect(supervision.Intervention).toMatchObject({
      rowsBefore: interventions, rowsAfter: 0, rowsGained: 0, rowsLost: interventions,
      fieldsGained: [], fieldsLost: ['id', 'programme', 'kind', 'status', 'startedOn', 'endedOn'],
    });
    const lostInterventions = await ids(`SELECT i.id FROM intervention i JOIN prisoner p ON p.id = i.prisoner_id
      WHERE i.owner_agency_code = 'PRISONS' AND i.tlp IN ${SHAREABLE} AND ${within('p.expected_release_date', 180)}`);
    for (const id of supervision.Intervention.sampleLostIds) expect(lostInterventions).toContain(id);

    // Classifications: new, for SUPERVISION only.
    const classifications = await count(`classification c JOIN prisoner p ON p.id = c.prisoner_id
      WHERE c.owner_agency_code = 'PRISONS' AND c.tlp IN ${SHAREABLE} AND ${within('p.expected_release_date', 180)}`);
    expect(classifications).toBeGreaterThan(0);
    expect(supervision.Classification).toMatchObject({
      rowsBefore: 0, rowsAfter: classifications, rowsGained: classifications, rowsLost: 0, fieldsGained: ['id', 'securityCategory'], fieldsLost: [],
      fieldChanges: [{ field: 'securityCategory', rowsGained: classifications, rowsLost: 0 }],
    });
    const planning = Object.fromEntries(impact.audiences[0].subjects.map((s: any) => [s.subject, s]));
    expect(planning.Classification).toMatchObject({ rowsBefore: 0, rowsAfter: 0, rowsGained: 0 });

    // Unchanged clauses change nothing.
    for (const subject of ['RiskFlag', 'RiskAssessment']) {
      expect(supervision[subject]).toMatchObject({ rowsGained: 0, rowsLost: 0, fieldsGained: [], fieldsLost: [], fieldChanges: [] });
      expect(supervision[subject].rowsBefore).toBe(supervision[subject].rowsAfter);
    }
    const flags = await count(`risk_flag f JOIN prisoner p ON p.id = f.prisoner_id WHERE f.owner_agency_code = 'PRISONS'
      AND f.status = 'ACTIVE' AND f.tlp IN ${SHAREABLE} AND ${within('p.expected_release_date', 180)}`);
    expect(supervision.RiskFlag.rowsBefore).toBe(flags);

    // The preview is in the admin log, with the counts but no record ids.
    const log = (await api.events(demoTokens.mouAdmin('PROBATION'), { mouId: amendment.id, actions: ['PREVIEW_IMPACT'] })).body.data.mouAdminEvents;
    expect(log.edges[0].node.after.audiences[1].subjects).toContainEqual(expect.objectContaining({ subject: 'Intervention', rowsLost: interventions }));
    expect(JSON.stringify(log.edges[0].node.after)).not.toContain(supervision.Intervention.sampleLostIds[0]);
  });

  it('shows the recipient the counts but not which records', async () => {
    const res = await preview(demoTokens.mouAdmin('PROBATION'), amendment.id);
    const impact = res.body.data.mouImpact;
    expect(impact.sampleIdsDisclosed).toBe(false);
    for (const audience of impact.audiences) {
      for (const subject of audience.subjects) {
        expect(subject.sampleGainedIds).toBeNull();
        expect(subject.sampleLostIds).toBeNull();
      }
    }
    const auditor = (await preview(demoTokens.auditor(), amendment.id)).body.data.mouImpact;
    expect(auditor.sampleIdsDisclosed).toBe(true);
  });

  it('previews a new MoU against nothing', async () => {
    const draft = ok(await api.create(demoTokens.mouAdmin('PRISONS'), draftInput()));
    const impact = (await preview(demoTokens.mouAdmin('POLICE'), draft.id)).body.data.mouImpact;
    expect(impact.replacesVersion).toBeNull();
    expect(impact.audiences.map((a: any) => `${a.role}/${a.purpose}`)).toEqual(['ANALYST/COUNTER_TERRORISM']);
    const classifications = await count(`classification c JOIN prisoner p ON p.id = c.prisoner_id WHERE c.owner_agency_code = 'PRISONS'
      AND c.tlp IN ${SHAREABLE} AND p.vep_status IN ('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP')`);
    expect(impact.audiences[0].subjects).toEqual([expect.objectContaining({
      subject: 'Classification', rowsBefore: 0, rowsAfter: classifications, rowsGained: classifications, rowsLost: 0,
    })]);
  });

  it('is for the parties\' MOU_ADMINs and the inspectorate, and for versions not yet in force', async () => {
    refused(await preview(demoTokens.probationOfficer(), amendment.id), 'FORBIDDEN', 'MOU_ADMIN_REQUIRED');
    refused(await preview(demoTokens.mouAdmin('POLICE'), amendment.id), 'NOT_FOUND');
    const active = await demoMouId(db.sql, 'MOU-PRISONS-PROBATION-01');
    refused(await preview(demoTokens.mouAdmin('PRISONS'), active), 'BAD_USER_INPUT', 'IMPACT_PREVIEW_STATUS');
  });
});
