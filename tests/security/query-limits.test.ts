import { HeaderMap } from '@apollo/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../../src/context/request-context.js';
import { createDataSource } from '../../src/db/data-source.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { StatementLog } from '../support/statement-log.js';
import { demoTokens, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

/**
 * Query limits (issue 5 §2): depth, cost with list sizes, aliases, tokens, directives,
 * document size, batching and page size. Over any limit the answer is QUERY_TOO_COMPLEX,
 * no data, and no statement has reached the database: no resolver ran.
 */

let db: TestDatabase;
let counted: DataSource;
let gateway: TestGateway;
const statements = new StatementLog();

beforeAll(async () => {
  db = await createTestDatabase();
  counted = createDataSource({ url: db.url, poolSize: 4, queryLogger: statements });
  await counted.initialize();
  gateway = await startTestGateway(db, { dataSource: counted });
});

afterAll(async () => {
  await gateway?.close();
  await counted?.destroy();
  await db?.drop();
});

beforeEach(() => {
  statements.statements = [];
});

const asSecurityOfficer = (query: string, variables?: Record<string, unknown>) =>
  gateway.graphql<any>(query, { token: demoTokens.prisonSecurityOfficer(), purpose: 'PRISON_SECURITY', variables });

function expectTooComplex(res: GraphQLResponse, message?: RegExp): void {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
  expect(res.body.errors![0]!.extensions!.decisionId).toBe(res.headers.get('liaison-decision-id'));
  if (message) expect(res.body.errors![0]!.message).toMatch(message);
  // Before any resolver: not one statement of the request reached the database.
  expect(statements.statements).toEqual([]);
}

const nest = (levels: number): string => {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = i % 2 === 0 ? `prisoner { ${selection} }` : `riskFlags { ${selection} }`;
  return selection;
};

describe('depth', () => {
  it('a query nested deeper than 8 levels is QUERY_TOO_COMPLEX', async () => {
    // riskFlags → edges → node → prisoner → riskFlags → prisoner → riskFlags → prisoner → id: 9 levels
    const res = await asSecurityOfficer(`{ riskFlags(first: 1) { edges { node { ${nest(5)} } } } }`);
    expectTooComplex(res, /depth/i);
  });

  it('fragments count at their real depth', async () => {
    const res = await asSecurityOfficer(`
      fragment Deep on Prisoner { riskFlags { prisoner { riskFlags { prisoner { id } } } } }
      { riskFlags(first: 1) { edges { node { prisoner { ...Deep } } } } }`);
    expectTooComplex(res, /depth/i);
  });

  it('the journeys stay well within it', async () => {
    const res = await asSecurityOfficer(`{ riskFlags(first: 1) { edges { node { ${nest(3)} } } } }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });
});

describe('cost, with list sizes', () => {
  const nested = `edges { node { id riskFlags { id category } intelligenceReports { id subjects { id fullName } } } }`;

  it('counts a page of 100 prisoners times their nested lists (100 each) and refuses it', async () => {
    const res = await asSecurityOfficer(`{ prisoners(first: 100) { ${nested} } }`);
    expectTooComplex(res, /up to \d+ fields, over the limit of 50000/);
  });

  it('counts `first` given as a variable, not only as a literal', async () => {
    const query = `query Page($n: Int) { prisoners(first: $n) { ${nested} } }`;
    expectTooComplex(await asSecurityOfficer(query, { n: 100 }));
    statements.statements = [];
    const small = await asSecurityOfficer(query, { n: 2 });
    expect(small.status).toBe(200);
    expect(small.body.data.prisoners.edges).toHaveLength(2);
  });

  it('counts the default page size (20) when `first` is absent', async () => {
    // 20 prisoners × (reports × subjects = 100 × 100) is far over; 1 prisoner × the same is not.
    expectTooComplex(await asSecurityOfficer(`{ prisoners { ${nested} } }`));
    statements.statements = [];
    expect((await asSecurityOfficer(`{ prisoners(first: 1) { edges { node { riskFlags { id } } } } }`)).status).toBe(200);
  });

  it('a fragment spread many times is counted each time, and the walk itself is bounded', async () => {
    const fragments = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Prisoner { ${i === 11 ? 'id fullName' : `...F${i + 1} ...F${i + 1}`} }`).join('\n');
    const res = await asSecurityOfficer(`${fragments}\n{ prisoners(first: 1) { edges { node { ...F0 } } } }`);
    expectTooComplex(res);
  });
});

describe('page size', () => {
  it('`first` over 100 is QUERY_TOO_COMPLEX, as a literal or a variable', async () => {
    expectTooComplex(await asSecurityOfficer('{ riskFlags(first: 101) { totalCount } }'), /at most 100 records per page/);
    statements.statements = [];
    expectTooComplex(await asSecurityOfficer('query($n: Int) { prisoners(first: $n) { totalCount } }', { n: 1_000_000 }));
  });

  it('the same document is judged with each request\'s variables (its cost is remembered per variables)', async () => {
    const query = 'query Page($n: Int) { prisoners(first: $n) { totalCount } }';
    for (const n of [5, 1_000_000, 5, 1_000_000]) {
      statements.statements = [];
      const res = await asSecurityOfficer(query, { n });
      if (n === 5) expect(res.status).toBe(200);
      else expectTooComplex(res, /at most 100 records per page/);
    }
  });

  it('a remembered cost still depends on a directive\'s variable, and a request\'s variables are still type-checked', async () => {
    // The cost is remembered by the values of the variables in `first` and in directives only:
    // a prisoner's id does not change it, but @include(if: $all) and $n do, and a request whose
    // variables do not fit their types is refused before any statement even once the cost is known.
    const query = `query Flags($id: ID!, $all: Boolean!, $n: Int) {
      prisoner(id: $id) { id riskFlags @include(if: $all) { id category } }
      prisoners(first: $n) { totalCount } }`;
    const [first, second] = (await asSecurityOfficer('{ prisoners(first: 2) { edges { node { id } } } }')).body.data.prisoners.edges;
    for (const id of [first.node.id, second.node.id]) {
      statements.statements = [];
      const res = await asSecurityOfficer(query, { id, all: false, n: 5 });
      expect(res.status).toBe(200);
      expect(res.body.data.prisoner.id).toBe(id);
      expect(res.body.data.prisoner.riskFlags).toBeUndefined();
    }
    const included = await asSecurityOfficer(query, { id: first.node.id, all: true, n: 5 });
    expect(included.status).toBe(200);
    expect(Array.isArray(included.body.data.prisoner.riskFlags)).toBe(true);
    statements.statements = [];
    expectTooComplex(await asSecurityOfficer(query, { id: first.node.id, all: false, n: 101 }), /at most 100 records per page/);
    statements.statements = [];
    const mistyped = await asSecurityOfficer(query, { id: first.node.id, all: false, n: 'five' });
    expect(mistyped.status).toBe(400);
    expect(mistyped.body.data).toBeUndefined();
    expect(mistyped.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(mistyped.body.errors![0]!.message).toMatch(/\$n/);
    expect(statements.statements).toEqual([]);
    statements.statements = [];
    const missing = await asSecurityOfficer(query, { all: false, n: 5 });
    expect(missing.status).toBe(400);
    expect(missing.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(missing.body.errors![0]!.message).toMatch(/\$id/);
    expect(statements.statements).toEqual([]);
  });

  it('`first` of exactly 100 is served', async () => {
    const res = await asSecurityOfficer('{ riskFlags(first: 100) { edges { node { id } } } }');
    expect(res.status).toBe(200);
    expect(res.body.data.riskFlags.edges).toHaveLength(100);
  });

  it('a negative `first` is malformed input (BAD_USER_INPUT), not a limit', async () => {
    const res = await asSecurityOfficer('{ riskFlags(first: -1) { totalCount } }');
    expect(res.body.data).toBeNull();
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('aliases, directives, tokens', () => {
  it('more than 10 aliases is QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: me { userId }`).join(' ');
    expectTooComplex(await asSecurityOfficer(`{ ${aliases} }`), /alias/i);
  });

  it('10 aliases are served', async () => {
    const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: me { userId }`).join(' ');
    const res = await asSecurityOfficer(`{ ${aliases} }`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data)).toHaveLength(10);
  });

  it('more than 10 directives is QUERY_TOO_COMPLEX', async () => {
    const fields = Array.from({ length: 11 }, () => '__typename @include(if: true)').join(' ');
    expectTooComplex(await asSecurityOfficer(`{ me { ${fields} } }`), /directive/i);
  });

  it('a document over 1000 tokens is QUERY_TOO_COMPLEX, before it is even parsed in full', async () => {
    const fields = Array.from({ length: 1000 }, () => 'userId').join(' ');
    expectTooComplex(await asSecurityOfficer(`{ me { ${fields} } }`), /more than 1000 tokens/);
  });

  it('a field repeated hundreds of times is refused quickly: field merging has a budget (no quadratic blow-up)', async () => {
    const started = performance.now();
    expectTooComplex(await asSecurityOfficer(`{ me { ${Array.from({ length: 900 }, () => 'userId').join(' ')} } }`), /repeats fields/);
    // The refusal above is the mechanism; the bound only catches quadratic merging (seconds, not milliseconds).
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('document size and batching', () => {
  const post = (body: string) => fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${demoTokens.prisonSecurityOfficer()}` },
    body,
  });

  it('a body over 64 KiB is 413 QUERY_TOO_COMPLEX, as JSON, before GraphQL sees it', async () => {
    const res = await post(JSON.stringify({ query: `{ me { userId } } # ${'x'.repeat(70_000)}` }));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json() as GraphQLResponse['body'];
    expect(body.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', decisionId: res.headers.get('liaison-decision-id') });
    expect(body.errors![0]!.message).toMatch(/larger than the limit of 65536 bytes/);
    expect(statements.statements).toEqual([]);
  });

  it('a batch of operations in one request is QUERY_TOO_COMPLEX', async () => {
    const res = await post(JSON.stringify([{ query: '{ me { userId } }' }, { query: '{ me { roles } }' }]));
    expect(res.status).toBe(400);
    const body = await res.json() as GraphQLResponse['body'];
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(statements.statements).toEqual([]);
  });

  it('a batch of one is still a batch', async () => {
    const res = await post(JSON.stringify([{ query: '{ me { userId } }' }]));
    expect(res.status).toBe(400);
  });

  it('behind that, Apollo itself refuses batches (allowBatchedHttpRequests is off)', async () => {
    const response = await gateway.server.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body: [{ query: '{ __typename }' }, { query: '{ __typename }' }],
      },
      context: async () => ({}) as RequestContext,
    });
    expect(response.status).toBe(400);
    expect(response.body.kind === 'complete' && response.body.string).toMatch(/batching/i);
  });
});
