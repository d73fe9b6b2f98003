import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { TrustedIssuers } from '../src/auth/trusted-issuers.js';
import { loadConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { PolicyStore } from '../src/enforcement/policy-store.js';
import { createServer } from '../src/server.js';
import { DiscardingAuditSink } from './baseline.js';
import { TRUSTED_ISSUERS_FILE } from './issuer.js';

/** A statement the gateway sent through its data source. */
export interface RecordedStatement {
  query: string;
  parameters: unknown[];
}

/** Records every statement sent through the data source's logger (the compiled read's included). */
class StatementRecorder implements TypeOrmLogger {
  statements: RecordedStatement[] = [];
  logQuery(query: string, parameters?: unknown[]) {
    this.statements.push({ query, parameters: parameters ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

export interface RecordingGateway {
  /** The gateway's /graphql URL. */
  endpoint: string;
  recorder: StatementRecorder;
  stop(): Promise<void>;
}

/**
 * The gateway in this process, in production mode with the policy on and the disclosure log
 * discarded (its insert runs on its own pool, not through the data source), recording the
 * statements it sends: what `bench/explain.ts` and `bench/read-statements.ts` look at.
 */
export async function startRecordingGateway(url: string, env: Record<string, string> = {}): Promise<RecordingGateway> {
  const recorder = new StatementRecorder();
  const dataSource = createDataSource({ url, poolSize: 4, queryLogger: recorder });
  await dataSource.initialize();
  const config = loadConfig({ LIAISON_MODE: 'production', DATABASE_URL: url, LOG_LEVEL: 'silent', LIAISON_TRUSTED_ISSUERS: TRUSTED_ISSUERS_FILE, ...env });
  const log = pino({ level: 'silent' });
  const store = new PolicyStore(dataSource, { log, watch: false });
  await store.start();
  const server = await createServer({
    config, dataSource, policyStore: store, issuers: new TrustedIssuers(config.jwt.issuers, false), log, auditSink: new DiscardingAuditSink(), disclosureLog: null,
  });
  const http = server.listen(0, '127.0.0.1');
  await once(http, 'listening');
  return {
    endpoint: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    recorder,
    stop: async () => {
      http.closeAllConnections();
      http.close();
      await server.stop();
      await store.stop();
      await dataSource.destroy();
    },
  };
}
