import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { AlertWorkers } from '../../src/webhooks/alert-workers.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoPrisoner, mutate, RECEIPT, writerTokens } from '../support/publishing-api.js';
import { eventually, WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Correction notices (issue 14, item 5; LED Art. 7(3)): when the owner corrects or withdraws
 * a record, every agency whose staff received it — the disclosure log knows — is told: in its
 * `notices` inbox and at its webhooks, whether or not it subscribed to such events. Notices are
 * acknowledged; unacknowledged ones are re-sent and escalated to the agency's MOU_ADMINs; the
 * owner sees who has and has not acknowledged.
 */

const log = pino({ level: 'silent' });
let db: TestDatabase;
let gateway: TestGateway;
let workers: AlertWorkers;
const receiver = new WebhookReceiver();

const RAISE = `mutation($input: RiskFlagInput!) { raiseRiskFlag(input: $input) { ${RECEIPT} } }`;
const CORRECT = `mutation($id: ID!, $revision: Int!, $patch: RiskFlagPatch!) {
  updateRiskFlag(id: $id, revision: $revision, patch: $patch, correction: true, reason: "Severity was entered wrongly") { ${RECEIPT} } }`;
const WITHDRAW = `mutation($id: ID!, $revision: Int!) { withdrawRecord(subject: RiskFlag, id: $id, revision: $revision, reason: "Raised on the wrong prisoner") { ${RECEIPT} } }`;
const NOTICES = `query($filter: NoticeFilter) { notices(filter: $filter) { id recipientAgencyCode ownerAgencyCode subject recordId change revision acknowledged acknowledgedBy escalated } }`;
const ISSUED = `query($filter: NoticeFilter) { issuedNotices(filter: $filter) { id recipientAgencyCode recordId acknowledged acknowledgedBy escalated } }`;
const policeAnalyst = () => mintDevelopmentToken({ agency: 'POLICE', roles: ['ANALYST'], userId: 'analyst-7' });

async function raiseFlag(n: number): Promise<{ id: string; prisonerId: string }> {
  const prisoner = await demoPrisoner(db);
  const receipt = await mutate(gateway, writerTokens.securityOfficer(), RAISE, { input: {
    prisonerExternalId: prisoner.externalId, category: 'ESCAPE', severity: 'MODERATE', basis: 'OBSERVATION', summary: `Found with a map of the wall (${n})`, externalId: `NOTICE-FLAG-${n}`,
  } });
  return { id: receipt.id, prisonerId: prisoner.id };
}

/** The police analyst reads the prisoner's flags, and the prisoner: a disclosure the log records (so the notice may name the prisoner). */
async function analystReads(prisonerId: string): Promise<string[]> {
  const res = await gateway.graphql<any>(`query($p: ID!) { riskFlags(filter: {prisonerId: $p}, first: 100) { edges { node { id severity prisoner { fullName } } } } }`, {
    token: policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables: { p: prisonerId },
  });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.riskFlags.edges.map((e: any) => e.node.id);
}

async function noticesFor(token: string, filter: Record<string, unknown> = {}): Promise<any[]> {
  const res = await gateway.graphql<any>(NOTICES, { token, variables: { filter } });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.notices;
}

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db, { env: { LIAISON_RATE_LIMIT_PER_USER: '100000', LIAISON_RATE_LIMIT_PER_AGENCY: '100000' } });
  await receiver.up();
  // The police webhook asks for new flags only: notices reach it all the same.
  const registered = await mutate(gateway, demoTokens.policeMouAdmin(), `mutation($input: WebhookInput!) { registerWebhook(input: $input) { signingSecret } }`, { input: {
    url: receiver.url, purpose: 'COUNTER_TERRORISM', roles: ['ANALYST'], filter: { types: ['NEW_FLAG'] },
  } });
  receiver.secret = registered.signingSecret;
  workers = new AlertWorkers({
    settings: { ...gateway.config.alerts, pollMs: 100, retryBaseMs: 500, noticeEscalationSeconds: 3 },
    dataSource: db.dataSource, databaseUrl: db.url, policies: gateway.policyStore, log,
  });
  await workers.start();
});

afterAll(async () => {
  await workers?.stop();
  await receiver.down();
  await gateway?.close();
  await db?.drop();
});

describe('a corrected flag', () => {
  let flag: { id: string; prisonerId: string };
  let noticeId: string;

  it('gives a notice to the police agency that saw it and none to an agency that did not — inbox and webhook', async () => {
    flag = await raiseFlag(1);
    expect(await analystReads(flag.prisonerId)).toContain(flag.id);
    await mutate(gateway, writerTokens.securityOfficer(), CORRECT, { id: flag.id, revision: 1, patch: { severity: 'HIGH' } });
    await workers.catchUp();

    const police = await noticesFor(policeAnalyst());
    expect(police).toEqual([expect.objectContaining({
      recipientAgencyCode: 'POLICE', ownerAgencyCode: 'PRISONS', subject: 'RiskFlag', recordId: flag.id, change: 'CORRECTION', revision: 2,
      acknowledged: false, acknowledgedBy: null, escalated: false,
    })]);
    noticeId = police[0].id;
    expect(await noticesFor(demoTokens.probationOfficer())).toEqual([]);
    expect(await noticesFor(demoTokens.prisonSecurityOfficer())).toEqual([]);
    expect(await db.sql(`SELECT recipient_agency_code FROM correction_notice WHERE record_id = $1`, [flag.id])).toEqual([{ recipient_agency_code: 'POLICE' }]);

    await eventually('the notice at the police webhook', () => receiver.received.some((e) => e.noticeId === noticeId));
    const sent = receiver.received.find((e) => e.noticeId === noticeId)!;
    expect(sent).toEqual({ id: `ntc_${noticeId}`, type: 'CORRECTION_NOTICE', subject: 'RiskFlag', recordId: flag.id, prisonerId: flag.prisonerId, time: expect.any(String), noticeId });
    // The correction itself is not announced to the webhook: its filter asks for NEW_FLAG only.
    const types = receiver.received.filter((e) => e.recordId === flag.id).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['NEW_FLAG', 'CORRECTION_NOTICE']));
    expect(types).not.toContain('CORRECTION');
  });

  it('the owner sees who has not acknowledged; the recipient acknowledges; another agency cannot', async () => {
    const before = await mutate(gateway, demoTokens.prisonsMouAdmin(), ISSUED, { filter: { recordId: flag.id } });
    expect(before).toEqual([expect.objectContaining({ id: noticeId, recipientAgencyCode: 'POLICE', recordId: flag.id, acknowledged: false, acknowledgedBy: null })]);
    const denied = await gateway.graphql<any>(`mutation($id: ID!) { acknowledgeNotice(id: $id) { id } }`, { token: demoTokens.probationOfficer(), variables: { id: noticeId } });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const ack = await mutate(gateway, policeAnalyst(), `mutation($id: ID!) { acknowledgeNotice(id: $id) { acknowledged acknowledgedBy } }`, { id: noticeId });
    expect(ack).toEqual({ acknowledged: true, acknowledgedBy: 'analyst-7' });
    const after = await mutate(gateway, demoTokens.prisonsMouAdmin(), ISSUED, { filter: { recordId: flag.id } });
    expect(after).toEqual([expect.objectContaining({ acknowledged: true, acknowledgedBy: 'analyst-7' })]);
    // The recipient's staff do not read the owner's view, and other agencies see nothing of it.
    const analyst = await gateway.graphql<any>(ISSUED, { token: policeAnalyst(), variables: { filter: {} } });
    expect(analyst.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NOTICE_OWNER_AUDIENCE' });
    expect(await mutate(gateway, demoTokens.probationMouAdmin(), ISSUED, { filter: {} })).toEqual([]);
  });
});

describe('an unacknowledged notice', () => {
  it('is re-sent and escalated to the agency\'s MOU_ADMINs after the configured time; an acknowledged one is not', async () => {
    const withdrawn = await raiseFlag(2);
    const corrected = await raiseFlag(3);
    expect(await analystReads(withdrawn.prisonerId)).toEqual(expect.arrayContaining([withdrawn.id, corrected.id]));
    await mutate(gateway, writerTokens.securityOfficer(), WITHDRAW, { id: withdrawn.id, revision: 1 });
    await mutate(gateway, writerTokens.securityOfficer(), CORRECT, { id: corrected.id, revision: 1, patch: { severity: 'LOW' } });
    await workers.catchUp();
    const [notice] = await noticesFor(policeAnalyst(), { recordId: withdrawn.id });
    expect(notice).toMatchObject({ change: 'WITHDRAWAL', escalated: false });
    const [answered] = await noticesFor(policeAnalyst(), { recordId: corrected.id });
    await mutate(gateway, policeAnalyst(), `mutation($id: ID!) { acknowledgeNotice(id: $id) { acknowledged } }`, { id: answered.id });

    await new Promise((resolve) => setTimeout(resolve, 3_100));
    await workers.escalateNow();
    const escalated = (await noticesFor(demoTokens.policeMouAdmin(), { escalated: true })).map((n) => n.id);
    expect(escalated).toContain(notice.id);
    expect(escalated).not.toContain(answered.id);
    await eventually('the escalated re-sending at the webhook', () => receiver.received.some((e) => e.id === `ntc_${notice.id}_escalated`));
    expect(receiver.received.find((e) => e.id === `ntc_${notice.id}_escalated`)).toMatchObject({ type: 'NOTICE_ESCALATED', noticeId: notice.id, recordId: withdrawn.id });
    // Once only.
    await workers.escalateNow();
    await workers.delivery?.idle();
    expect(receiver.received.filter((e) => e.id === `ntc_${notice.id}_escalated`)).toHaveLength(1);
    expect(receiver.received.some((e) => e.id === `ntc_${answered.id}_escalated`)).toBe(false);
    const issued = await mutate(gateway, demoTokens.prisonsMouAdmin(), ISSUED, { filter: { recordId: withdrawn.id } });
    expect(issued).toEqual([expect.objectContaining({ id: notice.id, escalated: true, acknowledged: false })]);
  });
});
