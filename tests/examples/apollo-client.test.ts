import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { ApolloClient } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegenConfig from '../../examples/apollo-client/codegen.js';
import { counterTerrorismFlags, prisonerFile, releasePlansDue } from '../../examples/apollo-client/src/journeys.js';
import { createLiaisonClient, signOut } from '../../examples/apollo-client/src/liaison-client.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The example integrator's client (examples/apollo-client): its generated operation types
 * are current with the schema and its operations, and its three journeys run against a real
 * gateway — records normalised in the cache with their own redactions, every query sent to
 * the gateway (so a suspension takes effect and every read is logged).
 */

const EXAMPLE = path.join(PACKAGE_ROOT, 'examples', 'apollo-client');
let db: TestDatabase;
let gateway: TestGateway;
const clients: ApolloClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
});

afterAll(async () => {
  for (const client of clients) await signOut(client);
  await gateway?.close();
  await db?.drop();
});

function client(token: string, purpose: string, caseReference?: string): ApolloClient {
  const created = createLiaisonClient({ url: `${gateway.url}/graphql`, token, purpose, caseReference });
  clients.push(created);
  return created;
}

const logEntries = async (userId: string): Promise<number> =>
  Number((await db.sql<{ n: string }>('SELECT count(*) AS n FROM disclosure_log WHERE user_id = $1', [userId]))[0]!.n);

describe('the example Apollo Client', () => {
  it('has generated types matching the schema and its operations (regenerate: cd examples/apollo-client && npx graphql-codegen --config codegen.ts)', async () => {
    const [output] = await generate({ ...codegenConfig, cwd: EXAMPLE, silent: true }, false);
    expect(output!.filename).toBe('src/generated/graphql.ts');
    expect(output!.content).toBe(readFileSync(path.join(EXAMPLE, output!.filename), 'utf8'));
  }, 60_000);

  it('journey 1: flags and prisoners normalised in the cache, each with its own redactions', async () => {
    const analyst = client(demoTokens.policeAnalyst(), 'COUNTER_TERRORISM');
    const page = await counterTerrorismFlags(analyst, 5);
    expect(page.riskFlags.edges.length).toBeGreaterThan(0);
    const shown = page.riskFlags.edges.find((e) => e.node.prisoner !== null)!.node.prisoner!;
    expect(shown.religion).toBeNull();
    expect(shown.redactions).toEqual([{ __typename: 'Redaction', field: 'religion', reason: 'STATUTORY_EXCLUSION' }]);

    // The cache holds the prisoner once, by id, with the redactions the gateway sent for it.
    const cached = analyst.cache.extract() as Record<string, { redactions?: unknown; religion?: unknown }>;
    expect(cached[`Prisoner:${shown.id}`]).toMatchObject({ religion: null, redactions: [{ __typename: 'Redaction', field: 'religion', reason: 'STATUTORY_EXCLUSION' }] });

    // The next page's records carry theirs too.
    if (page.riskFlags.pageInfo.hasNextPage) {
      const next = await counterTerrorismFlags(analyst, 5, page.riskFlags.pageInfo.endCursor!);
      for (const edge of next.riskFlags.edges) {
        if (edge.node.prisoner) expect(edge.node.prisoner.redactions.map((r) => r.field)).toEqual(['religion']);
      }
    }
  });

  it('journey 1 again after the MoU is suspended: the client asks the gateway (network-only), gets nothing, and each read was logged', async () => {
    const analyst = client(demoTokens.policeAnalyst(), 'COUNTER_TERRORISM');
    const before = await logEntries('analyst-1');
    expect((await counterTerrorismFlags(analyst, 5)).riskFlags.totalCount).toBeGreaterThan(0);

    const admin = demoTokens.prisonsMouAdmin();
    const list = await gateway.graphql<any>('{ mous(filter: { reference: "MOU-PRISONS-POLICE-01" }) { edges { node { id status } } } }', { token: admin });
    const mous = list.body.data.mous.edges.map((e: any) => e.node);
    const active = mous.find((m: any) => m.status === 'ACTIVE');
    const suspended = await gateway.graphql(`mutation { suspendMou(id: "${active.id}", reason: "Example client test") { status } }`, { token: admin });
    expect(suspended.body.errors).toBeUndefined();

    const after = await counterTerrorismFlags(analyst, 5);
    expect(after.riskFlags.totalCount).toBe(0);
    expect(after.riskFlags.edges).toEqual([]);
    expect(await logEntries('analyst-1')).toBe(before + 2);
  });

  it('journey 2: a probation officer with a case reference; the clause withholds flag status', async () => {
    const officer = client(demoTokens.probationOfficer(), 'SUPERVISION', 'CASE-2026-0042');
    const plans = await releasePlansDue(officer, 90);
    expect(plans.releasePlans.totalCount).toBeGreaterThan(0);
    const flags = plans.releasePlans.edges.flatMap((e) => e.node.prisoner?.riskFlags ?? []);
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) {
      expect(flag.status).toBeNull();
      expect(flag.redactions).toEqual([{ __typename: 'Redaction', field: 'status', reason: 'NO_CLAUSE' }]);
    }
  });

  it('journey 3: a prison security officer reads a prisoner file with police intelligence, the source withheld', async () => {
    const [row] = await db.sql<{ id: string }>(`SELECT p.id FROM prisoner p JOIN intelligence_report_subject s ON s.prisoner_id = p.id
      JOIN intelligence_report r ON r.id = s.report_id WHERE r.handling_code = 'P' AND r.tlp IN ('CLEAR','GREEN','AMBER','AMBER_STRICT') LIMIT 1`);
    const officer = client(demoTokens.prisonSecurityOfficer(), 'PRISON_SECURITY');
    const file = await prisonerFile(officer, row!.id);
    expect(file?.fullName).toBeTruthy();
    expect(file!.redactions).toEqual([{ __typename: 'Redaction', field: 'healthNotes', reason: 'STATUTORY_EXCLUSION' }]);
    const reports = file!.intelligenceReports ?? [];
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) {
      expect(report.sourceReference).toBeNull();
      expect(report.redactions).toEqual([{ __typename: 'Redaction', field: 'sourceReference', reason: 'STATUTORY_EXCLUSION' }]);
    }
  });

  it('signing out forgets everything the client held', async () => {
    const analyst = client(demoTokens.policeAnalyst(), 'COUNTER_TERRORISM');
    await counterTerrorismFlags(analyst, 3).catch(() => undefined);
    await signOut(analyst);
    expect(analyst.cache.extract()).toEqual({});
  });
});
