import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoPrisoner, mutate, RECEIPT, writerTokens } from '../support/publishing-api.js';

/**
 * Owner writes of risk flags (issue 12, items 2–4, 6, 7), through real HTTP on real
 * PostgreSQL: the owner's staff raise, change, correct and withdraw; recipients see the
 * current state only; every change keeps a revision, a feed event and a disclosure-log entry.
 */

let db: TestDatabase;
let gateway: TestGateway;
let vep: { id: string; externalId: string };

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  vep = await demoPrisoner(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const RAISE = `mutation($input: RiskFlagInput!) { raiseRiskFlag(input: $input) { ${RECEIPT} } }`;
const UPDATE = `mutation($id: ID!, $revision: Int!, $patch: RiskFlagPatch!, $correction: Boolean, $reason: String) {
  updateRiskFlag(id: $id, revision: $revision, patch: $patch, correction: $correction, reason: $reason) { ${RECEIPT} } }`;
const WITHDRAW = `mutation($id: ID!, $revision: Int!, $reason: String!) { withdrawRecord(subject: RiskFlag, id: $id, revision: $revision, reason: $reason) { ${RECEIPT} } }`;
const HISTORY = `query($id: ID!) { recordHistory(subject: RiskFlag, id: $id) {
  externalId revision withdrawn withdrawalReason revisions { revision change channel userId reason changes { field before after withheld } } } }`;

const analystFlagsOf = async (prisonerId: string): Promise<{ id: string; severity: string; summary: string }[]> => {
  const res = await gateway.graphql<any>(`query($p: ID!) { riskFlags(filter: { prisonerId: $p }, first: 100) { edges { node { id severity summary } } } }`, {
    token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { p: prisonerId },
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.riskFlags.edges.map((e: { node: unknown }) => e.node);
};

const raise = (token: string, input: Record<string, unknown>) => gateway.graphql<any>(RAISE, { token, variables: { input } });

describe('a security officer raises a HIGH flag on a VEP', () => {
  let flag: { id: string; revision: number; externalId: string };

  it('the police analyst sees it at once, with the caller as owner', async () => {
    const receipt = await mutate(gateway, writerTokens.securityOfficer(), RAISE, { input: {
      prisonerExternalId: vep.externalId, category: 'RADICALISATION_INFLUENCE', severity: 'HIGH', basis: 'GRADED_INTELLIGENCE',
      summary: 'Leads group prayer sessions used for recruitment', reviewDate: '2030-01-31', externalId: 'NOMIS-RF-1',
    } });
    expect(receipt).toMatchObject({ subject: 'RiskFlag', externalId: 'NOMIS-RF-1', revision: 1, outcome: 'CREATED' });
    expect(receipt.changedFields).toEqual(expect.arrayContaining(['category', 'severity', 'summary', 'status', 'raisedAt']));
    flag = receipt;
    const seen = await analystFlagsOf(vep.id);
    expect(seen).toContainEqual({ id: flag.id, severity: 'HIGH', summary: 'Leads group prayer sessions used for recruitment' });
    const [row] = await db.sql(`SELECT owner_agency_code, status, tlp, onward_disclosure FROM risk_flag WHERE id = $1`, [flag.id]);
    expect(row).toEqual({ owner_agency_code: 'PRISONS', status: 'ACTIVE', tlp: 'AMBER', onward_disclosure: 'NONE' });
  });

  it('an update quoting a stale revision is a CONFLICT naming the current revision, and changes nothing', async () => {
    await mutate(gateway, writerTokens.securityOfficer(), UPDATE, { id: flag.id, revision: 1, patch: { severity: 'VERY_HIGH' } });
    const stale = await gateway.graphql<any>(UPDATE, { token: writerTokens.caseManager(), variables: { id: flag.id, revision: 1, patch: { summary: 'overwritten' } } });
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentRevision: 2 });
    const [row] = await db.sql(`SELECT revision, severity, summary FROM risk_flag WHERE id = $1`, [flag.id]);
    expect(row).toEqual({ revision: 2, severity: 'VERY_HIGH', summary: 'Leads group prayer sessions used for recruitment' });
    expect(await db.sql(`SELECT revision FROM record_revision WHERE record_id = $1 ORDER BY revision`, [flag.id])).toEqual([{ revision: 1 }, { revision: 2 }]);
  });

  it('a correction needs a reason and is kept apart from a routine update in the history', async () => {
    const noReason = await gateway.graphql<any>(UPDATE, { token: writerTokens.securityOfficer(), variables: { id: flag.id, revision: 2, patch: { severity: 'HIGH' }, correction: true } });
    expect(noReason.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'INVALID_RECORD', problems: [{ path: 'reason' }] });
    const corrected = await mutate(gateway, writerTokens.securityOfficer(), UPDATE, {
      id: flag.id, revision: 2, patch: { severity: 'HIGH' }, correction: true, reason: 'VERY_HIGH was keyed in error',
    });
    expect(corrected).toMatchObject({ revision: 3, outcome: 'CORRECTED', changedFields: ['severity'] });
    const history = await mutate(gateway, writerTokens.securityOfficer(), HISTORY, { id: flag.id });
    expect(history.revisions.map((r: { change: string }) => r.change)).toEqual(['CREATE', 'UPDATE', 'CORRECTION']);
    expect(history.revisions[2]).toMatchObject({
      channel: 'API', userId: 'so-7', reason: 'VERY_HIGH was keyed in error',
      changes: [{ field: 'severity', before: 'VERY_HIGH', after: 'HIGH', withheld: false }],
    });
    expect(history.revisions[1]).toMatchObject({ change: 'UPDATE', reason: null, changes: [{ field: 'severity', before: 'HIGH', after: 'VERY_HIGH' }] });
  });

  it('recipients see the current state only: the history is refused to the police, and to the owner\'s read-only staff like a missing record; auditors see who and what, not values', async () => {
    const police = await gateway.graphql<any>(HISTORY, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { id: flag.id } });
    expect(police.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'HISTORY_AUDIENCE' });
    expect(police.body.data?.recordHistory ?? null).toBeNull();
    // Health staff write (self-harm flags) but do not keep this flag: answered as if it did not exist.
    const health = await gateway.graphql<any>(HISTORY, { token: writerTokens.healthStaff(), variables: { id: flag.id } });
    expect(health.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const audit = await mutate(gateway, demoTokens.auditor(), HISTORY, { id: flag.id });
    expect(audit.revisions).toHaveLength(3);
    expect(audit.revisions[2].changes).toEqual([{ field: 'severity', before: null, after: null, withheld: true }]);
  });

  it('withdrawal hides it from every recipient and from the owner\'s ordinary reads; its keepers and auditors keep the tombstone', async () => {
    const withdrawn = await mutate(gateway, writerTokens.securityOfficer(), WITHDRAW, { id: flag.id, revision: 3, reason: 'Raised in error: wrong prisoner' });
    expect(withdrawn).toMatchObject({ outcome: 'WITHDRAWN', revision: 4 });
    expect((await analystFlagsOf(vep.id)).map((f) => f.id)).not.toContain(flag.id);
    for (const token of [writerTokens.securityOfficer(), writerTokens.caseManager()]) {
      const own = await gateway.graphql<any>(`query($p: ID!) { riskFlags(filter: { prisonerId: $p }, first: 100) { edges { node { id } } } prisoner(id: $p) { riskFlags { id } } }`, { token, variables: { p: vep.id } });
      expect(own.body.errors).toBeUndefined();
      expect(own.body.data.riskFlags.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(flag.id);
      expect(own.body.data.prisoner.riskFlags.map((f: { id: string }) => f.id)).not.toContain(flag.id);
    }
    const tombstone = await mutate(gateway, writerTokens.caseManager(), HISTORY, { id: flag.id });
    expect(tombstone).toMatchObject({ withdrawn: true, withdrawalReason: 'Raised in error: wrong prisoner', revision: 4 });
    expect(tombstone.revisions.at(-1)).toMatchObject({ change: 'WITHDRAWAL', reason: 'Raised in error: wrong prisoner', changes: [] });
    const again = await gateway.graphql<any>(WITHDRAW, { token: writerTokens.securityOfficer(), variables: { id: flag.id, revision: 4, reason: 'twice' } });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('every change is one feed event and one disclosure-log entry; the entries about the record stay; the chain verifies', async () => {
    const events = await db.sql(`SELECT change, fields, revision FROM change_event WHERE record_id = $1 ORDER BY position`, [flag.id]);
    expect(events.map((e) => [e.change, e.revision])).toEqual([['CREATE', 1], ['UPDATE', 2], ['CORRECTION', 3], ['WITHDRAWAL', 4]]);
    expect(events[1]!.fields).toEqual(['severity']);
    const entries = await db.sql<{ kind: string; entry: string }>(`SELECT kind, entry FROM disclosure_log WHERE $1 = ANY(subject_ids) ORDER BY seq`, [flag.id]);
    const kinds = entries.map((e) => e.kind);
    expect(kinds.filter((k) => ['COLLECTION', 'ALTERATION', 'ERASURE'].includes(k))).toEqual(['COLLECTION', 'ALTERATION', 'ALTERATION', 'ERASURE']);
    expect(kinds).toContain('DISCLOSURE'); // the analyst's read, before the withdrawal: kept
    const erasure = JSON.parse(entries.find((e) => e.kind === 'ERASURE')!.entry);
    expect(erasure).toMatchObject({ userId: 'so-7', agencyCode: 'PRISONS', write: { channel: 'API' }, records: [{ subject: 'RiskFlag', ownerAgencyCode: 'PRISONS', ids: [[flag.id, vep.id]] }] });
    const report = await gateway.disclosureLog.verify();
    expect(report.problem).toBeNull();
    expect(report.intact).toBe(true);
    expect(report.entries).toBeGreaterThanOrEqual(entries.length);
  });
});

describe('who may write', () => {
  it('the police cannot write a PRISONS record, nor name an owner', async () => {
    const raised = await raise(demoTokens.policeAnalyst(), { prisonerId: vep.id, category: 'VIOLENCE', severity: 'LOW' });
    expect(raised.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [{ id } = { id: '' }] = await db.sql<{ id: string }>(`SELECT id FROM risk_flag WHERE owner_agency_code = 'PRISONS' AND withdrawn_at IS NULL LIMIT 1`);
    const changed = await gateway.graphql<any>(UPDATE, { token: demoTokens.policeAnalyst(), variables: { id, revision: 1, patch: { severity: 'LOW' } } });
    expect(changed.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const owner = await raise(writerTokens.securityOfficer(), { prisonerId: vep.id, category: 'VIOLENCE', severity: 'LOW', ownerAgencyCode: 'POLICE' });
    expect(owner.status).toBe(400);
    expect(owner.body.errors?.[0]?.message).toMatch(/ownerAgencyCode/);
    expect(await db.sql(`SELECT 1 FROM risk_flag WHERE owner_agency_code <> 'PRISONS' OR (category = 'VIOLENCE' AND severity = 'LOW' AND prisoner_id = $1 AND created_at > now() - interval '1 minute')`, [vep.id])).toEqual([]);
  });

  it('health staff raise self-harm flags only', async () => {
    const selfHarm = await raise(writerTokens.healthStaff(), { prisonerId: vep.id, category: 'SELF_HARM', severity: 'MODERATE' });
    expect(selfHarm.body.data?.raiseRiskFlag?.outcome).toBe('CREATED');
    const violence = await raise(writerTokens.healthStaff(), { prisonerId: vep.id, category: 'VIOLENCE', severity: 'MODERATE' });
    expect(violence.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const moved = await gateway.graphql<any>(UPDATE, { token: writerTokens.healthStaff(), variables: { id: selfHarm.body.data.raiseRiskFlag.id, revision: 1, patch: { category: 'VIOLENCE' } } });
    expect(moved.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a prisoner of another agency, or none, cannot be named: the same answer', async () => {
    const [{ id: policeOwned } = { id: '00000000-0000-4000-8000-000000000000' }] = await db.sql<{ id: string }>(`SELECT id FROM prisoner WHERE owner_agency_code <> 'PRISONS' LIMIT 1`);
    for (const prisonerId of [policeOwned, '00000000-0000-4000-8000-000000000001']) {
      const res = await raise(writerTokens.securityOfficer(), { prisonerId, category: 'ESCAPE', severity: 'LOW' });
      expect(res.body.errors?.[0]?.extensions?.problems).toEqual([{ path: 'prisonerId', message: `no prisoner of PRISONS has id "${prisonerId}"` }]);
    }
  });
});

describe('history of what is not there', () => {
  it('a missing record answers NOT_FOUND for every kind, never an internal error', async () => {
    for (const subject of ['Prisoner', 'RiskFlag', 'RiskAssessment', 'Classification', 'ReleasePlan', 'Intervention', 'IntelligenceReport']) {
      const res = await gateway.graphql<any>(`{ recordHistory(id: "00000000-0000-1000-8000-000000000000", subject: ${subject}) { revision } }`, { token: demoTokens.auditor(), purpose: 'OVERSIGHT' });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });
});

describe('validation', () => {
  it('returns every problem at once as INVALID_RECORD, and writes nothing', async () => {
    const before = await db.sql(`SELECT count(*)::int AS n FROM risk_flag`);
    const res = await raise(writerTokens.securityOfficer(), {
      prisonerExternalId: 'NO-SUCH-PRISONER', category: 'ESCAPE', summary: '   ', raisedAt: '2026-03-01T00:00:00Z', reviewDate: '2026-02-01',
    });
    const extensions = res.body.errors?.[0]?.extensions;
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'INVALID_RECORD' });
    expect((extensions!.problems as { path: string }[]).map((p) => p.path).sort()).toEqual(['prisonerExternalId', 'reviewDate', 'severity', 'summary']);
    expect(res.body.errors![0]!.message).toMatch(/^Refused \(INVALID_RECORD\): RiskFlag: 4 problems: /);
    expect(await db.sql(`SELECT count(*)::int AS n FROM risk_flag`)).toEqual(before);
  });
});

describe('upsert by external id', () => {
  const UPSERT = `mutation($records: [RiskFlagInput!]!) { upsertRiskFlags(records: $records) {
    created updated unchanged rejected records { index externalId outcome id revision problems { path message } } } }`;
  const batch = () => [
    { externalId: 'SYNC-1', prisonerExternalId: vep.externalId, category: 'ESCAPE', severity: 'MODERATE', raisedAt: '2026-01-05T10:00:00.000Z' },
    { externalId: 'SYNC-2', prisonerExternalId: vep.externalId, category: 'VIOLENCE', severity: 'LOW', raisedAt: '2026-01-06T10:00:00.000Z' },
    { externalId: 'SYNC-3', prisonerExternalId: vep.externalId, category: 'VIOLENCE', severity: 'EXTREME' },
  ];

  it('commits the good records, reports the bad one with its problems, and changes nothing when sent again', async () => {
    const first = await gateway.graphql<any>(UPSERT, { token: writerTokens.securityOfficer(), variables: { records: batch().slice(0, 2).concat([{ ...batch()[2]!, severity: null } as never]) } });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.upsertRiskFlags).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(first.body.data.upsertRiskFlags.records[2]).toMatchObject({ index: 2, externalId: 'SYNC-3', outcome: 'REJECTED', problems: [{ path: 'severity' }] });
    const revisions = await db.sql(`SELECT count(*)::int AS n FROM record_revision`);
    const events = await db.sql(`SELECT count(*)::int AS n FROM change_event`);

    const again = await mutate(gateway, writerTokens.securityOfficer(), UPSERT, { records: batch().slice(0, 2) });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(await db.sql(`SELECT count(*)::int AS n FROM record_revision`)).toEqual(revisions);
    expect(await db.sql(`SELECT count(*)::int AS n FROM change_event`)).toEqual(events);

    const changed = await mutate(gateway, writerTokens.securityOfficer(), UPSERT, { records: [{ ...batch()[1], severity: 'HIGH' }] });
    expect(changed.records[0]).toMatchObject({ outcome: 'UPDATED', revision: 2 });
  });

  it('changedSince: a recipient fetches only the flags that changed since it last looked', async () => {
    const since = new Date(Date.now() - 1).toISOString();
    const changed = await mutate(gateway, writerTokens.securityOfficer(), UPSERT, { records: [{ ...batch()[0], severity: 'VERY_HIGH' }] });
    const res = await gateway.graphql<any>(`query($since: DateTimeISO!) { riskFlags(filter: { changedSince: $since }) { totalCount edges { node { id severity } } } }`, {
      token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { since },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.riskFlags).toEqual({ totalCount: 1, edges: [{ node: { id: changed.records[0].id, severity: 'VERY_HIGH' } }] });
  });

  it('refuses more than 500 records per call', async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ externalId: `X-${i}` }));
    const res = await gateway.graphql<any>(UPSERT, { token: writerTokens.securityOfficer(), variables: { records: many } });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ rule: 'INVALID_RECORD', problems: [{ path: 'records' }] });
  });
});
