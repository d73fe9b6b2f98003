import 'reflect-metadata';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { composeGateway } from '../src/gateway.js';
import { createLogger } from '../src/observability/logger.js';
import { loadTrust } from '../src/startup-checks.js';
import { DisclosureLog } from '../src/audit/disclosure-log.js';
import { AllowAllPolicy, DiscardingAuditSink } from './baseline.js';
import { BareEntrySink } from './bare-entry-sink.js';

/**
 * A gateway process for the benchmark, composed exactly as `src/main.ts` composes it.
 * `--mode baseline` substitutes the allow-all policy and a no-op audit sink for the disclosure log;
 * `--mode policy-without-log` only leaves out the log (to show what the log costs), and
 * `--mode policy-with-bare-log` writes an entry per request without its records (the log's fixed
 * cost: bench/bare-entry-sink.ts) — through construction, here only. Prints one JSON line `{ "port": … }` when it listens.
 */
const mode = process.argv.includes('--mode') ? process.argv[process.argv.indexOf('--mode') + 1] : 'policy';
const config = loadConfig();
const log = createLogger(config.logLevel);
const { issuers, auditKeys } = loadTrust(config);
const databaseUrl = config.databaseUrl!;
const dataSource = createDataSource({ url: databaseUrl, poolSize: config.db.poolSize, statementTimeoutMs: config.db.statementTimeoutMs, randomPageCost: config.db.randomPageCost });
await dataSource.initialize();
const gateway = await composeGateway(
  { config, log, databaseUrl, dataSource, issuers, auditKeys },
  mode === 'baseline' ? { policy: (store) => new AllowAllPolicy(store), auditSink: new DiscardingAuditSink() }
    : mode === 'policy-without-log' ? { auditSink: new DiscardingAuditSink() }
      : mode === 'policy-with-bare-log' ? { auditSink: new BareEntrySink(new DisclosureLog({ databaseUrl, keys: auditKeys, settings: config.audit, log })) } : {},
);
const http = gateway.server.listen(0, '127.0.0.1');
await once(http, 'listening');
http.keepAliveTimeout = 30_000;
gateway.server.subscriptions.attach(http);
process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port, mode })}\n`);

process.on('SIGTERM', async () => {
  await gateway.server.subscriptions.close();
  http.closeAllConnections();
  http.close(() => void gateway.stop().then(() => dataSource.destroy()).then(() => process.exit(0)));
});
