import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import type { AlertSettings } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { PolicyStore } from '../src/enforcement/policy-store.js';
import { AlertWorkers } from '../src/webhooks/alert-workers.js';
import { registerWebhook } from '../src/webhooks/endpoint-registry.js';
import { webhookRegistryRules } from '../src/webhooks/registry-rules.js';
import { openCluster, prepareDataSet } from './databases.js';
import { startGatewayProcess } from './gateway-processes.js';
import { benchToken } from './issuer.js';

/**
 * `npm run bench:webhooks` — webhook deliveries/s to a local receiver (issue 14). A gateway
 * process (its own alert workers off) takes CHANGES risk-flag writes through the API (upserts
 * of 250) for VEP prisoners, which every one of ENDPOINTS police endpoints may be told of; then
 * this process starts the alert workers and times them from the first read of the feed to the
 * last delivery acknowledged by a local HTTP receiver that verifies every signature with the
 * `standardwebhooks` library. Sizes: LIAISON_BENCH_WEBHOOK_CHANGES (2,000),
 * LIAISON_BENCH_WEBHOOK_ENDPOINTS (4).
 */

const CHANGES = Number(process.env.LIAISON_BENCH_WEBHOOK_CHANGES ?? 2_000);
const ENDPOINTS = Number(process.env.LIAISON_BENCH_WEBHOOK_ENDPOINTS ?? 4);
const BATCH = 250;

async function main(): Promise<void> {
  const cluster = await openCluster();
  const log = pino({ level: 'warn' });
  const url = await prepareDataSet(cluster, { prisoners: 200, agencies: 4, mous: 3 }, true, 'liaison_bench_webhooks');
  const dataSource = createDataSource({ url, poolSize: 10 });
  await dataSource.initialize();
  const secretKey = randomBytes(32);
  const settings: AlertSettings = {
    imageRetentionDays: 30, maxSubscriptionsPerConnection: 20, productionRules: false, allowedNetworks: [], secretKey, workers: true, retryBaseMs: 1_000, retryMaxMs: 60_000, retryWindowMs: 86_400_000,
    attemptTimeoutMs: 10_000, leaseMs: 60_000, pollMs: 200, noticeEscalationSeconds: 86_400, secretOverlapSeconds: 0,
  };

  // The receiver: verifies each signature, counts each event id.
  const received = new Map<string, number>();
  let rejected = 0;
  const verifiers = new Map<string, Webhook>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        verifiers.get(req.url!)!.verify(Buffer.concat(chunks), req.headers as Record<string, string>);
        const key = `${req.url}|${String(req.headers['webhook-id'])}`;
        received.set(key, (received.get(key) ?? 0) + 1);
        res.writeHead(204).end();
      } catch {
        rejected++;
        res.writeHead(401).end();
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const rules = webhookRegistryRules(settings);
  for (let i = 0; i < ENDPOINTS; i++) {
    const path = `/agency-system-${i}`;
    const { secret } = await registerWebhook(dataSource, { agencyCode: 'POLICE', userId: 'bench-admin' }, {
      url: `http://127.0.0.1:${port}${path}`, purpose: 'COUNTER_TERRORISM', roles: ['ANALYST'], filter: { subjects: ['RiskFlag'] },
    }, rules);
    verifiers.set(path, new Webhook(secret));
  }

  // The changes, through the API of a gateway process whose own alert workers are off.
  process.env.LIAISON_ALERT_WORKERS = 'false';
  const gateway = await startGatewayProcess(url, 'policy');
  const prisoners = await dataSource.query(
    `SELECT external_id FROM prisoner WHERE owner_agency_code = 'PRISONS' AND vep_status IN ('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP') AND tlp IN ('CLEAR','GREEN','AMBER') ORDER BY prison_number`,
  ) as { external_id: string }[];
  const token = benchToken('PRISONS', ['SECURITY_OFFICER'], 'bench-writer');
  const writeStarted = performance.now();
  for (let start = 0; start < CHANGES; start += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, CHANGES - start) }, (_, j) => ({
      externalId: `BENCH-WH-${start + j}`, prisonerExternalId: prisoners[(start + j) % prisoners.length]!.external_id,
      category: 'VIOLENCE', severity: 'HIGH', summary: `Bench change ${start + j}`, raisedAt: '2026-06-01T00:00:00.000Z',
    }));
    const response = await fetch(gateway.url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($r: [RiskFlagInput!]!) { upsertRiskFlags(records: $r) { created } }', variables: { r: records } }),
    });
    const body = await response.json() as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  }
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  await gateway.stop();

  const policies = new PolicyStore(dataSource, { watch: false });
  await policies.start();
  const workers = new AlertWorkers({ settings, dataSource, databaseUrl: url, policies, log });
  const expected = CHANGES * ENDPOINTS;
  const started = performance.now();
  await workers.start();
  await workers.catchUp();
  const queuedSeconds = (performance.now() - started) / 1000;
  while ([...received.values()].reduce((a, b) => a + b, 0) < expected) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (performance.now() - started > 600_000) throw new Error(`only ${received.size} of ${expected} deliveries after 10 minutes`);
  }
  const seconds = (performance.now() - started) / 1000;
  await workers.stop();
  await policies.stop();
  const duplicates = [...received.values()].filter((n) => n > 1).length;
  const [{ attempts }] = await dataSource.query(`SELECT count(*)::int AS attempts FROM webhook_attempt`) as [{ attempts: number }];
  server.close();
  await dataSource.destroy();
  await cluster.stop();

  console.log(`\nwebhooks: ${CHANGES} flag changes × ${ENDPOINTS} endpoints = ${expected} signed deliveries to a local receiver (${cluster.describe})`);
  console.log(`  writes through the API: ${(CHANGES / writeSeconds).toFixed(0)} changes/s`);
  console.log(`  outbox fed (policy decided per endpoint) in ${queuedSeconds.toFixed(2)} s`);
  console.log(`  all delivered in ${seconds.toFixed(2)} s: ${(expected / seconds).toFixed(0)} webhook deliveries/s (${attempts} attempts, ${duplicates} duplicates, ${rejected} signatures rejected)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
