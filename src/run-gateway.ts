import 'reflect-metadata';
import { tracing } from './instrument.js';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './observability/logger.js';
import { seedDemoData, hasDemoData } from './seed/seed-demo.js';
import { composeGateway } from './gateway.js';
import { loadTrustFromDatabase } from './startup-trust.js';

const SHUTDOWN_GRACE_MS = 10_000;

/** The gateway process: config → database → migrations → demo data → server → listen; drains and stops on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // The embedded database (if any) in its own process group: Ctrl-C reaches only this process,
  // which drains its requests and then stops the database.
  const db = await openDatabase(config, log, { detachEmbedded: true, answerDeadline: true });
  let trust;
  try {
    const applied = await migrate(db.dataSource);
    if (applied.length) log.info({ migrations: applied }, 'migrations applied');
    if (config.mode === 'development' && config.seedOnFirstStart && !(await hasDemoData(db.dataSource))) {
      log.info('empty database: loading the demo data set');
      const summary = await seedDemoData(db.dataSource, { now: new Date() });
      log.info({ ...summary }, 'demo data loaded');
    }
    // Issuers configured and applied to the database, each bound to an agency it has.
    trust = await loadTrustFromDatabase(config, db.dataSource);
  } catch (error) {
    await db.close();
    throw error;
  }
  const { issuers, auditKeys } = trust;

  const gateway = await composeGateway({ config, log, databaseUrl: db.url, dataSource: db.dataSource, issuers, auditKeys });
  const http: Server = gateway.server.listen(config.port, config.host);
  await once(http, 'listening');
  gateway.server.subscriptions.attach(http);
  http.keepAliveTimeout = 5_000;
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  process.stdout.write([
    '',
    `Liaison gateway (${config.mode} mode) on http://${config.host}:${port}/graphql`,
    `  database: ${db.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`,
    `  console: http://${config.host}:${port}/console${config.graphiql ? ` · GraphQL IDE: http://${config.host}:${port}/graphql in a browser` : ''}`,
    ...(config.mode === 'development' ? [
      '  demo tokens (development issuer), e.g.:',
      '    npx liaison token --agency POLICE --role ANALYST',
      '    npx liaison token --agency PROBATION --role PROBATION_OFFICER',
      '    npx liaison token --agency PRISONS --role SECURITY_OFFICER',
      '  then: curl -H "Authorization: Bearer $TOKEN" -H "Liaison-Purpose: COUNTER_TERRORISM" \\',
      `          -H "Content-Type: application/json" -d '{"query":"{ me { agency { code } roles } }"}' http://${config.host}:${port}/graphql`,
    ] : []),
    '',
  ].join('\n') + '\n');

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining in-flight requests');
    // Subscribers are told the server is going away (1001) and resume elsewhere from their last event id.
    await gateway.server.subscriptions.close().catch(() => undefined);
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    // A keep-alive connection turns idle when its last response is sent: close it then, rather
    // than after the keep-alive timeout, so the drain ends with the last in-flight request.
    const idle = setInterval(() => http.closeIdleConnections(), 100);
    http.closeIdleConnections();
    const timer = setTimeout(() => http.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await closed;
    clearInterval(idle);
    clearTimeout(timer);
    await gateway.stop();
    await db.close();
    await tracing?.shutdown();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `configuration error: ${error.message}` : (error as Error).stack ?? String(error);
  process.stderr.write(`liaison: cannot start: ${message}\n`);
  process.exit(1);
});
