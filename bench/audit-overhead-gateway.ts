import 'reflect-metadata';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import pino from 'pino';
import { loadAuditKeys } from '../src/audit/audit-keys.js';
import type { AuditSink, RequestSummary } from '../src/audit/audit-sink.js';
import { DisclosureLog } from '../src/audit/disclosure-log.js';
import { TrustedIssuers } from '../src/auth/trusted-issuers.js';
import { loadConfig } from '../src/config.js';
import type { RequestContext } from '../src/context/request-context.js';
import type { RequestDisclosure } from '../src/context/request-disclosure.js';
import { DiscardingAuditSink } from './baseline.js';
import { createDataSource } from '../src/db/data-source.js';
import { createServer } from '../src/server.js';
import { PolicyStore } from '../src/enforcement/policy-store.js';

/**
 * The gateway twice in one process, on one database, for bench/audit-overhead.ts: once
 * writing the disclosure log exactly as `main.ts` wires it, once with the benchmark's no-op sink.
 * Prints `{"withLog": port, "withoutLog": port}` once both listen. `GET /bench/sink` on the
 * logging one answers how long `auditSink.record` took per request (and resets).
 */

/** Measures the time each request spends writing its entry. */
class TimedSink implements AuditSink {
  private times: number[] = [];

  constructor(private readonly inner: AuditSink) {}

  async record(ctx: RequestContext, disclosed: RequestDisclosure, summary: RequestSummary): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await this.inner.record(ctx, disclosed, summary);
    } finally {
      this.times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }

  take(): number[] {
    const taken = this.times;
    this.times = [];
    return taken;
  }
}

async function listen(app: Express): Promise<number> {
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  server.keepAliveTimeout = 5_000;
  return (server.address() as AddressInfo).port;
}

const databaseUrl = process.argv[2];
if (!databaseUrl) throw new Error('usage: audit-overhead-gateway <database url>');
// Rate limits as high as they go: the benchmark measures the log, not the limiter's refusals.
const config = loadConfig({
  ...process.env, LIAISON_MODE: 'development', DATABASE_URL: databaseUrl,
  LIAISON_RATE_LIMIT_PER_USER: '10000000', LIAISON_RATE_LIMIT_PER_AGENCY: '100000000',
});
const log = pino({ level: 'silent' });
const dataSource = createDataSource({ url: databaseUrl, poolSize: config.db.poolSize, statementTimeoutMs: config.db.statementTimeoutMs, randomPageCost: config.db.randomPageCost });
await dataSource.initialize();
const policyStore = new PolicyStore(dataSource, { databaseUrl, log });
await policyStore.start();
const issuers = new TrustedIssuers(config.jwt.issuers, true);
const disclosureLog = new DisclosureLog({ databaseUrl, keys: loadAuditKeys(config), settings: config.audit, log });
disclosureLog.startSealing();
const timed = new TimedSink(disclosureLog);

const withLog = await createServer({ config, dataSource, policyStore, issuers, log, disclosureLog, auditSink: timed });
// In front of the gateway's own routes, whose last answers unknown paths with a 404.
const withLogApp = express();
withLogApp.get('/bench/sink', (_req, res) => {
  res.json(timed.take());
});
withLogApp.use(withLog.app);
const withoutLog = await createServer({ config, dataSource, policyStore, issuers, log, auditSink: new DiscardingAuditSink(), disclosureLog: null });

process.stdout.write(`${JSON.stringify({ withLog: await listen(withLogApp), withoutLog: await listen(withoutLog.app) })}\n`);
process.on('SIGTERM', () => {
  void (async () => {
    await disclosureLog.close();
    await policyStore.stop();
    await dataSource.destroy();
    process.exit(0);
  })();
});
