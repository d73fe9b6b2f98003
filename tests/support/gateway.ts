import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { loadAuditKeys } from '../../src/audit/audit-keys.js';
import type { AuditSink } from '../../src/audit/audit-sink.js';
import { DisclosureLog } from '../../src/audit/disclosure-log.js';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { TrustedIssuers } from '../../src/auth/trusted-issuers.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createServer, type LiaisonServer } from '../../src/server.js';
import { MouLifecycleScheduler } from '../../src/mou/scheduler.js';
import { PolicyStore } from '../../src/enforcement/policy-store.js';
import type { DataSource } from 'typeorm';
import type { TestDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: { liaison?: { decisionId: string; purpose: string | null; redactions: { path: (string | number)[]; reason: string }[] } };
  };
}

export interface CallOptions {
  token?: string | null;
  purpose?: string;
  caseReference?: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface TestGateway {
  url: string;
  server: LiaisonServer;
  policyStore: PolicyStore;
  config: Config;
  /** The disclosure log every request is written to (unless `auditSink` replaced the sink). */
  disclosureLog: DisclosureLog;
  graphql<T = Record<string, unknown>>(query: string, options?: CallOptions): Promise<GraphQLResponse<T>>;
  get(path: string): Promise<Response>;
  close(): Promise<void>;
}

/** Tokens of the demo journeys, from the development issuer (real ES256 signatures). */
export const demoTokens = {
  policeAnalyst: () => mintDevelopmentToken({ agency: 'POLICE', roles: ['ANALYST'], userId: 'analyst-1' }),
  probationOfficer: () => mintDevelopmentToken({ agency: 'PROBATION', roles: ['PROBATION_OFFICER'], userId: 'po-1' }),
  prisonSecurityOfficer: () => mintDevelopmentToken({ agency: 'PRISONS', roles: ['SECURITY_OFFICER'], userId: 'so-1' }),
  prisonHealthStaff: () => mintDevelopmentToken({ agency: 'PRISONS', roles: ['HEALTH_STAFF'], userId: 'hs-1' }),
  auditor: () => mintDevelopmentToken({ agency: 'INSPECTORATE', roles: ['AUDITOR'], userId: 'auditor-1' }),
  /** An MOU_ADMIN of `agency`; distinct users by default, since one person may not both draft and approve. */
  mouAdmin: (agency: string, userId = `${agency.toLowerCase()}-admin-1`) => mintDevelopmentToken({ agency, roles: ['MOU_ADMIN'], userId }),
  prisonsMouAdmin: () => mintDevelopmentToken({ agency: 'PRISONS', roles: ['MOU_ADMIN'], userId: 'prisons-admin-1' }),
  policeMouAdmin: () => mintDevelopmentToken({ agency: 'POLICE', roles: ['MOU_ADMIN'], userId: 'police-admin-1' }),
  probationMouAdmin: () => mintDevelopmentToken({ agency: 'PROBATION', roles: ['MOU_ADMIN'], userId: 'probation-admin-1' }),
};

/**
 * A gateway over real HTTP on a free port, on the given test database, in development mode,
 * writing every request to the real disclosure log (scheduled sealing off unless `env` turns
 * it on; `auditSink` replaces the sink, e.g. to count calls).
 */
export async function startTestGateway(
  db: Pick<TestDatabase, 'url' | 'dataSource'>,
  options: { env?: Record<string, string>; auditSink?: AuditSink; watch?: boolean; dataSource?: DataSource; lifecycle?: boolean; log?: Logger } = {},
): Promise<TestGateway> {
  const config = loadConfig({
    LIAISON_MODE: 'development', DATABASE_URL: db.url, LOG_LEVEL: 'silent', LIAISON_AUDIT_CHECKPOINT_INTERVAL: '0', ...options.env,
  });
  const log = options.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const issuers = new TrustedIssuers(config.jwt.issuers, config.mode === 'development');
  await issuers.start(log);
  const dataSource = options.dataSource ?? db.dataSource;
  const policyStore = new PolicyStore(dataSource, { databaseUrl: db.url, log, watch: options.watch ?? false });
  await policyStore.start();
  const lifecycle = options.lifecycle
    ? new MouLifecycleScheduler(dataSource, { log, onPolicyChange: (revision) => policyStore.noteRevision(revision) })
    : undefined;
  lifecycle?.start();
  const disclosureLog = new DisclosureLog({ databaseUrl: db.url, keys: loadAuditKeys(config), settings: config.audit, log });
  disclosureLog.startSealing();
  const server = await createServer({ config, dataSource, policyStore, issuers, log, disclosureLog, auditSink: options.auditSink ?? disclosureLog });
  const http: Server = server.listen(0, '127.0.0.1');
  await once(http, 'listening');
  server.subscriptions.attach(http);
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  return {
    url,
    server,
    policyStore,
    config,
    disclosureLog,
    async graphql<T>(query: string, call: CallOptions = {}): Promise<GraphQLResponse<T>> {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...call.headers };
      if (call.token !== null) headers.authorization = `Bearer ${call.token ?? demoTokens.prisonSecurityOfficer()}`;
      if (call.purpose) headers['liaison-purpose'] = call.purpose;
      if (call.caseReference) headers['liaison-case-reference'] = call.caseReference;
      const response = await fetch(`${url}/graphql`, {
        method: 'POST', headers, body: JSON.stringify({ query, variables: call.variables ?? {} }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() as GraphQLResponse<T>['body'] };
    },
    get: (path) => fetch(`${url}${path}`),
    async close() {
      // WebSocket connections are not the HTTP server's to close: end them first, or close() waits on them.
      await server.subscriptions.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.stop();
      await lifecycle?.stop();
      await disclosureLog.close();
      await policyStore.stop();
      issuers.stop();
    },
  };
}

/**
 * Reconciles the rate-limit and daily-quota counters of `gateways` now, as their interval
 * would within `LIAISON_LIMITS_SYNC_MS`: each sends what it counted, then each reads what all
 * of them sent. Tests that alternate gateways request by request call it in between.
 */
export async function reconcileLimits(...gateways: TestGateway[]): Promise<void> {
  for (const gateway of gateways) await gateway.server.limitCounters.reconcile();
  for (const gateway of gateways) await gateway.server.limitCounters.reconcile();
}
