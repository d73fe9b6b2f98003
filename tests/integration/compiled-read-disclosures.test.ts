import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { entryFor } from '../support/disclosure-log.js';
import { demoTokens, reconcileLimits, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';
import { demoMouId, mouApi, ok } from '../support/mou-api.js';

/**
 * Issue 13 §3 — every record a response reveals is logged and charged, whatever reveals it:
 * an edge's cursor, a page's endCursor, a count, a relation selected for `__typename` only.
 * Cursors carry no record id. And list order never follows a field the caller may not see.
 */

const FLAG_CLAUSE = 'Active risk flags of VEPs';
const QUOTA = 100_000;

let db: TestDatabase;
let gateway: TestGateway;
let flagClauseId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
  // A (large) daily quota on the police flag clause, set as administrators set it, so that what
  // each request is charged can be read from the counter.
  const api = mouApi(gateway);
  const draft = ok(await api.amend(demoTokens.mouAdmin('PRISONS'), await demoMouId(db.sql, 'MOU-PRISONS-POLICE-01')));
  const flagClause = draft.clauses.find((c) => c.label === FLAG_CLAUSE)!;
  ok(await api.updateClause(demoTokens.mouAdmin('PRISONS'), flagClause.id, { dailyRecordQuota: QUOTA }));
  ok(await api.submit(demoTokens.mouAdmin('PRISONS'), draft.id));
  ok(await api.approve(demoTokens.mouAdmin('PRISONS', 'prisons-admin-2'), draft.id));
  ok(await api.approve(demoTokens.mouAdmin('POLICE'), draft.id));
  const [clause] = await db.sql<{ id: string }>(
    `SELECT c.id FROM mou_clause c JOIN mou m ON m.id = c.mou_id WHERE c.label = $1 AND m.reference = 'MOU-PRISONS-POLICE-01' AND m.status = 'ACTIVE'`, [FLAG_CLAUSE]);
  flagClauseId = clause!.id;
  const [{ revision }] = (await db.sql<{ revision: number }>('SELECT revision::int AS revision FROM policy_state')) as [{ revision: number }];
  gateway.policyStore.noteRevision(revision);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const asAnalyst = (query: string) => gateway.graphql<any>(query, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
const decisionOf = (res: GraphQLResponse): string => res.body.extensions!.liaison!.decisionId;

async function chargedToday(): Promise<number> {
  // Quotas are counted in process and reconciled on an interval (issue 13 §4): here, now.
  await reconcileLimits(gateway);
  const [row] = await db.sql<{ records: number }>(
    `SELECT records FROM clause_daily_disclosure WHERE clause_id = $1 AND recipient_agency_code = 'POLICE' AND day = (now() AT TIME ZONE 'UTC')::date`,
    [flagClauseId]);
  return row?.records ?? 0;
}

/** The records of `subject` the request's log entry names, checking each is a disclosure under the flag clause when a flag. */
async function loggedIds(res: GraphQLResponse, subject: string): Promise<string[]> {
  expect(res.body.errors).toBeUndefined();
  const entry = await entryFor(db, decisionOf(res));
  expect(entry?.kind).toBe('DISCLOSURE');
  const records = entry!.records.filter((r) => r.subject === subject);
  if (subject === 'RiskFlag') for (const record of records) expect(record.clauseIds).toContain(flagClauseId);
  return records.map((r) => r.id).sort();
}

const firstFlagIds = async (count: number): Promise<string[]> =>
  (await asAnalyst(`{ riskFlags(first: ${count}) { edges { node { id } } } }`)).body.data.riskFlags.edges.map((e: any) => e.node.id);

describe('records revealed without a field are logged and charged', () => {
  it('a cursor-only page names its records, and its cursors carry no record id', async () => {
    const expected = await firstFlagIds(3);
    const before = await chargedToday();
    const res = await asAnalyst('{ riskFlags(first: 3) { edges { cursor } } }');
    const cursors: string[] = res.body.data.riskFlags.edges.map((e: any) => e.cursor);
    expect(cursors).toHaveLength(3);
    for (const cursor of cursors) {
      const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
      for (const id of expected) expect(decoded).not.toContain(id);
      expect(decoded).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
    expect(await loggedIds(res, 'RiskFlag')).toEqual([...expected].sort());
    expect(await chargedToday() - before).toBe(3);
  });

  it('an endCursor names the record it stands for', async () => {
    const expected = await firstFlagIds(2);
    const before = await chargedToday();
    const res = await asAnalyst('{ riskFlags(first: 2) { pageInfo { endCursor } } }');
    expect(res.body.data.riskFlags.pageInfo.endCursor).toEqual(expect.any(String));
    expect(await loggedIds(res, 'RiskFlag')).toEqual([expected[1]]);
    expect(await chargedToday() - before).toBe(1);
    // The cursor pages on as before.
    const next = await asAnalyst(`{ riskFlags(first: 1, after: "${res.body.data.riskFlags.pageInfo.endCursor}") { edges { node { id } } } }`);
    expect(next.body.data.riskFlags.edges[0].node.id).toBe((await firstFlagIds(3))[2]);
  });

  it('an endCursor asked for through a fragment, under aliases, is made and names its record', async () => {
    // An endCursor is made only when the selection asks for it (as an edge's cursor), so the
    // selection must find it however it is asked for: the cursor returned is the record logged.
    const expected = await firstFlagIds(2);
    const res = await asAnalyst('{ riskFlags(first: 2) { info: pageInfo { ...End } } } fragment End on PageInfo { last: endCursor }');
    expect(res.body.data.riskFlags.info.last).toEqual(expect.any(String));
    expect(await loggedIds(res, 'RiskFlag')).toEqual([expected[1]]);
  });

  it('hasNextPage names the record after the page, whose existence it reveals', async () => {
    const expected = await firstFlagIds(3);
    const before = await chargedToday();
    const res = await asAnalyst('{ riskFlags(first: 2) { pageInfo { hasNextPage } } }');
    expect(res.body.data.riskFlags.pageInfo.hasNextPage).toBe(true);
    expect(await loggedIds(res, 'RiskFlag')).toEqual([expected[2]]);
    expect(await chargedToday() - before).toBe(1);
    // With the page's edges, the page and the next record are named; nothing is named twice.
    const withEdges = await asAnalyst('{ riskFlags(first: 2) { edges { node { id } } pageInfo { hasNextPage } } }');
    expect(await loggedIds(withEdges, 'RiskFlag')).toEqual([...expected].sort());
  });

  it('a count-only page names every record it counts', async () => {
    const before = await chargedToday();
    const res = await asAnalyst('{ riskFlags { totalCount } }');
    const total = res.body.data.riskFlags.totalCount as number;
    expect(total).toBeGreaterThan(5);
    const logged = await loggedIds(res, 'RiskFlag');
    expect(logged).toHaveLength(total);
    const visible = await db.sql<{ id: string }>(
      `SELECT f.id FROM risk_flag f JOIN prisoner p ON p.id = f.prisoner_id
        WHERE f.owner_agency_code = 'PRISONS' AND f.status = 'ACTIVE' AND f.tlp IN ('CLEAR','GREEN','AMBER') AND f.withdrawn_at IS NULL
          AND p.vep_status IN ('TERRORISM_CONVICTION','TERRORISM_CONNECTED','ASSESSED_VEP')`);
    expect(logged).toEqual(visible.map((r) => r.id).sort());
    expect(await chargedToday() - before).toBe(total);
  });

  it('a relation selected only for __typename names the related records', async () => {
    const before = await chargedToday();
    const res = await asAnalyst('{ prisoners(first: 5, filter: { vepStatus: [TERRORISM_CONVICTION] }) { edges { node { riskFlags { __typename } } } } }');
    const shown = res.body.data.prisoners.edges.flatMap((e: any) => e.node.riskFlags ?? []);
    expect(shown.length).toBeGreaterThan(0);
    expect(await loggedIds(res, 'RiskFlag')).toHaveLength(shown.length);
    // The prisoners, revealed by their edges, are named too.
    expect(await loggedIds(res, 'Prisoner')).toHaveLength(5);
    expect(await chargedToday() - before).toBe(shown.length);
  });
});

describe('one document, its @skip / @include read from each request\'s variables', () => {
  // A document's selections are worked out once and shared by its requests, unless a directive
  // reads a variable: then each request reads and logs what its own variables include.
  const query = `query Page($withSummary: Boolean!, $withPrisoner: Boolean!) { riskFlags(first: 3) { edges { node {
    id summary @include(if: $withSummary) prisoner @include(if: $withPrisoner) { id fullName } } } } }`;
  const send = (variables: Record<string, boolean>) =>
    gateway.graphql<any>(query, { token: demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM', variables });

  it('each request reads, returns and logs the fields and relations its variables include, in any order', async () => {
    for (const [withSummary, withPrisoner] of [[false, false], [true, true], [false, false], [true, false], [false, true]] as const) {
      const res = await send({ withSummary, withPrisoner });
      const nodes = res.body.data.riskFlags.edges.map((e: any) => e.node);
      expect(nodes).toHaveLength(3);
      for (const node of nodes) {
        expect('summary' in node).toBe(withSummary);
        if (withSummary) expect(typeof node.summary).toBe('string');
        expect('prisoner' in node).toBe(withPrisoner);
        if (withPrisoner) expect(typeof node.prisoner.fullName).toBe('string');
      }
      const entry = await entryFor(db, decisionOf(res));
      const flagFields = new Set(entry!.records.filter((r) => r.subject === 'RiskFlag').flatMap((r) => r.fields));
      expect(flagFields.has('summary')).toBe(withSummary);
      expect(entry!.records.some((r) => r.subject === 'Prisoner')).toBe(withPrisoner);
    }
  });
});

describe('list order never follows a withheld field', () => {
  const asProbation = (query: string) => gateway.graphql<any>(query, {
    token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-ORDER-1',
  });

  it('a probation officer, who is not granted raisedAt, gets flags in id order, at the root and nested', async () => {
    const res = await asProbation('{ riskFlags(first: 50) { edges { node { id raisedAt category } } } }');
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data.riskFlags.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(5);
    expect(nodes.every((n: any) => n.raisedAt === null)).toBe(true);
    const ids = nodes.map((n: any) => n.id);
    expect(ids).toEqual([...ids].sort().reverse());
    // The hidden raisedAt order would differ: the order really is not the hidden one.
    const hidden = await db.sql<{ id: string }>('SELECT id FROM risk_flag WHERE id = ANY($1::uuid[]) ORDER BY raised_at DESC, id DESC', [ids]);
    expect(hidden.map((r) => r.id)).not.toEqual(ids);

    const nested = await asProbation('{ releasePlans(first: 20) { edges { node { prisoner { riskFlags { id } } } } } }');
    expect(nested.body.errors).toBeUndefined();
    const lists = nested.body.data.releasePlans.edges.map((e: any) => (e.node.prisoner?.riskFlags ?? []).map((f: any) => f.id));
    expect(lists.some((list: string[]) => list.length > 1)).toBe(true);
    for (const list of lists) expect(list).toEqual([...list].sort().reverse());
  });

  it('a police analyst, granted raisedAt on every flag, gets them newest first', async () => {
    const res = await asAnalyst('{ riskFlags(first: 30) { edges { node { id raisedAt } } } }');
    const stamps = res.body.data.riskFlags.edges.map((e: any) => e.node.raisedAt as string);
    expect(stamps).toEqual([...stamps].sort().reverse());
  });
});
