import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceMouLifecycles } from '../../src/mou/scheduler.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { SETUP_LEAD_MS } from '../support/timing.js';
import { demoMouId, draftInput, mouApi, ok, refused, type MouResult } from '../support/mou-api.js';

/**
 * The remaining edges of the status graph, through HTTP, and the lifecycle clock driven by
 * hand (this gateway runs no scheduler), so that each time-driven edge is deterministic.
 */

let db: TestDatabase;
let gateway: TestGateway;
let api: ReturnType<typeof mouApi>;
let counter = 0;

const provider = () => demoTokens.mouAdmin('PRISONS');
const provider2 = () => demoTokens.mouAdmin('PRISONS', 'prisons-admin-2');
const recipient = () => demoTokens.mouAdmin('POLICE');

/** A new MoU taken to `until` (PENDING_APPROVAL, APPROVED or ACTIVE) with the given validity. */
async function mouAt(until: 'PENDING_APPROVAL' | 'APPROVED' | 'ACTIVE', validity: { validFrom?: Date; validUntil?: Date } = {}): Promise<MouResult> {
  const draft = ok(await api.create(provider(), draftInput({
    reference: `MOU-PRISONS-POLICE-T${++counter}`,
    ...(validity.validFrom ? { validFrom: validity.validFrom.toISOString() } : {}),
    ...(validity.validUntil ? { validUntil: validity.validUntil.toISOString() } : {}),
  })));
  const pending = ok(await api.submit(provider(), draft.id));
  if (until === 'PENDING_APPROVAL') return pending;
  ok(await api.approve(provider2(), draft.id));
  const done = ok(await api.approve(recipient(), draft.id));
  expect(done.status).toBe(until);
  return done;
}

const statusOf = async (id: string): Promise<string> => ok(await api.get(demoTokens.auditor(), { id })).status;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  api = mouApi(gateway);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('termination from every live status', () => {
  it('PENDING_APPROVAL, APPROVED and SUSPENDED → TERMINATED', async () => {
    const pending = await mouAt('PENDING_APPROVAL');
    expect(ok(await api.terminate(recipient(), pending.id, 'We decline this text')).status).toBe('TERMINATED');

    const approved = await mouAt('APPROVED', { validFrom: new Date(Date.now() + 3_600_000) });
    expect(ok(await api.terminate(provider(), approved.id, 'Withdrawn before it started')).status).toBe('TERMINATED');

    const active = await mouAt('ACTIVE');
    ok(await api.suspend(recipient(), active.id, 'Incident'));
    const terminated = ok(await api.terminate(provider(), active.id, 'Incident confirmed'));
    expect(terminated).toMatchObject({ status: 'TERMINATED', suspendedBy: null, statusReason: 'Incident confirmed' });
    refused(await api.resume(recipient(), active.id), 'BAD_USER_INPUT', 'STATUS');
  });
});

describe('supersession', () => {
  it('SUSPENDED → SUPERSEDED: an amendment fixing a suspended MoU replaces it when it activates', async () => {
    const v1 = await demoMouId(db.sql, 'MOU-POLICE-PRISONS-01');
    const police = demoTokens.mouAdmin('POLICE');
    const v2 = ok(await api.amend(police, v1));
    ok(await api.suspend(demoTokens.mouAdmin('PRISONS'), v1, 'Source exposure suspected'));
    ok(await api.submit(police, v2.id));
    ok(await api.approve(demoTokens.mouAdmin('POLICE', 'police-admin-2'), v2.id));
    expect(ok(await api.approve(demoTokens.mouAdmin('PRISONS'), v2.id)).status).toBe('ACTIVE');
    expect(await statusOf(v1)).toBe('SUPERSEDED');
    const res = await gateway.graphql<any>('{ intelligenceReports(first: 1) { totalCount } }', { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY' });
    expect(res.body.data.intelligenceReports.totalCount).toBeGreaterThan(0);
  });
});

describe('the lifecycle clock, driven by hand', () => {
  it('does nothing, and writes nothing, when nothing is due', async () => {
    const [before] = await db.sql<{ revision: string }>('SELECT revision FROM policy_state');
    expect(await advanceMouLifecycles(db.dataSource)).toEqual({ transitions: [], revision: null });
    const [after] = await db.sql<{ revision: string }>('SELECT revision FROM policy_state');
    expect(after!.revision).toBe(before!.revision);
  });

  it('APPROVED → ACTIVE, ACTIVE → EXPIRED, SUSPENDED → EXPIRED and APPROVED → EXPIRED, once, whichever process runs it', { timeout: 60_000 }, async () => {
    const start = Date.now();
    // Margins for a loaded machine: every MoU must be set up before the first boundary.
    const soon = new Date(start + SETUP_LEAD_MS + 1_000);
    const activates = await mouAt('APPROVED', { validFrom: new Date(start + SETUP_LEAD_MS) });
    const expires = await mouAt('ACTIVE', { validUntil: soon });
    const suspended = await mouAt('ACTIVE', { validUntil: soon });
    ok(await api.suspend(provider(), suspended.id, 'Pending review'));
    const neverStarted = await mouAt('APPROVED', { validFrom: new Date(start + SETUP_LEAD_MS + 500), validUntil: soon });
    expect(Date.now()).toBeLessThan(start + SETUP_LEAD_MS);

    await new Promise((resolve) => setTimeout(resolve, soon.getTime() + 50 - Date.now()));
    // Two processes' clocks at once: an advisory lock lets one act; the other finds nothing to do.
    const [first, second] = await Promise.all([advanceMouLifecycles(db.dataSource), advanceMouLifecycles(db.dataSource)]);
    const transitions = [...first.transitions, ...second.transitions].map((t) => `${t.reference}:${t.to}`).sort();
    expect(transitions).toEqual([
      `${activates.reference}:ACTIVE`, `${expires.reference}:EXPIRED`, `${suspended.reference}:EXPIRED`, `${neverStarted.reference}:EXPIRED`,
    ].sort());
    expect(await statusOf(activates.id)).toBe('ACTIVE');
    expect(await statusOf(expires.id)).toBe('EXPIRED');
    expect(await statusOf(suspended.id)).toBe('EXPIRED');
    expect(await statusOf(neverStarted.id)).toBe('EXPIRED');
    expect((await advanceMouLifecycles(db.dataSource)).transitions).toEqual([]);

    const log = (await api.events(demoTokens.auditor(), { mouId: neverStarted.id, actions: ['EXPIRE', 'ACTIVATE'] })).body.data.mouAdminEvents;
    expect(log.edges.map((e: any) => [e.node.action, e.node.before, e.node.after, e.node.channel])).toEqual([
      ['EXPIRE', { status: 'APPROVED' }, { status: 'EXPIRED' }, 'SCHEDULER'],
    ]);
    refused(await api.resume(provider(), suspended.id), 'BAD_USER_INPUT', 'STATUS');
  });
});
