import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

/**
 * Every shared record carries its own redactions (`redactions { field reason }`), so that a
 * normalised client cache or a second page keeps them with the record. They must be exactly
 * the entries of `extensions.liaison.redactions` whose path ends in a field of that record —
 * whichever order the fields are selected in, and for the prisoner link, which is decided
 * only once the prisoner is loaded.
 */

let db: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };
interface Comparison { records: number; redacted: number; mismatches: string[] }

/** Walks the data: every object with `redactions` is a record; compares its list with the extensions' entries directly under it. */
function compare(res: GraphQLResponse): Comparison {
  const entries = res.body.extensions!.liaison!.redactions;
  const result: Comparison = { records: 0, redacted: 0, mismatches: [] };
  const walk = (value: Json, path: (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value.redactions)) {
      result.records += 1;
      const own = (value.redactions as { field: string; reason: string }[]).map((r) => `${r.field}:${r.reason}`).sort();
      const under = entries
        .filter((e) => e.path.length === path.length + 1 && path.every((key, i) => e.path[i] === key))
        .map((e) => `${String(e.path.at(-1))}:${e.reason}`).sort();
      result.redacted += own.length;
      if (JSON.stringify(own) !== JSON.stringify(under)) result.mismatches.push(`${path.join('.')}: record says ${JSON.stringify(own)}, extensions say ${JSON.stringify(under)}`);
    }
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
  };
  walk(res.body.data as Json, []);
  return result;
}

describe('per-record redactions', () => {
  it('police analyst: flags, their prisoners (religion withheld, some prisoners withheld entirely) — equal to the extensions', async () => {
    const res = await gateway.graphql(`{ riskFlags(first: 100) { edges { node {
      redactions { field reason }
      id category status summary
      prisoner { redactions { field reason } fullName religion healthNotes vepStatus releasePlan { id } }
    } } } }`, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    expect(res.body.errors).toBeUndefined();
    const { records, redacted, mismatches } = compare(res);
    expect(mismatches).toEqual([]);
    expect(records).toBeGreaterThan(100);
    expect(redacted).toBe(res.body.extensions!.liaison!.redactions.length);
    const edges = (res.body.data as any).riskFlags.edges as { node: { prisoner: any; redactions: unknown[] } }[];
    // A flag whose prisoner is withheld says so itself; a visible prisoner lists religion and health notes.
    expect(edges.some((e) => e.node.prisoner === null && JSON.stringify(e.node.redactions) === '[{"field":"prisoner","reason":"NO_CLAUSE"}]')).toBe(true);
    const shown = edges.find((e) => e.node.prisoner !== null)!.node.prisoner;
    expect(shown.redactions).toEqual([
      { field: 'religion', reason: 'STATUTORY_EXCLUSION' },
      { field: 'healthNotes', reason: 'STATUTORY_EXCLUSION' },
    ]);
  });

  it('probation officer: flag status withheld by the clause (NO_CLAUSE), nothing on plans shared in full', async () => {
    const res = await gateway.graphql(`{ releasePlans(filter: {releaseWithinDays: 90}, first: 20) { edges { node {
      releaseAddress redactions { field reason }
      prisoner { fullName riskFlags { category status redactions { field reason } } }
    } } } }`, { token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-2026-0042' });
    expect(res.body.errors).toBeUndefined();
    const { records, mismatches } = compare(res);
    expect(mismatches).toEqual([]);
    expect(records).toBeGreaterThan(5);
    const plans = (res.body.data as any).releasePlans.edges.map((e: any) => e.node);
    // A plan whose prisoner the clause does not cover (marked above its TLP) says so; the others withhold nothing.
    for (const plan of plans) expect(plan.redactions).toEqual(plan.prisoner === null ? [{ field: 'prisoner', reason: 'NO_CLAUSE' }] : []);
    const flags = plans.flatMap((p: any) => p.prisoner?.riskFlags ?? []);
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every((f: any) => JSON.stringify(f.redactions) === '[{"field":"status","reason":"NO_CLAUSE"}]')).toBe(true);
  });

  it('prison security officer: the second page of intelligence reports carries its own redactions', async () => {
    const page = (after?: string) => gateway.graphql(`query ($after: String) { prisoners(first: 3, after: $after, filter: {vepStatus: TERRORISM_CONVICTION}) {
      pageInfo { endCursor } edges { node { id healthNotes redactions { field reason }
        intelligenceReports { sanitisedText sourceReference redactions { field reason } } } } } }`,
    { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables: { after } });
    const first = await page();
    const second = await page((first.body.data as any).prisoners.pageInfo.endCursor);
    for (const res of [first, second]) {
      expect(res.body.errors).toBeUndefined();
      expect(compare(res).mismatches).toEqual([]);
    }
    const reports = (second.body.data as any).prisoners.edges.flatMap((e: any) => e.node.intelligenceReports);
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expect(report.redactions).toEqual([{ field: 'sourceReference', reason: 'STATUTORY_EXCLUSION' }]);
    for (const edge of (second.body.data as any).prisoners.edges) expect(edge.node.redactions).toEqual([{ field: 'healthNotes', reason: 'STATUTORY_EXCLUSION' }]);
  });

  it('a record that selects only its redactions lists none (only fields asked for are redactions), and the disclosure log is unchanged by the field', async () => {
    const res = await gateway.graphql('{ riskFlags(first: 2) { edges { node { id redactions { field reason } } } } }', {
      token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-2026-0042',
    });
    expect(res.body.errors).toBeUndefined();
    expect((res.body.data as any).riskFlags.edges.map((e: any) => e.node.redactions)).toEqual([[], []]);
    const decisionId = res.body.extensions!.liaison!.decisionId;
    const [row] = await db.sql<{ entry: string }>('SELECT entry FROM disclosure_log WHERE decision_id = $1', [decisionId]);
    expect(row!.entry).not.toMatch(/"redactions"/);
  });
});
