import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoMouId } from '../support/mou-api.js';
import { demoPrisoner, mutate, RECEIPT, writerTokens } from '../support/publishing-api.js';
import { connectOnly, subscribe, type Received, type Subscriber } from '../support/subscriptions.js';
import { expectTimely } from '../support/timing.js';

/**
 * Alerts over WebSocket (issue 14, items 1, 3, 4 and 6): real graphql-ws clients on real
 * sockets, a real gateway on real PostgreSQL, changes written through the API.
 */

let db: TestDatabase;
let gateway: TestGateway;

const MINIMAL = `subscription($filter: RecordChangeFilter, $after: ID) {
  recordChanges(filter: $filter, after: $after) { id type change subject recordId prisonerId occurredAt fields }
}`;
const UPDATE_PLAN = `mutation($id: ID!, $revision: Int!, $patch: ReleasePlanPatch!) { updateReleasePlan(id: $id, revision: $revision, patch: $patch) { ${RECEIPT} } }`;
const RAISE_FLAG = `mutation($input: RiskFlagInput!) { raiseRiskFlag(input: $input) { ${RECEIPT} } }`;

const probation = () => ({ token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-2026-0042' });
const analyst = () => ({ token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
const caseManager = () => ({ token: writerTokens.caseManager(), purpose: 'PRISON_SECURITY' });

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const change = (m: Received) => m.data?.recordChanges as { id: string; type: string; recordId: string; occurredAt: string; fields: string[] } | undefined;
const about = (recordId: string) => (m: Received) => change(m)?.recordId === recordId;

/** PRISONS release plans (TLP ≤ AMBER) due between `from` and `to` days from now. */
async function releasePlans(from: number, to: number, count: number): Promise<string[]> {
  const rows = await db.sql<{ id: string }>(
    `SELECT id FROM release_plan WHERE owner_agency_code = 'PRISONS' AND withdrawn_at IS NULL AND tlp IN ('CLEAR','GREEN','AMBER')
        AND expected_release_date BETWEEN current_date + $1::int AND current_date + $2::int ORDER BY id LIMIT $3`,
    [from, to, count],
  );
  if (rows.length < count) throw new Error(`only ${rows.length} release plans due in ${from}–${to} days`);
  return rows.map((r) => r.id);
}

async function movePlan(via: TestGateway, id: string, days: number): Promise<void> {
  const [row] = await db.sql<{ revision: number }>('SELECT revision FROM release_plan WHERE id = $1', [id]);
  await mutate(via, writerTokens.caseManager(), UPDATE_PLAN, { id, revision: row!.revision, patch: { expectedReleaseDate: inDays(days) } });
}

/** A new flag on a terrorism-convicted prisoner: every police analyst subscription hears of it, after anything committed before. */
async function raiseSentinelFlag(via: TestGateway = gateway): Promise<string> {
  const prisoner = await demoPrisoner(db);
  const receipt = await mutate<{ id: string }>(via, writerTokens.securityOfficer(), RAISE_FLAG, {
    input: { prisonerId: prisoner.id, category: 'VIOLENCE', severity: 'HIGH', summary: 'sentinel' },
  });
  return receipt.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db, { env: { LIAISON_RATE_LIMIT_PER_USER: '100000', LIAISON_RATE_LIMIT_PER_AGENCY: '100000' } });
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('a release date brought forward', () => {
  it('reaches the probation officer within a second, as ids and kind only; the police analyst hears nothing of it', async () => {
    const [plan] = await releasePlans(100, 170, 1);
    const officer = await subscribe(gateway, probation(), MINIMAL);
    const police = await subscribe(gateway, analyst(), MINIMAL);
    try {
      await movePlan(gateway, plan!, 30);
      const heard = await officer.waitFor(about(plan!));
      const event = change(heard)!;
      const latency = heard.at - Date.parse(event.occurredAt);
      console.log(`release date brought forward: commit → probation officer's socket in ${latency} ms`);
      expectTimely(latency, 1_000, 'commit → delivery');
      expect(event).toMatchObject({ type: 'RELEASE_DATE_BROUGHT_FORWARD', change: 'UPDATE', subject: 'ReleasePlan', fields: ['expectedReleaseDate'] });
      expect(event.id).toMatch(/^evt_\d+$/);
      expect(Object.keys(event).sort()).toEqual(['change', 'fields', 'id', 'occurredAt', 'prisonerId', 'recordId', 'subject', 'type']);

      // Deliveries are in feed order: once the analyst has the later flag, the plan would have come first.
      const flag = await raiseSentinelFlag();
      await police.waitFor(about(flag));
      expect(police.received.filter(about(plan!))).toEqual([]);
    } finally {
      await officer.dispose();
      await police.dispose();
    }
  });
});

describe('NO_LONGER_SHARED', () => {
  it('goes to those who could see the record before — the probation officer when a plan moves beyond 180 days — and to nobody else', async () => {
    const [shared, neverShared] = [...await releasePlans(20, 150, 1), ...await releasePlans(300, 700, 1)];
    const officer = await subscribe(gateway, probation(), MINIMAL);
    const police = await subscribe(gateway, analyst(), MINIMAL);
    try {
      await movePlan(gateway, neverShared!, 800); // never in probation's window: nothing
      await movePlan(gateway, shared!, 400); // leaves it: NO_LONGER_SHARED
      const gone = await officer.waitFor(about(shared!));
      expect(change(gone)).toMatchObject({ type: 'NO_LONGER_SHARED', subject: 'ReleasePlan', fields: [] });
      expect(officer.received.filter(about(neverShared!))).toEqual([]);

      // Back within the window: the officer is told again (the record came into view).
      await movePlan(gateway, shared!, 10);
      expect(change(await officer.waitFor((m) => about(shared!)(m) && change(m)!.type !== 'NO_LONGER_SHARED'))).toMatchObject({ type: 'RELEASE_DATE_BROUGHT_FORWARD' });

      const flag = await raiseSentinelFlag();
      await police.waitFor(about(flag));
      expect(police.received.filter((m) => about(shared!)(m) || about(neverShared!)(m))).toEqual([]);
    } finally {
      await officer.dispose();
      await police.dispose();
    }
  });
});

describe('record fields in a subscription', () => {
  it('are masked per row as a query masks them, and each delivery is a disclosure-log entry written before it is sent; the chain verifies', async () => {
    const [plan] = await releasePlans(20, 150, 1);
    const officer = await subscribe(gateway, probation(), `subscription {
      recordChanges(filter: { subjects: [ReleasePlan] }) { id type releasePlan { id expectedReleaseDate releaseAddress } }
    }`);
    const police = await subscribe(gateway, analyst(), `subscription {
      recordChanges(filter: { types: [NEW_FLAG], minSeverity: HIGH }) { id type riskFlag { id severity summary } prisoner { id fullName religion } }
    }`);
    try {
      await movePlan(gateway, plan!, 45);
      const heard = await officer.waitFor((m) => m.data?.recordChanges?.releasePlan?.id === plan);
      expect(heard.data.recordChanges.releasePlan).toMatchObject({ id: plan, expectedReleaseDate: inDays(45) });
      expect(heard.data.recordChanges.releasePlan.releaseAddress).toEqual(expect.any(String));

      const flag = await raiseSentinelFlag();
      const flagged = await police.waitFor((m) => m.data?.recordChanges?.riskFlag?.id === flag);
      expect(flagged.data.recordChanges.riskFlag).toMatchObject({ severity: 'HIGH', summary: 'sentinel' });
      expect(flagged.data.recordChanges.prisoner.fullName).toEqual(expect.any(String));
      expect(flagged.data.recordChanges.prisoner.religion).toBeNull();
      expect(flagged.extensions.liaison.redactions).toContainEqual({ path: ['recordChanges', 'prisoner', 'religion'], reason: 'STATUTORY_EXCLUSION' });

      for (const [message, userId, recordId] of [[heard, 'po-1', plan!], [flagged, 'analyst-1', flag]] as const) {
        const decisionId = message.extensions.liaison.decisionId as string;
        const [entry] = await db.sql<{ kind: string; user_id: string; subject_ids: string[]; recorded_at: Date }>(
          'SELECT kind, user_id, subject_ids, recorded_at FROM disclosure_log WHERE decision_id = $1', [decisionId],
        );
        expect(entry).toMatchObject({ kind: 'DISCLOSURE', user_id: userId });
        expect(entry!.subject_ids).toContain(recordId);
        expect(entry!.recorded_at.getTime()).toBeLessThanOrEqual(message.at);
      }
      const report = await gateway.disclosureLog.verify();
      expect(report.problem).toBeNull();
      expect(report.intact).toBe(true);
    } finally {
      await officer.dispose();
      await police.dispose();
    }
  });
});

describe('resumption', () => {
  it('a gateway restarted mid-stream loses nothing: the subscriber resumes after its last event id and gets each missed change once', async () => {
    const plans = await releasePlans(20, 150, 3);
    let first = await startTestGateway(db);
    const subscriber = await subscribe(first, caseManager(), MINIMAL, { filter: { subjects: ['ReleasePlan'] } });
    await movePlan(gateway, plans[0]!, 60);
    const last = change(await subscriber.waitFor(about(plans[0]!)))!;
    await first.close(); // the process goes away mid-stream
    const closed = await subscriber.closed;
    expect(closed.code).not.toBe(1000);

    await movePlan(gateway, plans[1]!, 61); // committed while no gateway holds the subscription
    await movePlan(gateway, plans[2]!, 62);
    await movePlan(gateway, plans[0]!, 63);

    first = await startTestGateway(db);
    const resumed = await subscribe(first, caseManager(), MINIMAL, { filter: { subjects: ['ReleasePlan'] }, after: last.id });
    try {
      await resumed.waitFor(about(plans[0]!));
      await movePlan(gateway, plans[1]!, 64); // and live again afterwards
      await resumed.waitFor((m) => about(plans[1]!)(m) && resumed.received.filter(about(plans[1]!)).length === 2);
      const events = resumed.received.map((m) => change(m)!);
      expect(events.map((e) => e.recordId)).toEqual([plans[1], plans[2], plans[0], plans[1]]);
      const ids = events.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).not.toContain(last.id);
      const positions = ids.map((id) => Number(id.slice(4)));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    } finally {
      await resumed.dispose();
      await first.close();
    }
  });

  it('refuses an `after` that is not an event id', async () => {
    const subscriber = await subscribe(gateway, caseManager(), MINIMAL, { after: 'yesterday' }).catch((error: Error) => error);
    expect(String(subscriber instanceof Error ? subscriber.message : JSON.stringify(subscriber.received))).toMatch(/after must be the id of an event/);
    if (!(subscriber instanceof Error)) await subscriber.dispose();
  });
});

describe('authentication', () => {
  it('closes the socket when the token expires (4401), and refuses a connection without a valid token (4403)', async () => {
    const token = mintDevelopmentToken({ agency: 'PROBATION', roles: ['PROBATION_OFFICER'], userId: 'po-short', ttlSeconds: 3 });
    const started = Date.now();
    const subscriber: Subscriber = await subscribe(gateway, { token, purpose: 'SUPERVISION', caseReference: 'CASE-2026-0042' }, MINIMAL);
    const closed = await subscriber.closed;
    expect(closed).toMatchObject({ code: 4401, reason: 'Token expired' });
    expect(Date.now() - started).toBeGreaterThan(1_500);
    await subscriber.dispose();

    expect((await connectOnly(gateway, 'not-a-token')).code).toBe(4403);
  });
});

describe('revocation', () => {
  it('after an MoU suspension, no event under it — on another gateway process, for a change committed right after', async () => {
    const other = await startTestGateway(db); // a second process; its policy store does not LISTEN (watch off)
    const [plan] = await releasePlans(20, 150, 1);
    const officer = await subscribe(other, probation(), MINIMAL);
    const owner = await subscribe(other, caseManager(), MINIMAL, { filter: { subjects: ['ReleasePlan'] } });
    try {
      await movePlan(gateway, plan!, 40);
      await officer.waitFor(about(plan!));

      const mouId = await demoMouId(db.sql as never, 'MOU-PRISONS-PROBATION-01');
      await mutate(gateway, demoTokens.probationMouAdmin(), `mutation($id: ID!) { suspendMou(id: $id, reason: "alerts test") { status } }`, { id: mouId });
      await movePlan(gateway, plan!, 35);
      await owner.waitFor((m) => about(plan!)(m) && owner.received.filter(about(plan!)).length === 2);
      await other.server.recordChanges.catchUp();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(officer.received.filter(about(plan!))).toHaveLength(1);
    } finally {
      await officer.dispose();
      await owner.dispose();
      await other.close();
    }
  });
});
