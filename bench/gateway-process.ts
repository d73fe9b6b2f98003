import 'reflect-metadata';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { TrustedIssuers } from '../src/auth/trusted-issuers.js';
import { loadConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { createLogger } from '../src/observability/logger.js';
import { createServer } from '../src/server.js';
import { PolicyStore } from '../src/services/policy-store.js';
import { assertSafeToStart } from '../src/startup-checks.js';
import { AllowAllPolicy } from './baseline.js';

/**
 * A gateway process for the benchmark, built like `src/main.ts` builds it. `--mode baseline`
 * swaps in the allow-all policy and no audit sink — through construction, here only.
 * Prints one JSON line `{ "port": … }` when it listens; stops on SIGTERM.
 */
const mode = process.argv.includes('--mode') ? process.argv[process.argv.indexOf('--mode') + 1] : 'policy';
const config = loadConfig();
const log = createLogger(config.logLevel);
const url = config.databaseUrl!;
const dataSource = createDataSource({ url, poolSize: config.db.poolSize, statementTimeoutMs: config.db.statementTimeoutMs });
await dataSource.initialize();
const store = new PolicyStore(dataSource, { databaseUrl: url, log });
await store.start();
const issuers = new TrustedIssuers(config.jwt.issuers, config.mode === 'development');
assertSafeToStart(config, issuers);
const server = await createServer({
  config, dataSource, issuers, log,
  policyStore: mode === 'baseline' ? new AllowAllPolicy(store) : store,
});
const http = server.app.listen(0, '127.0.0.1');
await once(http, 'listening');
http.keepAliveTimeout = 30_000;
process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port, mode })}\n`);

process.on('SIGTERM', () => {
  http.closeAllConnections();
  http.close(() => void server.stop().then(() => store.stop()).then(() => dataSource.destroy()).then(() => process.exit(0)));
});
