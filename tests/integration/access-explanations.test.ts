import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { refused } from '../support/mou-api.js';

/**
 * Access explanations (issue 3, item 5) through HTTP: the deciding clause by its stored id,
 * statutory exclusions, role rules; who may ask, and that an explanation never tells an
 * asker more about a record than the asker's agency could learn by reading it.
 */

let db: TestDatabase;
let gateway: TestGateway;

const VEP = `('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP')`;
const MISSING = '00000000-0000-4000-8000-000000000000';

const EXPLAIN = `query($input: ExplainAccessInput!) { explainAccess(input: $input) {
  agency { code } roles purpose caseReference subject recordId field allowed recordReadable detail summary
  decidedBy { kind role message clause { id label mouReference mouVersion mouId provider { code } } }
  considered { verdict message clause { id label mouReference } }
  readableFields policyRevision evaluatedAt } }`;

const explain = (token: string, input: Record<string, unknown>) =>
  gateway.graphql<any>(EXPLAIN, { token, variables: { input } });
const analystAsks = (recordId: string, extra: Record<string, unknown> = {}) =>
  ({ agency: 'POLICE', roles: ['ANALYST'], purpose: 'COUNTER_TERRORISM', subject: 'Prisoner', recordId, ...extra });

const clauseId = async (reference: string, label: string): Promise<string> =>
  (await db.sql<{ id: string }>(`SELECT c.id FROM mou_clause c JOIN mou m ON m.id = c.mou_id WHERE m.reference = $1 AND c.label = $2`, [reference, label]))[0]!.id;
const oneId = async (sql: string): Promise<string> => {
  const [row] = await db.sql<{ id: string }>(sql);
  expect(row, sql).toBeDefined();
  return row!.id;
};

let vepPrisoner: string;
let otherPrisoner: string;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  vepPrisoner = await oneId(`SELECT id FROM prisoner WHERE vep_status IN ${VEP} AND tlp IN ('CLEAR','GREEN','AMBER') ORDER BY id LIMIT 1`);
  otherPrisoner = await oneId(`SELECT id FROM prisoner WHERE vep_status = 'NONE' AND tlp = 'AMBER' ORDER BY id LIMIT 1`);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('what decided', () => {
  it('names the clause that shares a record, by its stored id', async () => {
    const res = await explain(demoTokens.auditor(), analystAsks(vepPrisoner));
    expect(res.body.errors).toBeUndefined();
    const e = res.body.data.explainAccess;
    const id = await clauseId('MOU-PRISONS-POLICE-01', 'VEP identity and custody');
    expect(e).toMatchObject({ allowed: true, recordReadable: true, detail: 'FULL', agency: { code: 'POLICE' }, caseReference: true });
    expect(e.decidedBy).toEqual([{
      kind: 'CLAUSE', role: null, message: expect.stringContaining('VEP identity and custody'),
      clause: { id, label: 'VEP identity and custody', mouReference: 'MOU-PRISONS-POLICE-01', mouVersion: 1, mouId: expect.any(String), provider: { code: 'PRISONS' } },
    }]);
    expect(e.considered).toEqual([{ verdict: 'GRANTS', message: 'the clause grants the record', clause: expect.objectContaining({ id }) }]);
    expect(e.readableFields).toContain('fullName');
    expect(e.readableFields).not.toContain('religion');
    expect(e.summary).toMatch(/^ALLOWED: POLICE \(ANALYST, purpose COUNTER_TERRORISM\) may read this Prisoner record: granted by clause "VEP identity and custody"/);
    // No value of the record in the explanation.
    const [row] = await db.sql<{ full_name: string }>('SELECT full_name FROM prisoner WHERE id = $1', [vepPrisoner]);
    expect(JSON.stringify(res.body)).not.toContain(row!.full_name);
  });

  it('names the statutory exclusion that withholds a field, and the clause that does not grant one', async () => {
    const religion = (await explain(demoTokens.auditor(), analystAsks(vepPrisoner, { field: 'religion' }))).body.data.explainAccess;
    expect(religion).toMatchObject({ allowed: false, recordReadable: true, field: 'religion' });
    expect(religion.decidedBy).toEqual([{ kind: 'STATUTORY_EXCLUSION', role: null, clause: null, message: 'religion is a statutory exclusion: it never leaves PRISONS' }]);

    const assessment = await oneId(`SELECT a.id FROM risk_assessment a JOIN prisoner p ON p.id = a.prisoner_id
      WHERE p.vep_status IN ${VEP} AND a.tlp IN ('CLEAR','GREEN','AMBER') LIMIT 1`);
    const narrative = (await explain(demoTokens.auditor(), analystAsks(assessment, { subject: 'RiskAssessment', field: 'narrative' }))).body.data.explainAccess;
    expect(narrative.allowed).toBe(false);
    expect(narrative.decidedBy.map((r: any) => r.kind)).toEqual(['NO_GRANT']);
    expect(narrative.considered).toEqual([expect.objectContaining({
      verdict: 'FIELD_NOT_GRANTED', clause: expect.objectContaining({ label: 'Risk assessment headline of VEPs' }),
    })]);
    const level = (await explain(demoTokens.auditor(), analystAsks(assessment, { subject: 'RiskAssessment', field: 'overallLevel' }))).body.data.explainAccess;
    expect(level.decidedBy).toEqual([expect.objectContaining({ kind: 'CLAUSE', clause: expect.objectContaining({ label: 'Risk assessment headline of VEPs' }) })]);
  });

  it('says why a clause does not cover a record: conditions, TLP, purpose, role, case reference', async () => {
    const prisonsAdmin = demoTokens.mouAdmin('PRISONS');
    const conditions = (await explain(prisonsAdmin, analystAsks(otherPrisoner))).body.data.explainAccess;
    expect(conditions).toMatchObject({ allowed: false, recordReadable: false, detail: 'FULL' });
    expect(conditions.decidedBy).toEqual([expect.objectContaining({ kind: 'NO_GRANT' })]);
    expect(conditions.considered).toEqual([expect.objectContaining({ verdict: 'CONDITIONS_NOT_MET', clause: expect.objectContaining({ label: 'VEP identity and custody' }) })]);

    const redFlag = await oneId(`SELECT f.id FROM risk_flag f JOIN prisoner p ON p.id = f.prisoner_id
      WHERE f.status = 'ACTIVE' AND f.tlp = 'RED' AND p.vep_status IN ${VEP} LIMIT 1`);
    const tlp = (await explain(prisonsAdmin, analystAsks(redFlag, { subject: 'RiskFlag' }))).body.data.explainAccess;
    expect(tlp.considered).toEqual([expect.objectContaining({ verdict: 'TLP_ABOVE_MAXIMUM', message: expect.stringContaining('above the clause\'s maximum AMBER') })]);

    const noPurpose = (await explain(prisonsAdmin, analystAsks(vepPrisoner, { purpose: null }))).body.data.explainAccess;
    expect(noPurpose.decidedBy).toEqual([expect.objectContaining({ kind: 'PURPOSE_REQUIRED' })]);
    expect(noPurpose.considered.map((v: any) => v.verdict)).toEqual(['PURPOSE_REQUIRED']);
    const wrongPurpose = (await explain(prisonsAdmin, analystAsks(vepPrisoner, { purpose: 'SUPERVISION' }))).body.data.explainAccess;
    expect(wrongPurpose.considered.map((v: any) => v.verdict)).toEqual(['PURPOSE_NOT_NAMED']);
    const wrongRole = (await explain(prisonsAdmin, analystAsks(vepPrisoner, { roles: ['MOU_ADMIN'] }))).body.data.explainAccess;
    expect(wrongRole.considered.map((v: any) => v.verdict)).toEqual(['ROLE_NOT_NAMED']);

    const dueSoon = await oneId(`SELECT id FROM prisoner WHERE tlp IN ('CLEAR','GREEN','AMBER')
      AND expected_release_date BETWEEN current_date + 1 AND current_date + 170 LIMIT 1`);
    const probation = { agency: 'PROBATION', roles: ['PROBATION_OFFICER'], purpose: 'SUPERVISION', subject: 'Prisoner', recordId: dueSoon };
    const noCase = (await explain(prisonsAdmin, { ...probation, caseReference: false })).body.data.explainAccess;
    expect(noCase.decidedBy).toEqual([expect.objectContaining({ kind: 'CASE_REFERENCE_REQUIRED' })]);
    const withCase = (await explain(prisonsAdmin, probation)).body.data.explainAccess;
    expect(withCase.decidedBy).toEqual([expect.objectContaining({ kind: 'CLAUSE', clause: expect.objectContaining({ label: 'Identity of prisoners due for release within 180 days' }) })]);
  });

  it('names the role rule for an agency\'s own records', async () => {
    const prisonsAdmin = demoTokens.mouAdmin('PRISONS');
    const own = (roles: string[]) => ({ agency: 'PRISONS', roles, purpose: null, subject: 'Prisoner', recordId: otherPrisoner, field: 'healthNotes' });
    const health = (await explain(prisonsAdmin, own(['HEALTH_STAFF']))).body.data.explainAccess;
    expect(health).toMatchObject({ allowed: true, considered: [] });
    expect(health.decidedBy).toEqual([expect.objectContaining({ kind: 'ROLE', role: 'HEALTH_STAFF', clause: null })]);
    const caseManager = (await explain(prisonsAdmin, own(['CASE_MANAGER']))).body.data.explainAccess;
    expect(caseManager).toMatchObject({ allowed: false, recordReadable: true });
    expect(caseManager.decidedBy).toEqual([expect.objectContaining({ kind: 'NO_GRANT', message: 'no clause or role rule that covers this record grants healthNotes' })]);
  });

  it('agrees with what the analyst actually gets, record by record', async () => {
    const sample = await db.sql<{ id: string }>(`SELECT id FROM prisoner ORDER BY id LIMIT 25`);
    for (const { id } of sample) {
      const explanation = (await explain(demoTokens.auditor(), analystAsks(id))).body.data.explainAccess;
      const actual = await gateway.graphql<any>('query($id: ID!) { prisoner(id: $id) { id } }', {
        token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { id },
      });
      expect(explanation.allowed, id).toBe(actual.body.data.prisoner !== null);
    }
  });
});

describe('who may ask, and what they learn', () => {
  it('gives the asked-about agency\'s admins only what its staff could learn: nothing about a record they cannot read', async () => {
    const policeAdmin = demoTokens.mouAdmin('POLICE');
    const visible = (await explain(policeAdmin, analystAsks(vepPrisoner))).body.data.explainAccess;
    expect(visible).toMatchObject({ allowed: true, detail: 'FULL' });

    const hidden = (await explain(policeAdmin, analystAsks(otherPrisoner))).body.data.explainAccess;
    const absent = (await explain(policeAdmin, analystAsks(MISSING))).body.data.explainAccess;
    expect(hidden).toMatchObject({ allowed: false, detail: 'LIMITED', readableFields: [] });
    expect(hidden.considered).toEqual([expect.objectContaining({ verdict: 'NOT_DISCLOSED', clause: expect.objectContaining({ label: 'VEP identity and custody' }) })]);
    const strip = ({ recordId: _id, evaluatedAt: _at, ...rest }: any) => rest;
    expect(strip(hidden)).toEqual(strip(absent));
  });

  it('answers other agencies\' admins as if the record did not exist, and refuses everyone else', async () => {
    const probationAdmin = demoTokens.mouAdmin('PROBATION');
    const other = refused(await explain(probationAdmin, analystAsks(vepPrisoner)), 'NOT_FOUND');
    const missing = refused(await explain(probationAdmin, analystAsks(MISSING)), 'NOT_FOUND');
    expect(other).toEqual(missing);
    refused(await explain(demoTokens.policeAnalyst(), analystAsks(vepPrisoner)), 'FORBIDDEN', 'EXPLANATION_AUDIENCE');
    refused(await explain(demoTokens.auditor(), analystAsks(MISSING)), 'NOT_FOUND');
    const bad = refused(await explain(demoTokens.auditor(), analystAsks(vepPrisoner, { roles: ['HEALTH_STAFF'], field: 'shoeSize' })), 'BAD_USER_INPUT');
    expect(bad.message).toBe('explainAccess: POLICE has no role HEALTH_STAFF; Prisoner has no field "shoeSize"');
  });

  it('logs each explanation for the agencies concerned', async () => {
    const asker = mintDevelopmentToken({ agency: 'POLICE', roles: ['MOU_ADMIN'], userId: 'explainer' });
    await explain(asker, analystAsks(vepPrisoner));
    const events = await gateway.graphql<any>(`{ mouAdminEvents(filter: { actions: [EXPLAIN_ACCESS] }, first: 100) { edges { node { actorUserId request after } } } }`,
      { token: demoTokens.mouAdmin('PRISONS') });
    expect(events.body.data.mouAdminEvents.edges.map((e: any) => e.node)).toContainEqual({
      actorUserId: 'explainer',
      request: expect.objectContaining({ recordId: vepPrisoner, agency: 'POLICE' }),
      after: { allowed: true, detail: 'FULL', decidedBy: [`CLAUSE:${await clauseId('MOU-PRISONS-POLICE-01', 'VEP identity and custody')}`] },
    });
  });
});

describe('the admin log tells the asked-about agency no more than its own explanation would', () => {
  it('shows police admins an auditor\'s or the owner\'s question about a record the police cannot read exactly as one about a record that does not exist: not at all', async () => {
    const auditor = mintDevelopmentToken({ agency: 'INSPECTORATE', roles: ['AUDITOR'], userId: 'auditor-asking' });
    const owner = mintDevelopmentToken({ agency: 'PRISONS', roles: ['MOU_ADMIN'], userId: 'prisons-admin-asking' });
    for (const token of [auditor, owner]) {
      expect((await explain(token, analystAsks(otherPrisoner))).body.data.explainAccess).toMatchObject({ allowed: false, detail: 'FULL' });
      expect((await explain(token, analystAsks(vepPrisoner))).body.data.explainAccess).toMatchObject({ allowed: true, detail: 'FULL' });
    }
    refused(await explain(auditor, analystAsks(MISSING)), 'NOT_FOUND');

    const eventsFor = async (token: string) => (await gateway.graphql<any>(
      `{ mouAdminEvents(filter: { actions: [EXPLAIN_ACCESS] }, first: 100) { edges { node { actorUserId outcome request after } } } }`, { token },
    )).body.data.mouAdminEvents.edges.map((e: any) => e.node)
      .filter((e: any) => ['auditor-asking', 'prisons-admin-asking'].includes(e.actorUserId));
    const about = (events: any[], id: string) => events.filter((e) => e.request.recordId === id);

    const police = await eventsFor(demoTokens.mouAdmin('POLICE'));
    expect(about(police, otherPrisoner)).toEqual(about(police, MISSING));
    expect(about(police, otherPrisoner)).toEqual([]);
    // A record the police analysts can read: the police admins see the questions, and the full answer they would get themselves.
    expect(about(police, vepPrisoner)).toHaveLength(2);
    for (const event of about(police, vepPrisoner)) expect(event.after).toMatchObject({ allowed: true, detail: 'FULL' });

    // The owner and the inspectorate read every question about the owner's record, with its full verdict.
    for (const token of [demoTokens.mouAdmin('PRISONS'), demoTokens.auditor()]) {
      const events = await eventsFor(token);
      expect(about(events, otherPrisoner).map((e) => e.after)).toEqual([
        { allowed: false, detail: 'FULL', decidedBy: ['NO_GRANT'] }, { allowed: false, detail: 'FULL', decidedBy: ['NO_GRANT'] },
      ]);
    }
  });
});

describe('me', () => {
  it('reports each readable field with the clauses or role rules behind it', async () => {
    const query = `{ me { permissions { subject fields { field roles alwaysVisible clauses { label mouReference } } } } }`;
    const analyst = (await gateway.graphql<any>(query, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' })).body.data.me;
    const prisoner = analyst.permissions.find((p: any) => p.subject === 'Prisoner');
    expect(prisoner.fields.find((f: any) => f.field === 'fullName')).toEqual({
      field: 'fullName', roles: ['ANALYST'], alwaysVisible: false, clauses: [{ label: 'VEP identity and custody', mouReference: 'MOU-PRISONS-POLICE-01' }],
    });
    // Religion: on the police's own records by role, never by a clause (a statutory exclusion).
    expect(prisoner.fields.find((f: any) => f.field === 'religion')).toEqual({ field: 'religion', roles: ['ANALYST'], alwaysVisible: false, clauses: [] });
    expect(prisoner.fields.find((f: any) => f.field === 'handling')).toMatchObject({ alwaysVisible: true });

    const security = (await gateway.graphql<any>(query, { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY' })).body.data.me;
    const own = security.permissions.find((p: any) => p.subject === 'Prisoner');
    expect(own.fields.find((f: any) => f.field === 'religion')).toEqual({ field: 'religion', roles: ['SECURITY_OFFICER'], alwaysVisible: false, clauses: [] });
    const intel = security.permissions.find((p: any) => p.subject === 'IntelligenceReport');
    expect(intel.fields.find((f: any) => f.field === 'sourceReference')).toEqual({ field: 'sourceReference', roles: ['SECURITY_OFFICER'], alwaysVisible: false, clauses: [] });
    expect(intel.fields.find((f: any) => f.field === 'sanitisedText').clauses).toEqual([{ label: 'Intelligence reports with handling code P', mouReference: 'MOU-POLICE-PRISONS-01' }]);
  });
});
