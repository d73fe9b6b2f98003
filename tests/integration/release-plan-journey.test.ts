import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { mutate, RECEIPT, writerTokens } from '../support/publishing-api.js';

/**
 * The probation journey of owner writes (issue 12), through real HTTP on real PostgreSQL: a
 * case manager registers a prisoner and sets a release date 90 days ahead, and the probation
 * officer (SUPERVISION, with a case reference) now sees the plan; moved to 400 days ahead, it
 * is gone. Health staff write health notes and nothing else of the prisoner file.
 */

let db: TestDatabase;
let gateway: TestGateway;
let facility: string;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  [{ code: facility } = { code: '' }] = await db.sql<{ code: string }>(`SELECT code FROM facility WHERE owner_agency_code = 'PRISONS' ORDER BY code LIMIT 1`);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const daysAhead = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const REGISTER = `mutation($input: PrisonerInput!) { registerPrisoner(input: $input) { ${RECEIPT} } }`;
const UPDATE_PRISONER = `mutation($id: ID!, $revision: Int!, $patch: PrisonerPatch!) { updatePrisoner(id: $id, revision: $revision, patch: $patch) { ${RECEIPT} } }`;
const CREATE_PLAN = `mutation($input: ReleasePlanInput!) { createReleasePlan(input: $input) { ${RECEIPT} } }`;
const UPDATE_PLAN = `mutation($id: ID!, $revision: Int!, $patch: ReleasePlanPatch!) { updateReleasePlan(id: $id, revision: $revision, patch: $patch) { ${RECEIPT} } }`;

const probationPlans = async (): Promise<{ id: string; expectedReleaseDate: string; releaseAddress: string; licenceConditions: { type: string; details: string | null }[] }[]> => {
  const res = await gateway.graphql<any>(`{ releasePlans(filter: { releaseWithinDays: 180 }, first: 100) { edges { node { id expectedReleaseDate releaseAddress licenceConditions { type details } } } } }`, {
    token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-2026-0107',
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.releasePlans.edges.map((e: { node: unknown }) => e.node);
};

const NAMES = [
  { value: 'Yusuf Haddad', script: 'LATIN', kind: 'PRIMARY' },
  { value: 'يوسف حداد', script: 'ARABIC', kind: 'PRIMARY' },
  { value: 'Youssef Hadad', script: 'LATIN', kind: 'TRANSLITERATION' },
];

describe('a case manager publishes a prisoner and a release plan', () => {
  let prisoner: { id: string; revision: number };
  let plan: { id: string; revision: number };

  it('registers the prisoner with names in two scripts, owned by PRISONS', async () => {
    prisoner = await mutate(gateway, writerTokens.caseManager(), REGISTER, { input: {
      prisonNumber: 'A9001ZZ', fullName: 'Yusuf Haddad', names: NAMES, dateOfBirth: '1990-04-12', gender: 'MALE', nationality: 'GBR',
      facility, custodyStatus: 'SENTENCED', vepStatus: 'TERRORISM_CONNECTED', expectedReleaseDate: daysAhead(90),
    } });
    expect(prisoner).toMatchObject({ subject: 'Prisoner', externalId: 'A9001ZZ', revision: 1, outcome: 'CREATED' });
    const res = await gateway.graphql<any>(`query($id: ID!) { prisoner(id: $id) { prisonNumber fullName names { value script kind } facility { code } ownerAgency { code } } }`, {
      token: writerTokens.caseManager(), variables: { id: prisoner.id },
    });
    expect(res.body.data.prisoner).toMatchObject({ prisonNumber: 'A9001ZZ', facility: { code: facility }, ownerAgency: { code: 'PRISONS' } });
    expect(res.body.data.prisoner.names).toHaveLength(3);
    expect(res.body.data.prisoner.names).toEqual(expect.arrayContaining(NAMES));
    // Name search keys are written with the names: the full name and each variant.
    expect(await db.sql(`SELECT count(*)::int AS n FROM prisoner_name_key WHERE prisoner_id = $1`, [prisoner.id])).toEqual([{ n: 4 }]);
    const history = await mutate(gateway, writerTokens.caseManager(), `query($id: ID!) { recordHistory(subject: Prisoner, id: $id) { revisions { change changes { field after withheld } } } }`, { id: prisoner.id });
    expect(history.revisions).toHaveLength(1);
    expect(history.revisions[0].changes).toContainEqual({ field: 'names', after: expect.arrayContaining(NAMES), withheld: false });
  });

  it('a release plan 90 days ahead reaches the probation officer, licence conditions in order', async () => {
    const before = await probationPlans();
    plan = await mutate(gateway, writerTokens.caseManager(), CREATE_PLAN, { input: {
      prisonerExternalId: 'A9001ZZ', externalId: 'RP-A9001ZZ', expectedReleaseDate: daysAhead(90), releaseType: 'AUTOMATIC',
      releaseAddress: '14 Approved Premises Road', supervisingOffice: 'North East PDU',
      licenceConditions: [{ type: 'NON_CONTACT', details: 'No contact with co-defendants' }, { type: 'CURFEW', details: '19:00–07:00' }, { type: 'DEVICE_DISCLOSURE' }],
    } });
    const after = await probationPlans();
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((p) => p.id === plan.id)).toEqual({
      id: plan.id, expectedReleaseDate: daysAhead(90), releaseAddress: '14 Approved Premises Road',
      licenceConditions: [{ type: 'NON_CONTACT', details: 'No contact with co-defendants' }, { type: 'CURFEW', details: '19:00–07:00' }, { type: 'DEVICE_DISCLOSURE', details: null }],
    });
  });

  it('moved to 400 days ahead, the plan is gone for the probation officer', async () => {
    const moved = await mutate(gateway, writerTokens.caseManager(), UPDATE_PLAN, { id: plan.id, revision: 1, patch: { expectedReleaseDate: daysAhead(400) } });
    expect(moved).toMatchObject({ revision: 2, outcome: 'UPDATED', changedFields: ['expectedReleaseDate'] });
    expect((await probationPlans()).map((p) => p.id)).not.toContain(plan.id);
    const [event] = await db.sql(`SELECT change, fields, prisoner_id FROM change_event WHERE record_id = $1 AND revision = 2`, [plan.id]);
    expect(event).toEqual({ change: 'UPDATE', fields: ['expectedReleaseDate'], prisoner_id: prisoner.id });
  });

  it('sending the same prisoner again changes nothing: names compare as a set', async () => {
    const UPSERT = `mutation($records: [PrisonerInput!]!) { upsertPrisoners(records: $records) { created updated unchanged rejected records { outcome problems { path message } } } }`;
    const same = await mutate(gateway, writerTokens.caseManager(), UPSERT, { records: [{
      externalId: 'A9001ZZ', prisonNumber: 'A9001ZZ', fullName: 'Yusuf Haddad', names: [...NAMES].reverse(), facility, custodyStatus: 'SENTENCED',
    }] });
    expect(same).toMatchObject({ unchanged: 1, updated: 0, rejected: 0 });
    expect(await db.sql(`SELECT count(*)::int AS n FROM record_revision WHERE record_id = $1`, [prisoner.id])).toEqual([{ n: 1 }]);
  });
});

describe('who writes the prisoner file', () => {
  const prisonerOf = async (): Promise<{ id: string; revision: number }> => {
    const [row] = await db.sql<{ id: string; revision: number }>(`SELECT id, revision FROM prisoner WHERE owner_agency_code = 'PRISONS' AND withdrawn_at IS NULL ORDER BY prison_number LIMIT 1`);
    return row!;
  };

  it('health staff write health notes, and nothing else of the file', async () => {
    const p = await prisonerOf();
    const notes = await mutate(gateway, writerTokens.healthStaff(), UPDATE_PRISONER, { id: p.id, revision: p.revision, patch: { healthNotes: 'Type 1 diabetes; insulin twice daily' } });
    expect(notes).toMatchObject({ outcome: 'UPDATED', changedFields: ['healthNotes'] });
    for (const patch of [{ fullName: 'Renamed by health staff' }, { custodyStatus: 'RELEASED' }]) {
      const other = await gateway.graphql<any>(UPDATE_PRISONER, { token: writerTokens.healthStaff(), variables: { id: p.id, revision: notes.revision, patch } });
      expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const plan = await gateway.graphql<any>(CREATE_PLAN, { token: writerTokens.healthStaff(), variables: { input: { prisonerId: p.id, expectedReleaseDate: daysAhead(30), releaseType: 'AUTOMATIC' } } });
    expect(plan.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [row] = await db.sql(`SELECT health_notes, full_name <> 'Renamed by health staff' AS kept, revision FROM prisoner WHERE id = $1`, [p.id]);
    expect(row).toEqual({ health_notes: 'Type 1 diabetes; insulin twice daily', kept: true, revision: notes.revision });
  });

  it('case managers do not write health notes; the police write no prisoner of PRISONS', async () => {
    const p = await prisonerOf();
    const cm = await gateway.graphql<any>(UPDATE_PRISONER, { token: writerTokens.caseManager(), variables: { id: p.id, revision: p.revision, patch: { healthNotes: 'overwritten' } } });
    expect(cm.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const police = await gateway.graphql<any>(UPDATE_PRISONER, { token: demoTokens.policeAnalyst(), variables: { id: p.id, revision: p.revision, patch: { fullName: 'X' } } });
    expect(police.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [row] = await db.sql(`SELECT revision FROM prisoner WHERE id = $1`, [p.id]);
    expect(row).toEqual({ revision: p.revision });
  });

  it('an unknown facility or a taken prison number is refused, naming the problem', async () => {
    const [{ prison_number: taken } = { prison_number: '' }] = await db.sql<{ prison_number: string }>(`SELECT prison_number FROM prisoner WHERE owner_agency_code = 'PRISONS' LIMIT 1`);
    const unknown = await gateway.graphql<any>(REGISTER, { token: writerTokens.caseManager(), variables: { input: { prisonNumber: 'B1000XX', fullName: 'N', custodyStatus: 'REMAND', facility: 'NOWHERE' } } });
    expect(unknown.body.errors?.[0]?.extensions?.problems).toEqual([{ path: 'facility', message: 'no facility of PRISONS has code "NOWHERE"' }]);
    const dup = await gateway.graphql<any>(REGISTER, { token: writerTokens.caseManager(), variables: { input: { prisonNumber: taken, externalId: 'NEW-KEY-1', fullName: 'N', custodyStatus: 'REMAND' } } });
    expect(dup.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(dup.body.errors?.[0]?.message).toMatch(/prisonNumber is already another prisoner's/);
  });
});
