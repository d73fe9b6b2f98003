import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { AlertSettings } from '../../src/config.js';
import { AlertWorkers } from '../../src/webhooks/alert-workers.js';
import { claimDue } from '../../src/webhooks/delivery-outbox.js';
import { feedOutbox } from '../../src/webhooks/outbox-feeder.js';
import { runLiaison } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoPrisoner, mutate, RECEIPT, writerTokens } from '../support/publishing-api.js';
import { eventually, WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Webhooks (issue 14, items 2, 3, 4 and 6) against a real local HTTP receiver that verifies
 * every signature with the `standardwebhooks` library, on real PostgreSQL: minimal signed
 * events under policy at delivery; a receiver down for 30 s gets every event afterwards, each
 * once per id; a restarted delivery worker loses nothing; dead letters and redelivery; every
 * attempt and its HTTP status queryable. The back-off schedule is configured short so the test
 * does not wait hours — but the receiver really stays down across several attempts.
 */

const log = pino({ level: 'silent' });
let db: TestDatabase;
let gateway: TestGateway;
let workers: AlertWorkers;
const receiver = new WebhookReceiver();
let webhookId: string;

const settings = (overrides: Partial<AlertSettings> = {}): AlertSettings => ({
  ...gateway.config.alerts, retryBaseMs: 1_000, retryMaxMs: 8_000, retryWindowMs: 120_000, pollMs: 100, attemptTimeoutMs: 2_000, leaseMs: 5_000, ...overrides,
});
const startWorkers = async (overrides: Partial<AlertSettings> = {}): Promise<AlertWorkers> => {
  const started = new AlertWorkers({ settings: settings(overrides), dataSource: db.dataSource, databaseUrl: db.url, policies: gateway.policyStore, log });
  await started.start();
  return started;
};

const RAISE = `mutation($input: RiskFlagInput!) { raiseRiskFlag(input: $input) { ${RECEIPT} } }`;
const REGISTER = `mutation($input: WebhookInput!) { registerWebhook(input: $input) { signingSecret webhook { id url purpose roles filter { subjects types } } } }`;
const DELIVERIES = `query($filter: WebhookDeliveryFilter, $first: Int) { webhookDeliveries(filter: $filter, first: $first) {
  id eventId eventType status attemptCount lastStatus payload attempts { httpStatus error durationMs } } }`;

let flagCount = 0;
async function raiseFlag(where?: string): Promise<string> {
  const prisoner = await demoPrisoner(db, where);
  const receipt = await mutate(gateway, writerTokens.securityOfficer(), RAISE, { input: {
    prisonerExternalId: prisoner.externalId, category: 'VIOLENCE', severity: 'HIGH', basis: 'OBSERVATION',
    summary: `Threatened staff (${++flagCount})`, externalId: `WH-FLAG-${flagCount}`,
  } });
  return receipt.id as string;
}

async function deliveriesOf(filter: Record<string, unknown>): Promise<any[]> {
  const res = await gateway.graphql<any>(DELIVERIES, { token: demoTokens.policeMouAdmin(), variables: { filter, first: 100 } });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.webhookDeliveries;
}

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db, { watch: true, env: { LIAISON_RATE_LIMIT_PER_USER: '100000', LIAISON_RATE_LIMIT_PER_AGENCY: '100000' } });
  await receiver.up();
  const registered = await mutate(gateway, demoTokens.policeMouAdmin(), REGISTER, { input: {
    url: receiver.url, description: 'Counter-terrorism unit case system', purpose: 'COUNTER_TERRORISM', roles: ['ANALYST'], filter: { subjects: ['RiskFlag'] },
  } });
  webhookId = registered.webhook.id;
  receiver.secret = registered.signingSecret;
  workers = await startWorkers();
});

afterAll(async () => {
  await workers?.stop();
  await receiver.down();
  await gateway?.close();
  await db?.drop();
});

describe('registering a webhook', () => {
  it('shows the signing secret once, lists the endpoint for its agency only, and refuses non-admins', async () => {
    expect(receiver.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await gateway.graphql<any>(`{ webhooks { id url purpose roles filter { subjects } } }`, { token: demoTokens.policeMouAdmin() });
    expect(listed.body.data.webhooks).toEqual([{ id: webhookId, url: receiver.url, purpose: 'COUNTER_TERRORISM', roles: ['ANALYST'], filter: { subjects: ['RiskFlag'] } }]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    const otherAgency = await gateway.graphql<any>(`{ webhooks { id } }`, { token: demoTokens.prisonsMouAdmin() });
    expect(otherAgency.body.data.webhooks).toEqual([]);
    const analyst = await gateway.graphql<any>(`{ webhooks { id } }`, { token: demoTokens.policeAnalyst() });
    expect(analyst.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'WEBHOOK_ADMIN_REQUIRED' });
    const badRole = await gateway.graphql<any>(REGISTER, { token: demoTokens.policeMouAdmin(), variables: { input: { url: receiver.url, purpose: 'COUNTER_TERRORISM', roles: ['SECURITY_OFFICER'] } } });
    expect(badRole.body.errors?.[0]?.message).toContain('roles: SECURITY_OFFICER is not a role of POLICE');
  });
});

describe('delivery', () => {
  it('sends a signed, minimal event for a flag the analyst may see, and nothing for one no clause shares', async () => {
    const shared = await raiseFlag();
    const unshared = await raiseFlag(`vep_status = 'NONE'`);
    await eventually('the shared flag\'s event', () => receiver.ofRecord(shared).length === 1);
    const [event] = receiver.ofRecord(shared);
    expect(Object.keys(event!).sort()).toEqual(['id', 'prisonerId', 'recordId', 'subject', 'time', 'type']);
    expect(event).toMatchObject({ type: 'NEW_FLAG', subject: 'RiskFlag', recordId: shared });
    expect(event!.id).toMatch(/^evt_\d+$/);
    await workers.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.ofRecord(unshared)).toEqual([]);
    expect(receiver.rejected).toBe(0);
    const [delivery] = await deliveriesOf({ eventId: event!.id });
    expect(delivery).toMatchObject({ status: 'DELIVERED', attemptCount: 1, lastStatus: 204, attempts: [{ httpStatus: 204, error: null }] });
  });

  it('a receiver down for 30 s gets every event afterwards, each once per id, after several failed attempts', async () => {
    await receiver.down();
    const downAt = Date.now();
    const flags = [await raiseFlag(), await raiseFlag(), await raiseFlag()];
    await eventually('three refused attempts per event', async () => {
      const deliveries = await deliveriesOf({ webhookId, statuses: ['PENDING'] });
      return deliveries.length === 3 && deliveries.every((d) => d.attempts.length >= 3);
    }, 30_000, 200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30_000 - (Date.now() - downAt))));
    await receiver.up();
    await eventually('every event after the receiver came back', () => flags.every((id) => receiver.ofRecord(id).length >= 1), 30_000, 100);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const id of flags) expect(receiver.ofRecord(id)).toHaveLength(1);
    expect([...receiver.countsById().values()].every((n) => n === 1)).toBe(true);
    const deliveries = (await deliveriesOf({ webhookId })).filter((d) => flags.includes(d.payload.recordId));
    expect(deliveries).toHaveLength(3);
    for (const delivery of deliveries) {
      expect(delivery.status).toBe('DELIVERED');
      expect(delivery.attempts.length).toBeGreaterThanOrEqual(4);
      expect(delivery.attempts.slice(0, -1).every((a: any) => a.httpStatus === null && /ECONNREFUSED|ECONNRESET|socket hang up/.test(a.error))).toBe(true);
      expect(delivery.attempts.at(-1)).toMatchObject({ httpStatus: 204, error: null });
    }
  }, 90_000);

  it('a restarted delivery worker loses nothing: changes made while it was stopped, and deliveries a crashed process had claimed, are all delivered, once each', async () => {
    await workers.stop();
    const flags: string[] = [];
    for (let i = 0; i < 5; i++) flags.push(await raiseFlag());
    // A process queued them and claimed two for an attempt, then died before recording it.
    expect((await feedOutbox(db.dataSource, gateway.policyStore)).queued).toBe(5);
    expect(await claimDue(db.dataSource, 2, 3_000)).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(flags.flatMap((id) => receiver.ofRecord(id))).toEqual([]);
    workers = await startWorkers();
    await eventually('every change made while stopped (the claimed ones once their lease ran out)', () => flags.every((id) => receiver.ofRecord(id).length === 1), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const id of flags) expect(receiver.ofRecord(id)).toHaveLength(1);
  });

  it('an event the endpoint is no longer entitled to at delivery is not sent (MoU suspended meanwhile)', async () => {
    await workers.stop();
    const flag = await raiseFlag();
    const [mou] = await db.sql<{ id: string }>(`SELECT id FROM mou WHERE reference = 'MOU-PRISONS-POLICE-01' AND status = 'ACTIVE'`);
    const suspend = await gateway.graphql<any>(`mutation($id: ID!) { suspendMou(id: $id, reason: "Suspected breach") { status } }`, { token: demoTokens.prisonsMouAdmin(), variables: { id: mou!.id } });
    expect(suspend.body.data?.suspendMou?.status).toBe('SUSPENDED');
    workers = await startWorkers();
    await workers.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(receiver.ofRecord(flag)).toEqual([]);
    const resume = await gateway.graphql<any>(`mutation($id: ID!) { resumeMou(id: $id, reason: "Resolved") { status } }`, { token: demoTokens.prisonsMouAdmin(), variables: { id: mou!.id } });
    expect(resume.body.data?.resumeMou?.status).toBe('ACTIVE');
  });
});

describe('dead letters', () => {
  it('after the retry window a failing delivery is dead-lettered with every attempt, and an admin redelivers it with the same event id', async () => {
    await workers.stop();
    workers = await startWorkers({ retryBaseMs: 200, retryMaxMs: 400, retryWindowMs: 2_500 });
    receiver.failWith = 503;
    onTestFinished(() => {
      receiver.failWith = null;
    });
    const flag = await raiseFlag();
    const second = await raiseFlag();
    await eventually('the dead letters', async () => (await deliveriesOf({ webhookId, statuses: ['DEAD'] })).filter((d) => [flag, second].includes(d.payload.recordId)).length === 2, 15_000, 200);
    const [dead] = (await deliveriesOf({ webhookId, statuses: ['DEAD'] })).filter((d) => d.payload.recordId === flag);
    expect(dead.attempts.length).toBeGreaterThanOrEqual(2);
    expect(dead.attempts.every((a: any) => a.httpStatus === 503)).toBe(true);
    expect(receiver.ofRecord(flag)).toEqual([]);

    receiver.failWith = null;
    const redelivered = await gateway.graphql<any>(`mutation($ids: [ID!]) { redeliverWebhookDeliveries(deliveryIds: $ids) { id status eventId } }`, {
      token: demoTokens.policeMouAdmin(), variables: { ids: [dead.id] },
    });
    expect(redelivered.body.data.redeliverWebhookDeliveries).toEqual([{ id: dead.id, status: 'PENDING', eventId: dead.eventId }]);
    await eventually('the redelivery', () => receiver.ofRecord(flag).length === 1, 10_000);
    expect(receiver.ofRecord(flag)[0]!.id).toBe(dead.eventId);

    // The CLI lists the dead letters with their attempts and queues one again.
    const [deadByCli] = (await deliveriesOf({ webhookId, statuses: ['DEAD'] })).filter((d) => d.payload.recordId === second);
    const env = { DATABASE_URL: db.url };
    const listed = await runLiaison(['webhooks', 'deliveries', '--agency', 'POLICE', '--status', 'DEAD', '--attempts'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${deadByCli.id}  DEAD`);
    expect(listed.stdout).toContain('HTTP 503');
    expect(listed.stdout).not.toContain(dead.id);
    const cli = await runLiaison(['webhooks', 'redeliver', '--agency', 'POLICE', '--delivery', deadByCli.id], env);
    expect(cli.stdout).toContain('1 dead delivery queued again');
    await eventually('the redelivery from the CLI', () => receiver.ofRecord(second).length === 1, 10_000);
    expect(receiver.ofRecord(second)[0]!.id).toBe(deadByCli.eventId);

    const otherAgency = await gateway.graphql<any>(`mutation($ids: [ID!]) { redeliverWebhookDeliveries(deliveryIds: $ids) { id } }`, {
      token: demoTokens.prisonsMouAdmin(), variables: { ids: [dead.id] },
    });
    expect(otherAgency.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 60_000);
});

describe('rotation and removal', () => {
  it('a rotated secret signs beside the old one during the overlap; a removed endpoint receives nothing more', async () => {
    const rotated = await mutate(gateway, demoTokens.policeMouAdmin(), `mutation($id: ID!) { rotateWebhookSecret(id: $id) { signingSecret webhook { previousSecretUntil } } }`, { id: webhookId });
    expect(rotated.signingSecret).not.toBe(receiver.secret);
    expect(rotated.webhook.previousSecretUntil).not.toBeNull();
    // The receiver still holds the old secret: deliveries verify with it during the overlap.
    const old = await raiseFlag();
    await eventually('delivery verified with the old secret', () => receiver.ofRecord(old).length === 1);
    receiver.secret = rotated.signingSecret;
    const fresh = await raiseFlag();
    await eventually('delivery verified with the new secret', () => receiver.ofRecord(fresh).length === 1);
    expect(receiver.rejected).toBe(0);

    await mutate(gateway, demoTokens.policeMouAdmin(), `mutation($id: ID!) { removeWebhook(id: $id) { removedAt } }`, { id: webhookId });
    const after = await raiseFlag();
    await workers.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.ofRecord(after)).toEqual([]);
  });
});
