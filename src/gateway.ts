import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuditKeys } from './audit/audit-keys.js';
import type { AuditSink } from './audit/audit-sink.js';
import { DisclosureLog } from './audit/disclosure-log.js';
import type { TrustedIssuers } from './auth/trusted-issuers.js';
import type { Config } from './config.js';
import { createServer, type LiaisonServer } from './server.js';
import { MouLifecycleScheduler } from './mou/scheduler.js';
import { PolicyStore, type PolicySource } from './enforcement/policy-store.js';
import { AlertWorkers } from './webhooks/alert-workers.js';

export interface Gateway {
  server: LiaisonServer;
  policyStore: PolicyStore;
  /** Stops everything but the database, in order (after HTTP has drained). */
  stop(): Promise<void>;
}

/**
 * Construction-time substitutions, for the benchmark's allow-all baseline only: nothing in
 * configuration reaches them, so a deployed gateway always runs with its policy and its log.
 */
export interface GatewaySubstitutions {
  policy?: (store: PolicyStore) => PolicySource;
  /** Replaces the disclosure log as the audit sink (no log is opened): the benchmark's no-op sink. */
  auditSink?: AuditSink;
}

/**
 * The running parts of a gateway process, as `main.ts` starts them: the policy store
 * (LISTEN/NOTIFY), the MoU lifecycle clock, the disclosure log and its sealer, the webhook and
 * correction-notice workers, the server.
 */
export async function composeGateway(deps: {
  config: Config;
  log: Logger;
  databaseUrl: string;
  dataSource: DataSource;
  issuers: TrustedIssuers;
  auditKeys: AuditKeys;
}, substitutions: GatewaySubstitutions = {}): Promise<Gateway> {
  const { config, log, databaseUrl, dataSource, issuers, auditKeys } = deps;
  const policyStore = new PolicyStore(dataSource, { databaseUrl, log });
  await policyStore.start();
  // Identity providers that publish their keys (JWKS): fetched now, refreshed from then on.
  await issuers.start(log);
  // Every process runs the MoU lifecycle clock (activation at validFrom, expiry at validUntil);
  // an advisory lock lets one act at a time.
  const lifecycle = new MouLifecycleScheduler(dataSource, { log, onPolicyChange: (revision) => policyStore.noteRevision(revision) });
  lifecycle.start();
  // Every request that reads personal data is logged before its response leaves (fail closed).
  const disclosureLog = substitutions.auditSink ? null : new DisclosureLog({ databaseUrl, keys: auditKeys, settings: config.audit, log });
  const auditSink: AuditSink | null = substitutions.auditSink ?? disclosureLog;
  if (!auditSink) throw new Error('composeGateway: no audit sink');
  disclosureLog?.startSealing();
  if (disclosureLog) {
    log.info({ signingKeyId: auditKeys.signer?.keyId ?? null, checkpointIntervalSeconds: config.audit.checkpointIntervalSeconds }, 'disclosure log ready');
  }
  const server = await createServer({
    config, dataSource, issuers, log, disclosureLog,
    auditSink,
    policyStore: substitutions.policy ? substitutions.policy(policyStore) : policyStore,
  });
  // Webhook deliveries and correction notices, followed from the change feed (state in the database).
  const alerts = config.alerts.workers ? new AlertWorkers({ settings: config.alerts, dataSource, databaseUrl, policies: policyStore, log }) : null;
  await alerts?.start();
  return {
    server,
    policyStore,
    stop: async () => {
      await server.stop();
      await alerts?.stop();
      await lifecycle.stop();
      await disclosureLog?.close();
      await policyStore.stop();
      issuers.stop();
    },
  };
}
