import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { expectTimely, MECHANISM_BOUND_MS, SETUP_LEAD_MS } from '../support/timing.js';
import { demoMouId, draftInput, mouApi, ok, refused, VEP_CLASSIFICATION_CLAUSE } from '../support/mou-api.js';

/**
 * The MoU lifecycle through real HTTP on real PostgreSQL: every transition, every refusal
 * (wrong agency, wrong role, self-approval, the drafter approving, approvals voided by an
 * edit), the effect on what the recipient's staff see, and the admin audit log of it all.
 */

let db: TestDatabase;
let gateway: TestGateway;
let api: ReturnType<typeof mouApi>;

const prisonsAdmin = () => demoTokens.mouAdmin('PRISONS');
const prisonsAdmin2 = () => demoTokens.mouAdmin('PRISONS', 'prisons-admin-2');
const policeAdmin = () => demoTokens.mouAdmin('POLICE');
const probationAdmin = () => demoTokens.mouAdmin('PROBATION');

/** What a police analyst sees for counter-terrorism: flags, assessments and VEP classifications. */
async function policeView(): Promise<{ flags: number; assessments: number; classifications: number; interventions: number }> {
  const res = await gateway.graphql<any>(`{ riskFlags(first: 1) { totalCount } riskAssessments(first: 1) { totalCount }
    prisoners(first: 100) { edges { node { classification { securityCategory } interventions { id } } } } }`,
  { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
  expect(res.body.errors).toBeUndefined();
  const data = res.body.data;
  return {
    flags: data.riskFlags.totalCount,
    assessments: data.riskAssessments.totalCount,
    classifications: data.prisoners.edges.filter((e: any) => e.node.classification !== null).length,
    interventions: data.prisoners.edges.reduce((n: number, e: any) => n + e.node.interventions.length, 0),
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db, { lifecycle: true });
  api = mouApi(gateway);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('drafting, bilateral approval and activation', () => {
  it('takes a new MoU from DRAFT to ACTIVE with one approval from each party, and the recipient sees it at once', async () => {
    expect((await policeView()).classifications).toBe(0);

    const draft = ok(await api.create(prisonsAdmin(), draftInput()));
    expect(draft).toMatchObject({
      reference: 'MOU-PRISONS-POLICE-02', version: 1, status: 'DRAFT', inForce: false,
      provider: { code: 'PRISONS' }, recipient: { code: 'POLICE' }, createdBy: 'prisons-admin-1', authors: ['PRISONS:prisons-admin-1'],
    });
    expect(draft.clauses).toHaveLength(1);
    expect(draft.clauses[0]).toMatchObject({ position: 0, label: 'Classification of VEPs', subject: 'Classification' });

    const pending = ok(await api.submit(prisonsAdmin(), draft.id));
    expect(pending.status).toBe('PENDING_APPROVAL');
    expect(pending.awaitingApprovalFrom.map((a) => a.code)).toEqual(['PRISONS', 'POLICE']);

    // Four eyes: the drafter may not approve.
    refused(await api.approve(prisonsAdmin(), draft.id), 'FORBIDDEN', 'AUTHOR_MAY_NOT_APPROVE');

    const half = ok(await api.approve(prisonsAdmin2(), draft.id));
    expect(half.status).toBe('PENDING_APPROVAL');
    expect(half.awaitingApprovalFrom.map((a) => a.code)).toEqual(['POLICE']);
    refused(await api.approve(prisonsAdmin2(), draft.id), 'BAD_USER_INPUT', 'ALREADY_APPROVED');
    expect((await policeView()).classifications).toBe(0);

    const active = ok(await api.approve(policeAdmin(), draft.id));
    expect(active).toMatchObject({ status: 'ACTIVE', inForce: true, awaitingApprovalFrom: [] });
    expect(active.approvals.map((a) => `${a.agency.code}:${a.userId}`)).toEqual(['PRISONS:prisons-admin-2', 'POLICE:police-admin-1']);

    const [expected] = await db.sql<{ n: string }>(`SELECT count(*) AS n FROM prisoner p JOIN classification c ON c.prisoner_id = p.id
      WHERE p.vep_status IN ('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP') AND p.tlp IN ('CLEAR','GREEN','AMBER')
        AND c.tlp IN ('CLEAR','GREEN','AMBER')`);
    expect(Number(expected!.n)).toBeGreaterThan(0);
    expect((await policeView()).classifications).toBe(Number(expected!.n));

    const log = (await api.events(prisonsAdmin(), { mouId: draft.id })).body.data.mouAdminEvents;
    const actions = [...log.edges].reverse().map((e: any) => `${e.node.action}:${e.node.outcome}`);
    expect(actions).toEqual([
      'CREATE_DRAFT:SUCCEEDED', 'SUBMIT:SUCCEEDED', 'APPROVE:REFUSED', 'APPROVE:SUCCEEDED', 'APPROVE:REFUSED',
      'APPROVE:SUCCEEDED', 'ACTIVATE:SUCCEEDED',
    ]);
    const refusal = log.edges.find((e: any) => e.node.refusal?.rule === 'AUTHOR_MAY_NOT_APPROVE').node;
    expect(refusal).toMatchObject({ actorUserId: 'prisons-admin-1', actorAgency: { code: 'PRISONS' }, actorRoles: ['MOU_ADMIN'], channel: 'GRAPHQL' });
    expect(refusal.decisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(refusal.before.status).toBe('PENDING_APPROVAL');
    const created = log.edges.at(-1).node;
    expect(created.before).toBeNull();
    expect(created.after.clauses[0].label).toBe('Classification of VEPs');
  });

  it('tells people apart by issuer and subject: the same user name at the two parties is two people', async () => {
    const draft = ok(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-DUAL' })));
    ok(await api.submit(prisonsAdmin(), draft.id));
    ok(await api.approve(mintDevelopmentToken({ agency: 'PRISONS', roles: ['MOU_ADMIN'], userId: 'dual-admin' }), draft.id));
    const approved = ok(await api.approve(mintDevelopmentToken({ agency: 'POLICE', roles: ['MOU_ADMIN'], userId: 'dual-admin' }), draft.id));
    expect(approved.status).toBe('ACTIVE');
    const issuers = await db.sql<{ agency_code: string; issuer: string }>('SELECT agency_code, issuer FROM mou_approval WHERE mou_id = $1 ORDER BY agency_code', [draft.id]);
    expect(issuers).toEqual([
      { agency_code: 'POLICE', issuer: 'urn:liaison:dev:POLICE' }, { agency_code: 'PRISONS', issuer: 'urn:liaison:dev:PRISONS' },
    ]);
  });

  it('voids the approvals when the drafter edits after one, and returns the MoU to DRAFT', async () => {
    const draft = ok(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-EDITED' })));
    ok(await api.submit(prisonsAdmin(), draft.id));
    ok(await api.approve(policeAdmin(), draft.id));

    const edited = ok(await api.updateClause(prisonsAdmin(), draft.clauses[0]!.id, { fields: ['id', 'securityCategory'] }));
    expect(edited.status).toBe('DRAFT');
    expect(edited.approvals).toHaveLength(1);
    expect(edited.approvals[0]!.voidedAt).not.toBeNull();
    expect(edited.approvals[0]!.voidReason).toContain('edited by PRISONS:prisons-admin-1 after approval');

    // The recipient's approval was of the old text: approving the edited one needs a new submission.
    refused(await api.approve(prisonsAdmin2(), draft.id), 'BAD_USER_INPUT', 'STATUS');
    ok(await api.submit(prisonsAdmin(), draft.id));
    const half = ok(await api.approve(prisonsAdmin2(), draft.id));
    expect(half.awaitingApprovalFrom.map((a) => a.code)).toEqual(['POLICE']);
    expect(ok(await api.approve(policeAdmin(), draft.id)).status).toBe('ACTIVE');

    const log = (await api.events(policeAdmin(), { mouId: draft.id, actions: ['VOID_APPROVALS'] })).body.data.mouAdminEvents;
    expect(log.totalCount).toBe(1);
    expect(log.edges[0].node.before.approvals).toEqual([expect.objectContaining({ agency: 'POLICE', user: 'police-admin-1' })]);
  });

  it('refuses approval before submission, by the wrong role, and from outside the parties', async () => {
    const draft = ok(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-03' })));
    refused(await api.approve(policeAdmin(), draft.id), 'BAD_USER_INPUT', 'STATUS');
    ok(await api.submit(prisonsAdmin(), draft.id));
    refused(await api.approve(demoTokens.policeAnalyst(), draft.id), 'FORBIDDEN', 'MOU_ADMIN_REQUIRED');
    refused(await api.approve(demoTokens.auditor(), draft.id), 'FORBIDDEN', 'MOU_ADMIN_REQUIRED');
    // Another agency's admin: the MoU does not exist for them — word for word the answer for a random id.
    const outsider = refused(await api.approve(probationAdmin(), draft.id), 'NOT_FOUND');
    const missing = refused(await api.approve(probationAdmin(), '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND');
    expect(outsider).toEqual(missing);
    expect(outsider.extensions.rule).toBeUndefined();
  });
});

describe('who may call MoU administration at all (src/enforcement/operation-access.ts)', () => {
  it('refuses a caller without MOU_ADMIN at the door, whatever the MoU, and records the refusal in the admin log', async () => {
    const id = await demoMouId(db.sql, 'MOU-PRISONS-PROBATION-01');
    // The analyst's agency is no party to this MoU, and the second id does not exist: the same refusal for both.
    const notParty = refused(await api.suspend(demoTokens.policeAnalyst(), id, 'probing'), 'FORBIDDEN', 'MOU_ADMIN_REQUIRED');
    const missing = refused(await api.suspend(demoTokens.policeAnalyst(), '00000000-0000-4000-8000-000000000000', 'probing'), 'FORBIDDEN', 'MOU_ADMIN_REQUIRED');
    expect(notParty.message).toBe(missing.message);
    expect(notParty.message).toBe('Refused (MOU_ADMIN_REQUIRED): suspending an MoU needs the MOU_ADMIN role of a party to the MoU; you hold ANALYST at POLICE');
    const auditorLog = (await api.events(demoTokens.auditor(), { actions: ['SUSPEND'], outcomes: ['REFUSED'] })).body.data.mouAdminEvents;
    expect(auditorLog.edges.map((e: any) => e.node)).toContainEqual(expect.objectContaining({
      action: 'SUSPEND', actorAgency: { code: 'POLICE' }, refusal: expect.objectContaining({ code: 'FORBIDDEN', rule: 'MOU_ADMIN_REQUIRED' }),
    }));
  });
});

describe('who sees an MoU', () => {
  it('pages through the MoU versions like every list: by reference and version, a cursor per edge, the total of all pages', async () => {
    const auditor = demoTokens.auditor();
    const all = (await api.list(auditor)).body.data.mous;
    expect(all.totalCount).toBe(all.edges.length);
    expect(all.edges.length).toBeGreaterThanOrEqual(3);
    const order = all.edges.map((e: any) => `${e.node.reference} ${e.node.version}`);
    expect(order).toEqual([...order].sort());

    const walked: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages <= all.edges.length; pages += 1) {
      const page: any = (await api.list(auditor, {}, { first: 2, after })).body.data.mous;
      expect(page.totalCount).toBe(all.totalCount);
      expect(page.edges.length).toBeLessThanOrEqual(2);
      walked.push(...page.edges.map((e: any) => `${e.node.reference} ${e.node.version}`));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(order);

    const tooLarge = await api.list(auditor, {}, { first: 101 });
    expect(tooLarge.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const forged = await api.list(auditor, {}, { first: 2, after: 'not-a-cursor' });
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows MoUs to the two parties\' staff and the inspectorate only; to anyone else they do not exist', async () => {
    const id = await demoMouId(db.sql, 'MOU-PRISONS-POLICE-01');
    const seen = async (token: string) => (await api.list(token)).body.data.mous.edges.map((e: any) => e.node.reference);
    expect(await seen(demoTokens.policeAnalyst())).toContain('MOU-PRISONS-POLICE-01');
    expect(await seen(demoTokens.policeAnalyst())).not.toContain('MOU-PRISONS-PROBATION-01');
    expect(await seen(probationAdmin())).toEqual(['MOU-PRISONS-PROBATION-01']);
    expect(await seen(demoTokens.auditor())).toEqual(expect.arrayContaining(['MOU-PRISONS-POLICE-01', 'MOU-PRISONS-PROBATION-01', 'MOU-POLICE-PRISONS-01']));

    const byParty = await api.get(demoTokens.prisonSecurityOfficer(), { id });
    expect(ok(byParty).reference).toBe('MOU-PRISONS-POLICE-01');
    const hidden = await api.get(probationAdmin(), { id });
    const absent = await api.get(probationAdmin(), { id: '00000000-0000-4000-8000-000000000000' });
    const byReference = await api.get(probationAdmin(), { reference: 'MOU-PRISONS-POLICE-01' });
    for (const res of [hidden, absent, byReference]) {
      expect(res.body.data).toEqual({ mou: null });
      expect(res.body.errors).toEqual([{
        message: 'MoU not found', path: ['mou'], locations: expect.anything(),
        extensions: { code: 'NOT_FOUND', decisionId: res.headers.get('liaison-decision-id') },
      }]);
    }
  });

  it('lets outsiders\' refused attempts show in the parties\' admin log, but never the other way round', async () => {
    const id = await demoMouId(db.sql, 'MOU-PRISONS-POLICE-01');
    refused(await api.suspend(probationAdmin(), id, 'probing'), 'NOT_FOUND');
    const prisonsLog = (await api.events(prisonsAdmin(), { mouId: id, outcomes: ['REFUSED'] })).body.data.mouAdminEvents;
    expect(prisonsLog.edges.map((e: any) => e.node)).toContainEqual(expect.objectContaining({
      action: 'SUSPEND', actorAgency: { code: 'PROBATION' }, refusal: expect.objectContaining({ code: 'NOT_FOUND', rule: 'NOT_A_PARTY' }),
    }));
    const probationLog = (await api.events(probationAdmin(), { mouId: id })).body.data.mouAdminEvents;
    expect(probationLog.totalCount).toBe(0);
    const auditorLog = (await api.events(demoTokens.auditor(), { mouId: id })).body.data.mouAdminEvents;
    expect(auditorLog.totalCount).toBeGreaterThanOrEqual(prisonsLog.totalCount);
    refused(await api.events(demoTokens.policeAnalyst()), 'FORBIDDEN', 'ADMIN_LOG_AUDIENCE');
  });
});

describe('suspension, resumption and termination', () => {
  it('suspends at once for either party, with a reason, and only the suspending party resumes', async () => {
    const id = await demoMouId(db.sql, 'MOU-PRISONS-POLICE-01');
    const before = await policeView();
    expect(before.flags).toBeGreaterThan(0);

    refused(await api.suspend(demoTokens.policeAnalyst(), id, 'not mine to suspend'), 'FORBIDDEN', 'MOU_ADMIN_REQUIRED');
    refused(await api.suspend(prisonsAdmin(), id, '   '), 'BAD_USER_INPUT', 'REASON_REQUIRED');
    refused(await api.resume(prisonsAdmin(), id), 'BAD_USER_INPUT', 'STATUS');

    const suspended = ok(await api.suspend(prisonsAdmin(), id, 'Suspected breach of onward-disclosure terms'));
    expect(suspended).toMatchObject({ status: 'SUSPENDED', inForce: false, suspendedBy: { code: 'PRISONS' }, statusReason: 'Suspected breach of onward-disclosure terms' });
    expect(await policeView()).toMatchObject({ flags: 0, assessments: 0 });

    refused(await api.suspend(policeAdmin(), id, 'again'), 'BAD_USER_INPUT', 'STATUS');
    refused(await api.resume(policeAdmin(), id), 'FORBIDDEN', 'SUSPENDING_PARTY_RESUMES');
    const resumed = ok(await api.resume(prisonsAdmin(), id, 'Breach investigated; no disclosure occurred'));
    expect(resumed).toMatchObject({ status: 'ACTIVE', inForce: true, suspendedBy: null });
    expect((await policeView()).flags).toBe(before.flags);

    // The recipient may suspend too, and then only the recipient resumes.
    ok(await api.suspend(policeAdmin(), id, 'Our analyst workstation compromised'));
    expect((await policeView()).flags).toBe(0);
    refused(await api.resume(prisonsAdmin(), id), 'FORBIDDEN', 'SUSPENDING_PARTY_RESUMES');
    ok(await api.resume(policeAdmin(), id));
    expect((await policeView()).flags).toBe(before.flags);

    const log = (await api.events(policeAdmin(), { mouId: id, outcomes: ['SUCCEEDED'] })).body.data.mouAdminEvents;
    expect([...log.edges].reverse().map((e: any) => [e.node.action, e.node.actorAgency.code, e.node.reason])).toEqual([
      ['SUSPEND', 'PRISONS', 'Suspected breach of onward-disclosure terms'],
      ['RESUME', 'PRISONS', 'Breach investigated; no disclosure occurred'],
      ['SUSPEND', 'POLICE', 'Our analyst workstation compromised'],
      ['RESUME', 'POLICE', null],
    ]);
    expect(log.edges.at(-1).node.before).toEqual({ status: 'ACTIVE' });
    expect(log.edges.at(-1).node.after).toEqual({ status: 'SUSPENDED' });
  });
});

describe('the lifecycle clock', () => {
  it('activates an approved MoU when validFrom is reached and expires it at validUntil', { timeout: 60_000 }, async () => {
    const start = Date.now();
    const validFrom = new Date(start + SETUP_LEAD_MS);
    const validUntil = new Date(start + SETUP_LEAD_MS + 2_000);
    const draft = ok(await api.create(prisonsAdmin(), draftInput({
      reference: 'MOU-PRISONS-POLICE-TIMED', validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString(),
      clauses: [{
        ...VEP_CLASSIFICATION_CLAUSE, label: 'Interventions of VEPs', subject: 'Intervention', fields: ['id', 'programme', 'status'],
      }],
    })));
    ok(await api.submit(prisonsAdmin(), draft.id));
    ok(await api.approve(prisonsAdmin2(), draft.id));
    const approved = ok(await api.approve(policeAdmin(), draft.id));
    expect(approved.status).toBe('APPROVED');
    expect(Date.now()).toBeLessThan(validFrom.getTime());
    expect((await policeView()).interventions).toBe(0);

    const statusAt = async (status: string, deadline: number): Promise<number> => {
      for (;;) {
        const current = ok(await api.get(policeAdmin(), { id: draft.id }));
        if (current.status === status) return Date.now();
        if (Date.now() > deadline) throw new Error(`still ${current.status}, expected ${status}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const activatedAt = await statusAt('ACTIVE', validFrom.getTime() + MECHANISM_BOUND_MS);
    expectTimely(activatedAt - validFrom.getTime(), 1_500, 'activation after validFrom');
    expect((await policeView()).interventions).toBeGreaterThan(0);

    const expiredAt = await statusAt('EXPIRED', validUntil.getTime() + MECHANISM_BOUND_MS);
    expect(expiredAt).toBeGreaterThanOrEqual(validUntil.getTime());
    expect((await policeView()).interventions).toBe(0);

    const log = (await api.events(policeAdmin(), { mouId: draft.id, actions: ['ACTIVATE', 'EXPIRE'] })).body.data.mouAdminEvents;
    expect([...log.edges].reverse().map((e: any) => [e.node.action, e.node.channel, e.node.actorUserId, e.node.actorAgency])).toEqual([
      ['ACTIVATE', 'SCHEDULER', 'liaison:scheduler', null],
      ['EXPIRE', 'SCHEDULER', 'liaison:scheduler', null],
    ]);
  });
});

describe('amendment', () => {
  it('makes version n+1 a draft copy; when it activates, n is SUPERSEDED and stays readable', async () => {
    const v1 = await demoMouId(db.sql, 'MOU-PRISONS-POLICE-01');
    refused(await api.amend(policeAdmin(), v1), 'FORBIDDEN', 'PROVIDER_ONLY');
    const v2 = ok(await api.amend(prisonsAdmin(), v1));
    expect(v2).toMatchObject({ reference: 'MOU-PRISONS-POLICE-01', version: 2, status: 'DRAFT', authors: ['PRISONS:prisons-admin-1'] });
    expect(v2.clauses.map((c) => c.label)).toEqual(['VEP identity and custody', 'Active risk flags of VEPs', 'Risk assessment headline of VEPs']);
    refused(await api.amend(prisonsAdmin(), v1), 'BAD_USER_INPUT', 'AMENDMENT_IN_PROGRESS');
    refused(await api.addClause(policeAdmin(), v2.id, VEP_CLASSIFICATION_CLAUSE), 'FORBIDDEN', 'PROVIDER_ONLY');

    // Drop the assessment clause; version 1 stays in force meanwhile.
    const edited = ok(await api.removeClause(prisonsAdmin(), v2.clauses[2]!.id));
    expect(edited.clauses.map((c) => [c.position, c.label])).toEqual([[0, 'VEP identity and custody'], [1, 'Active risk flags of VEPs']]);
    const before = await policeView();
    expect(before.assessments).toBeGreaterThan(0);

    ok(await api.submit(prisonsAdmin(), v2.id));
    ok(await api.approve(prisonsAdmin2(), v2.id));
    const active = ok(await api.approve(policeAdmin(), v2.id));
    expect(active.status).toBe('ACTIVE');
    expect(await policeView()).toMatchObject({ flags: before.flags, assessments: 0 });

    const old = ok(await api.get(policeAdmin(), { id: v1 }));
    expect(old).toMatchObject({ version: 1, status: 'SUPERSEDED', inForce: false, statusReason: 'superseded by MOU-PRISONS-POLICE-01 v2' });
    const latest = await api.get(demoTokens.policeAnalyst(), { reference: 'MOU-PRISONS-POLICE-01' });
    expect(ok(latest).version).toBe(2);
    expect(latest.body.data.mou.versions).toEqual([{ version: 1, status: 'SUPERSEDED' }, { version: 2, status: 'ACTIVE' }]);
    refused(await api.amend(prisonsAdmin(), v1), 'BAD_USER_INPUT', 'STATUS');

    const log = (await api.events(demoTokens.auditor(), { reference: 'MOU-PRISONS-POLICE-01', actions: ['AMEND', 'SUPERSEDE', 'ACTIVATE'] })).body.data.mouAdminEvents;
    expect([...log.edges].reverse().map((e: any) => `${e.node.action} v${e.node.mouVersion} ${e.node.outcome}`)).toEqual([
      'AMEND v1 REFUSED', 'AMEND v2 SUCCEEDED', 'AMEND v1 REFUSED', 'SUPERSEDE v1 SUCCEEDED', 'ACTIVATE v2 SUCCEEDED', 'AMEND v1 REFUSED',
    ]);
  });

  it('terminates for good, for either party, with a reason', async () => {
    const [v2] = await db.sql<{ id: string }>(`SELECT id FROM mou WHERE reference = 'MOU-PRISONS-POLICE-01' AND version = 2`);
    refused(await api.terminate(policeAdmin(), v2!.id, ''), 'BAD_USER_INPUT', 'REASON_REQUIRED');
    const terminated = ok(await api.terminate(policeAdmin(), v2!.id, 'Unit disbanded'));
    expect(terminated).toMatchObject({ status: 'TERMINATED', inForce: false, statusReason: 'Unit disbanded' });
    expect(await policeView()).toMatchObject({ flags: 0, assessments: 0 });
    refused(await api.terminate(prisonsAdmin(), v2!.id, 'again'), 'BAD_USER_INPUT', 'STATUS');
    refused(await api.resume(policeAdmin(), v2!.id), 'BAD_USER_INPUT', 'STATUS');
    refused(await api.amend(prisonsAdmin(), v2!.id), 'BAD_USER_INPUT', 'STATUS');
  });

  it('lets a draft be withdrawn by terminating it', async () => {
    const draft = ok(await api.create(prisonsAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-WITHDRAWN' })));
    expect(ok(await api.terminate(prisonsAdmin(), draft.id, 'Superseded by negotiations')).status).toBe('TERMINATED');
    refused(await api.addClause(prisonsAdmin(), draft.id, VEP_CLASSIFICATION_CLAUSE), 'BAD_USER_INPUT', 'STATUS');
  });
});

