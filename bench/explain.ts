import pg from 'pg';
import { startRecordingGateway } from './recording-gateway.js';
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
  const gateway = await startRecordingGateway(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const found: SeqScan[] = [];
  let statements = 0;
  try {
    for (const scenario of scenarioList) {
      gateway.recorder.statements = [];
      await fetch(gateway.endpoint, {
        method: 'POST', headers: { 'content-type': 'application/json', ...scenario.headers }, body: scenario.body(0),
      });
      for (const { query, parameters } of gateway.recorder.statements.filter((s) => /^\s*SELECT/i.test(s.query))) {
        statements++;
        const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query}`, parameters);
        const tables: string[] = [];
        seqScans(rows[0]['QUERY PLAN'], tables);
        for (const table of new Set(tables)) found.push({ scenario: scenario.id, table, statement: query.replace(/\s+/g, ' ').slice(0, 160) });
      }
    }
  } finally {
    await client.end();
    await gateway.stop();
  }
  return { statements, seqScans: found };
}
