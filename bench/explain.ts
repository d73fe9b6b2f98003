import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { TrustedIssuers } from '../src/auth/trusted-issuers.js';
import { loadConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { createServer } from '../src/server.js';
import { PolicyStore } from '../src/enforcement/policy-store.js';
import { TRUSTED_ISSUERS_FILE } from './issuer.js';
import { DiscardingAuditSink } from './baseline.js';
import type { Scenario } from './scenarios.js';

/**
 * Runs each scenario once through an in-process gateway that records every SQL statement it
 * sends, then EXPLAINs them: a sequential scan on a large table means a list query that will
 * not stay fast as data grows.
 */

const LARGE_TABLES = new Set([
  'prisoner', 'prisoner_name', 'risk_flag', 'risk_assessment', 'release_plan', 'licence_condition',
  'intervention', 'intelligence_report', 'intelligence_report_subject', 'classification',
]);

export interface SeqScan {
  scenario: string;
  table: string;
  statement: string;
}

class Recorder implements TypeOrmLogger {
  statements: { query: string; parameters: unknown[] }[] = [];
  logQuery(query: string, parameters?: unknown[]) {
    if (/^\s*SELECT/i.test(query)) this.statements.push({ query, parameters: parameters ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

function seqScans(plan: unknown, found: string[]): void {
  if (Array.isArray(plan)) return plan.forEach((p) => seqScans(p, found));
  if (!plan || typeof plan !== 'object') return;
  const node = plan as Record<string, unknown>;
  if (node['Node Type'] === 'Seq Scan' && typeof node['Relation Name'] === 'string' && LARGE_TABLES.has(node['Relation Name'])) {
    found.push(node['Relation Name']);
  }
  for (const value of Object.values(node)) if (typeof value === 'object') seqScans(value, found);
}

export async function explainScenarios(url: string, scenarioList: Scenario[]): Promise<{ statements: number; seqScans: SeqScan[] }> {
  const recorder = new Recorder();
  const dataSource = createDataSource({ url, poolSize: 4, queryLogger: recorder });
  await dataSource.initialize();
  const config = loadConfig({ LIAISON_MODE: 'production', DATABASE_URL: url, LOG_LEVEL: 'silent', LIAISON_TRUSTED_ISSUERS: TRUSTED_ISSUERS_FILE });
  const log = pino({ level: 'silent' });
  const store = new PolicyStore(dataSource, { log, watch: false });
  await store.start();
  const server = await createServer({
    config, dataSource, policyStore: store, issuers: new TrustedIssuers(config.jwt.issuers, false), log, auditSink: new DiscardingAuditSink(), disclosureLog: null,
  });
  const http = server.app.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const found: SeqScan[] = [];
  let statements = 0;
  try {
    for (const scenario of scenarioList) {
      recorder.statements = [];
      await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, body: scenario.body(0),
      });
      for (const { query, parameters } of recorder.statements) {
        statements++;
        const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query}`, parameters);
        const tables: string[] = [];
        seqScans(rows[0]['QUERY PLAN'], tables);
        for (const table of new Set(tables)) found.push({ scenario: scenario.id, table, statement: query.replace(/\s+/g, ' ').slice(0, 160) });
      }
    }
  } finally {
    await client.end();
    http.closeAllConnections();
    http.close();
    await server.stop();
    await store.stop();
    await dataSource.destroy();
  }
  return { statements, seqScans: found };
}
