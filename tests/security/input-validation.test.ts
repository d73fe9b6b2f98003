import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshNameKeys } from '../../src/names/store/name-key-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

/**
 * Every argument is validated (issue 5 §5): ids, dates, enums, list and string lengths, and
 * free text free of control characters. A bad argument is BAD_USER_INPUT (or the GraphQL
 * layer's own validation error) — never an internal error, never data. In name search, LIKE
 * wildcards and quotes are data, not syntax.
 */

let db: TestDatabase;
let gateway: TestGateway;

/** Prisoners whose names hold every character LIKE or SQL would treat as syntax. */
const AWKWARD_NAMES = ['Zed 100% Percent', 'Zed Under_Score', 'Zed Back\\Slash', "Zed O'Quote", 'Zed Plain Name'];

beforeAll(async () => {
  db = await createTestDatabase();
  for (const [i, name] of AWKWARD_NAMES.entries()) {
    await db.sql(
      `INSERT INTO prisoner (owner_agency_code, prison_number, full_name, custody_status) VALUES ('PRISONS', $1, $2, 'SENTENCED')`,
      [`ZZ-${i}`, name],
    );
  }
  // Whoever writes names keys them for the person search (src/names/store/name-key-store.ts).
  const written = await db.sql<{ id: string }>(`SELECT id FROM prisoner WHERE prison_number LIKE 'ZZ-%'`);
  await refreshNameKeys(db.dataSource, written.map((r) => r.id));
  gateway = await startTestGateway(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const asSecurityOfficer = (query: string, variables?: Record<string, unknown>) =>
  gateway.graphql<any>(query, { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables });

/** Refused as bad input: a user-input code, no data, nothing internal. */
function expectRefused(res: GraphQLResponse<any>, codes: string[] = ['BAD_USER_INPUT']): void {
  expect(res.status).toBeLessThan(500);
  const errors = res.body.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(codes).toContain(error.extensions?.code);
  const data = res.body.data as Record<string, unknown> | null | undefined;
  for (const value of Object.values(data ?? {})) expect(value).toBeNull();
  expect(JSON.stringify(res.body)).not.toMatch(/INTERNAL_SERVER_ERROR|QueryFailedError|invalid input syntax|at .*\.(ts|js):\d+/);
}

describe('ids', () => {
  it.each([
    ['not a uuid', 'prisoner-1'],
    ['SQL', "1'; DROP TABLE prisoner; --"],
    ['too long', `${'a'.repeat(36)}${'0'.repeat(10_000)}`],
    ['an empty string', ''],
    ['36 dashes', '-'.repeat(36)],
  ])('prisoner(id) refuses %s', async (_, id) => {
    expectRefused(await asSecurityOfficer('query($id: ID!) { prisoner(id: $id) { id } }', { id }));
  });

  it('a filter prisonerId must be a UUID', async () => {
    expectRefused(await asSecurityOfficer('{ riskFlags(filter: { prisonerId: "x" }) { totalCount } }'));
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a cursor of another list', Buffer.from(JSON.stringify(['RiskFlag', '00000000-0000-4000-8000-000000000000'])).toString('base64url')],
    ['a cursor whose id is 36 dashes', Buffer.from(JSON.stringify(['Prisoner', '-'.repeat(36)])).toString('base64url')],
    ['an oversized cursor', 'A'.repeat(5_000)],
  ])('`after` refuses %s', async (_, after) => {
    expectRefused(await asSecurityOfficer('query($after: String) { prisoners(first: 1, after: $after) { totalCount } }', { after }));
  });
});

describe('dates', () => {
  it.each([
    ['not a date', 'yesterday'],
    ['a date without a time', '2026-01-01'],
    ['before 1900', '0001-01-01T00:00:00Z'],
    ['beyond PostgreSQL', '+275760-09-13T00:00:00.000Z'],
    ['after 2200', '9999-12-31T23:59:59Z'],
  ])('updatedSince refuses %s', async (_, since) => {
    const res = await asSecurityOfficer('query($since: DateTimeISO) { riskFlags(filter: { updatedSince: $since }) { totalCount } }', { since });
    expectRefused(res);
  });

  it('a plausible instant is accepted', async () => {
    const res = await asSecurityOfficer('{ riskFlags(filter: { updatedSince: "2020-01-01T00:00:00Z" }, first: 1) { totalCount } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.riskFlags.totalCount).toBeGreaterThan(0);
  });
});

describe('enums and lists', () => {
  it('an unknown enum value is refused by GraphQL validation', async () => {
    expectRefused(await asSecurityOfficer('{ riskFlags(filter: { categories: [NOT_A_CATEGORY] }) { totalCount } }'), ['GRAPHQL_VALIDATION_FAILED']);
    expectRefused(await asSecurityOfficer('query($c: [RiskFlagCategory!]) { riskFlags(filter: { categories: $c }) { totalCount } }', { c: ['NOPE'] }));
  });

  it('a list longer than the enum it draws from is refused', async () => {
    const res = await asSecurityOfficer('query($c: [RiskFlagCategory!]) { riskFlags(filter: { categories: $c }) { totalCount } }', {
      c: Array.from({ length: 5_000 }, () => 'VIOLENCE'),
    });
    expectRefused(res);
  });

  it('an Int out of range is refused', async () => {
    expectRefused(await asSecurityOfficer('{ releasePlans(filter: { releaseWithinDays: 99999999999 }) { totalCount } }'), ['GRAPHQL_VALIDATION_FAILED']);
    expectRefused(await asSecurityOfficer('{ releasePlans(filter: { releaseWithinDays: -1 }) { totalCount } }'));
    expectRefused(await asSecurityOfficer('{ releasePlans(filter: { releaseWithinDays: 3661 }) { totalCount } }'));
  });
});

describe('MoU administration inputs', () => {
  it('a NUL byte in an MoU filter is refused as bad input, never reaching the database (found by the fuzz run)', async () => {
    const res = await gateway.graphql<any>('query($f: MouFilter) { mous(filter: $f) { edges { node { reference } } } }', {
      token: mintDevelopmentToken({ agency: 'POLICE', roles: ['MOU_ADMIN'] }), variables: { f: { reference: 'a\u0000b' } },
    });
    expectRefused(res, ['BAD_USER_INPUT']);
  });
});

describe('operations', () => {
  it('a subscription over HTTP is refused at validation: subscriptions are served over WebSocket', async () => {
    const res = await asSecurityOfficer('subscription { recordChanges { id } }');
    expect(res.status).toBe(400);
    expectRefused(res, ['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors![0]!.message).toMatch(/Subscriptions are served over WebSocket/);
  });

  it('a mutation field the API does not have is refused at validation', async () => {
    const res = await asSecurityOfficer('mutation { me { userId } }');
    expect(res.status).toBe(400);
    expectRefused(res, ['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors![0]!.message).toMatch(/Cannot query field "me" on type "Mutation"/);
  });
});

describe('free text', () => {
  it.each([
    ['one character', 'Z'],
    ['over 100 characters', 'Z'.repeat(101)],
    ['a NUL byte', 'Ze\u0000d'],
    ['a line break', 'Ze\nd'],
    ['a lone surrogate', 'Ze\ud800d'],
  ])('a name search refuses %s', async (_, name) => {
    expectRefused(await asSecurityOfficer('query($name: String) { prisoners(filter: { name: $name }) { totalCount } }', { name }));
  });

  it('a NUL byte in any other text filter is refused, not passed to PostgreSQL', async () => {
    expectRefused(await asSecurityOfficer('query($v: String) { prisoners(filter: { prisonNumber: $v }) { totalCount } }', { v: 'A\u0000' }));
    expectRefused(await asSecurityOfficer('query($v: String) { releasePlans(filter: { supervisingOffice: $v }) { totalCount } }', { v: 'A\u0000' }));
    const intel = await gateway.graphql('query($v: [String!]) { intelligenceReports(filter: { handlingCodes: $v }) { totalCount } }', {
      token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables: { v: ['P\u0000'] },
    });
    expectRefused(intel);
  });
});

describe('name search: wildcards and quotes are data, not syntax', () => {
  // The name filter is the ranked person search (issue 15): no LIKE pattern is built (the
  // substring tests this block held went with it); every term travels as a bound parameter.
  const search = async (name: string): Promise<string[]> => {
    const res = await asSecurityOfficer('query($name: String) { prisoners(filter: { name: $name }, first: 100) { edges { node { fullName } } } }', { name });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.prisoners.edges.map((e: any) => e.node.fullName);
  };

  it('a name holding `%`, `_`, `\\` or `\'` finds its holder first', async () => {
    for (const name of AWKWARD_NAMES) expect((await search(name))[0], name).toBe(name);
  });

  it('wildcards, quotes and SQL comments alone match nobody, and break nothing', async () => {
    for (const name of ['%%', '__', '\\\\', "'; --"]) expect(await search(name), name).toEqual([]);
  });

  it('an ordinary search is case-insensitive', async () => {
    expect((await search('zED pLAIN nAME'))[0]).toBe('Zed Plain Name');
  });
});
