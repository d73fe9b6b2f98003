import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertWorkers } from '../../src/webhooks/alert-workers.js';
import { registerWebhook, type RegistryRules } from '../../src/webhooks/endpoint-registry.js';
import type { Resolver } from '../../src/webhooks/guarded-lookup.js';
import { webhookRegistryRules } from '../../src/webhooks/registry-rules.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { demoPrisoner, mutate, RECEIPT, writerTokens } from '../support/publishing-api.js';
import { eventually, WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * No SSRF through the webhook registry (issue 14, item 2): under production rules only https
 * endpoints are registered, and no loopback, private or link-local address — as written, as
 * resolved when registered (real DNS: `localhost`), and as resolved at every delivery, so a
 * name whose DNS answer turns private after registration (rebinding) is refused then. The
 * rebinding DNS server is played by a resolver function handed to the registry and the worker
 * (the only substitution: this machine has no DNS server a test may change).
 */

const log = pino({ level: 'silent' });
let db: TestDatabase;
let gateway: TestGateway;
const police = { agencyCode: 'POLICE', userId: 'police-admin-1' };
const input = (url: string) => ({ url, purpose: 'COUNTER_TERRORISM', roles: ['ANALYST'] });
const production = (overrides: Partial<RegistryRules> = {}, allowedNetworks: string[] = []): RegistryRules => ({
  ...webhookRegistryRules({ ...gateway.config.alerts, productionRules: true, allowedNetworks }), ...overrides,
});

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

describe('registration under production rules', () => {
  it.each([
    ['http://hooks.example.org/events', 'production mode delivers to https endpoints only'],
    ['https://127.0.0.1/events', 'loopback, private, link-local or reserved'],
    ['https://[::1]:8443/events', 'loopback, private, link-local or reserved'],
    ['https://10.1.2.3/events', 'loopback, private, link-local or reserved'],
    ['https://192.168.1.20/events', 'loopback, private, link-local or reserved'],
    ['https://169.254.169.254/latest/meta-data', 'loopback, private, link-local or reserved'],
    ['https://[::ffff:127.0.0.1]/events', 'loopback, private, link-local or reserved'],
    ['https://[fd00::1]/events', 'loopback, private, link-local or reserved'],
    ['https://localhost:8443/events', 'localhost resolves to 127.0.0.1'],
    ['https://user:pw@hooks.example.org/events', 'must not carry credentials'],
  ])('refuses %s', async (url, why) => {
    await expect(registerWebhook(db.dataSource, police, input(url), production())).rejects.toThrow(why);
  });

  it('registers a private address only where the operator allows its network', async () => {
    await expect(registerWebhook(db.dataSource, police, input('https://10.20.0.7/events'), production({}, ['10.20.0.0/16']))).resolves.toMatchObject({ endpoint: { url: 'https://10.20.0.7/events' } });
    await expect(registerWebhook(db.dataSource, police, input('https://10.21.0.7/events'), production({}, ['10.20.0.0/16']))).rejects.toThrow('10.21.0.7 is a loopback, private');
  });

  it('development mode (the test gateway) accepts the http loopback receiver', async () => {
    const res = await gateway.graphql<any>(`mutation { registerWebhook(input: {url: "http://127.0.0.1:9/x", purpose: COUNTER_TERRORISM, roles: ["ANALYST"]}) { webhook { url } } }`, {
      token: (await import('../support/gateway.js')).demoTokens.policeMouAdmin(),
    });
    expect(res.body.data?.registerWebhook?.webhook?.url).toBe('http://127.0.0.1:9/x');
  });
});

describe('delivery under production rules', () => {
  const receiver = new WebhookReceiver();
  afterAll(() => receiver.down());

  it('refuses, at delivery, a name that resolved to a public address when registered and to loopback now (DNS rebinding)', async () => {
    await db.sql(`UPDATE webhook_endpoint SET removed_at = now(), removed_by = 'test'`);
    await receiver.up();
    let answers = 0;
    // Public when registered; the receiver's loopback address ever after.
    const rebinding: Resolver = async () => (answers++ === 0 ? [{ address: '93.184.215.14', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const rules = production({ resolve: rebinding });
    const { endpoint, secret } = await registerWebhook(db.dataSource, police, input(`https://rebinding.example:${receiver.port}/events`), rules);
    receiver.secret = secret;
    const workers = new AlertWorkers({
      settings: { ...gateway.config.alerts, productionRules: true, allowedNetworks: [], pollMs: 100, retryBaseMs: 60_000 },
      dataSource: db.dataSource, databaseUrl: db.url, policies: gateway.policyStore, log, resolve: rebinding,
    });
    await workers.start();
    try {
      const prisoner = await demoPrisoner(db);
      const flag = await mutate(gateway, writerTokens.securityOfficer(), `mutation($input: RiskFlagInput!) { raiseRiskFlag(input: $input) { ${RECEIPT} } }`, { input: {
        prisonerExternalId: prisoner.externalId, category: 'VIOLENCE', severity: 'HIGH', basis: 'OBSERVATION', summary: 'Assault on an officer', externalId: 'SSRF-1',
      } });
      await eventually('the refused attempt', async () => (await db.sql(
        `SELECT 1 FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.webhook_id = $1`, [endpoint.id])).length > 0);
      const [attempt] = await db.sql<{ http_status: number | null; error: string }>(
        `SELECT a.http_status, a.error FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.webhook_id = $1 AND d.record_id = $2`, [endpoint.id, flag.id]);
      expect(attempt).toMatchObject({ http_status: null });
      expect(attempt!.error).toContain('rebinding.example resolves to 127.0.0.1 is a loopback');
      expect(receiver.received).toEqual([]);
    } finally {
      await workers.stop();
    }
  });
});
