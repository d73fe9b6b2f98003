import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REASON_LENGTH } from '../../src/mou/rules/mou-lifecycle.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { draftInput, mouApi, ok, refused } from '../support/mou-api.js';

/**
 * Submit, approve and amend take an optional reason (issue 16): recorded in the MoU's admin
 * log like a suspension's, bounded like it, and optional, so existing callers are unchanged.
 */

let db: TestDatabase;
let gateway: TestGateway;
let api: ReturnType<typeof mouApi>;

const provider = () => demoTokens.mouAdmin('PRISONS');
const provider2 = () => demoTokens.mouAdmin('PRISONS', 'prisons-admin-2');
const recipient = () => demoTokens.mouAdmin('POLICE');

interface LoggedEvent { action: string; outcome: string; reason: string | null; actorUserId: string; mouVersion: number | null; refusal: { rule: string | null } | null }

async function eventsOf(reference: string): Promise<LoggedEvent[]> {
  const res = await api.events(demoTokens.auditor(), { reference });
  expect(res.body.errors).toBeUndefined();
  return (res.body.data as { mouAdminEvents: { edges: { node: LoggedEvent }[] } }).mouAdminEvents.edges.map((e) => e.node);
}

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  api = mouApi(gateway);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('reasons for submit, approve and amend', () => {
  it('are recorded in the MoU\'s admin log, each on its own event, and read by the other party', async () => {
    const reference = 'MOU-PRISONS-POLICE-R1';
    const draft = ok(await api.create(provider(), draftInput({ reference })));
    ok(await api.submit(provider(), draft.id, '  Agreed at the steering group of 3 December  '));
    ok(await api.approve(provider2(), draft.id, 'Checked against the DPIA'));
    const active = ok(await api.approve(recipient(), draft.id));
    expect(active.status).toBe('ACTIVE');
    const v2 = ok(await api.amend(provider(), draft.id, 'Add the release date for MAPPA'));
    expect(v2.version).toBe(2);

    const events = await eventsOf(reference);
    const reasonOf = (action: string, user?: string) =>
      events.filter((e) => e.action === action && e.outcome === 'SUCCEEDED' && (!user || e.actorUserId === user)).map((e) => e.reason);
    expect(reasonOf('SUBMIT')).toEqual(['Agreed at the steering group of 3 December']); // trimmed, as a suspension's
    expect(reasonOf('APPROVE', 'prisons-admin-2')).toEqual(['Checked against the DPIA']);
    expect(reasonOf('APPROVE')).toHaveLength(2);
    expect(reasonOf('APPROVE')).toContain(null); // the second approval gave none: none recorded
    expect(reasonOf('AMEND')).toEqual(['Add the release date for MAPPA']);

    // The other party reads the reasons in its own admin log.
    const police = (await api.events(recipient(), { reference })).body.data as { mouAdminEvents: { edges: { node: LoggedEvent }[] } };
    expect(police.mouAdminEvents.edges.map((e) => e.node).filter((e) => e.action === 'SUBMIT').map((e) => e.reason))
      .toEqual(['Agreed at the steering group of 3 December']);
  });

  it('a reason over the bound is refused (REASON_REQUIRED), nothing changes, and the refusal is logged', async () => {
    const reference = 'MOU-PRISONS-POLICE-R2';
    const draft = ok(await api.create(provider(), draftInput({ reference })));
    refused(await api.submit(provider(), draft.id, 'x'.repeat(MAX_REASON_LENGTH + 1)), 'BAD_USER_INPUT', 'REASON_REQUIRED');
    expect(ok(await api.get(demoTokens.auditor(), { id: draft.id })).status).toBe('DRAFT');
    const refusal = (await eventsOf(reference)).find((e) => e.action === 'SUBMIT');
    expect(refusal).toMatchObject({ outcome: 'REFUSED', refusal: { rule: 'REASON_REQUIRED' } });
    expect(refusal!.reason).toHaveLength(MAX_REASON_LENGTH + 1);
    // A reason of exactly the bound is accepted.
    ok(await api.submit(provider(), draft.id, 'y'.repeat(MAX_REASON_LENGTH)));
  });
});
