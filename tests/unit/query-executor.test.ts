import { buildSchema, execute, parse, type ExecutionResult, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/context/request-context.js';
import { queryExecutor } from '../../src/http/query-executor.js';
import { recordFieldResolver } from '../../src/resolvers/record-field-resolver.js';

/**
 * The query executor (src/http/query-executor.ts) answers exactly as graphql-js does: the same
 * response text — data, errors with their messages, paths and locations, in the same order —
 * for aliases, fragments, `@skip`/`@include`, `__typename`, arguments and variables, promises
 * at any depth, errors thrown or rejected, nulls propagated from non-null fields, values a type
 * cannot serialise, invalid variables and introspection; and a plan kept for a document
 * follows each request's variables. (Records, masks and the disclosure log under this executor
 * are what every gateway test checks.)
 */

const schema: GraphQLSchema = buildSchema(`
  type Query {
    item(id: ID!): Item
    items(first: Int = 2, tag: String): [Item!]!
    nullableItems(first: Int = 3): [Item!]
    strict(fail: Boolean = false): Item!
    later: [Item]
    failing: Item
    numbers: [Int!]
    echo(input: EchoInput): String
    tamper(input: EchoInput): String
  }
  type Mutation { bump(by: Int!): Int }
  input EchoInput { text: String!, times: Int = 1 }
  enum Kind { A B }
  type Item {
    id: ID!
    name: String
    tags: [String!]
    parent: Item
    mustHave: String!
    computed(suffix: String): String
    asyncName: String
    kind: Kind
    count: Int
    child: Item!
  }
`);

interface Item { id: string; name: string | null; tags?: string[]; parent?: Item | null; mustHave: string | null; kind?: string; count?: unknown; child?: Item | null }
const items: Record<string, Item> = {
  1: { id: '1', name: 'one', tags: ['x', 'y'], mustHave: 'm1', kind: 'A', count: 3, parent: null },
  2: { id: '2', name: null, tags: [], mustHave: 'm2', kind: 'B', count: 'many' },
  3: { id: '3', name: 'three', mustHave: null, kind: 'C', count: 1.5, child: null },
};
items[2]!.parent = items[1]!;
items[1]!.child = items[2]!;
const withBehaviour = (item: Item) => ({
  ...item,
  computed: (args: { suffix?: string }) => `${item.name ?? '?'}${args.suffix ?? ''}`,
  asyncName: () => new Promise((resolve) => setTimeout(() => resolve(item.name), 1)),
});

const resolvers: Record<string, GraphQLFieldResolver<unknown, unknown, any>> = {
  item: (_root, { id }: { id: string }) => (items[id] ? withBehaviour(items[id]) : null),
  items: async (_root, { first }: { first: number }) => Object.values(items).slice(0, first).map(withBehaviour),
  nullableItems: (_root, { first }: { first: number }) => Object.values(items).slice(0, first).map(withBehaviour),
  strict: (_root, { fail }: { fail: boolean }) => (fail ? null : withBehaviour(items[1]!)),
  later: () => [Promise.resolve(withBehaviour(items[1]!)), Promise.reject(new Error('not now')), null],
  failing: () => {
    throw new Error('refused');
  },
  numbers: () => [1, null, 3],
  echo: (_root, { input }: { input?: unknown }) => JSON.stringify(input ?? null),
  tamper: (_root, { input }: { input: { text: string } }) => {
    const seen = input.text;
    input.text = 'changed by a resolver';
    return seen;
  },
};
for (const [name, resolve] of Object.entries(resolvers)) schema.getQueryType()!.getFields()[name]!.resolve = resolve;
let bumped = 0;
schema.getMutationType()!.getFields().bump!.resolve = (_root, { by }: { by: number }) => (bumped += by);

/** Not a RequestContext: nothing here is a governed type, so the default resolver reads plain properties. */
const context = {} as RequestContext;
const ours = queryExecutor(schema, {});

async function both(source: string, variables?: Record<string, unknown>): Promise<[string, string]> {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
  const theirs = await execute({ schema, document, rootValue: {}, contextValue: context, variableValues: variables, fieldResolver: recordFieldResolver as GraphQLFieldResolver<unknown, unknown> });
  const mine = await ours({ schema, document, operation, variables, context });
  return [JSON.stringify(mine), JSON.stringify(theirs)];
}

/** The same document object, run again: the second run uses the plans kept from the first. */
async function twiceWithOneDocument(source: string, variableSets: Record<string, unknown>[]): Promise<string[]> {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
  const texts: string[] = [];
  for (const variables of [...variableSets, ...variableSets]) {
    const mine = await ours({ schema, document, operation, variables, context });
    const theirs = await execute({ schema, document, rootValue: {}, contextValue: context, variableValues: variables, fieldResolver: recordFieldResolver as GraphQLFieldResolver<unknown, unknown> });
    expect(JSON.stringify(mine)).toBe(JSON.stringify(theirs));
    texts.push(JSON.stringify(mine));
  }
  return texts;
}

describe('the query executor answers as graphql-js', () => {
  it('aliases, named and inline fragments, merged fields, __typename and arguments', async () => {
    const [mine, theirs] = await both(`
      query Q { a: item(id: "1") { id ...F name } b: item(id: "2") { ... on Item { id kind } tags id } items(first: 1) { id __typename } __typename }
      fragment F on Item { name parent { id } child { id name parent { name } } computed(suffix: "!") }`);
    expect(mine).toBe(theirs);
    expect(JSON.parse(mine)).toEqual({
      data: {
        a: { id: '1', name: 'one', parent: null, child: { id: '2', name: null, parent: { name: 'one' } }, computed: 'one!' },
        b: { id: '2', kind: 'B', tags: [] },
        items: [{ id: '1', __typename: 'Item' }],
        __typename: 'Query',
      },
    });
  });

  it('a response key __proto__ (a valid alias) is a field of the response, not a prototype', async () => {
    const source = '{ __proto__: item(id: "1") { id } constructor: item(id: "2") { __proto__: name toString: id } }';
    const [mine, theirs] = await both(source);
    expect(mine).toBe(theirs);
    expect(mine).toBe('{"data":{"__proto__":{"id":"1"},"constructor":{"__proto__":null,"toString":"2"}}}');
    const document = parse(source);
    const result = await ours({ schema, document, operation: document.definitions[0] as never, context });
    expect(Object.keys(result.data!)).toEqual(['__proto__', 'constructor']);
  });

  it('@skip and @include follow each request\'s variables, with the plan kept for the document', async () => {
    const texts = await twiceWithOneDocument(
      `query Q($withName: Boolean!, $skipTags: Boolean = false, $first: Int) {
        items(first: $first) { id name @include(if: $withName) ...T @skip(if: $skipTags) }
        item(id: "1") { id @skip(if: true) name }
      }
      fragment T on Item { tags }`,
      [{ withName: true, first: 1 }, { withName: false, skipTags: true, first: 2 }, { withName: true, skipTags: true }],
    );
    expect(JSON.parse(texts[0]!).data.items).toEqual([{ id: '1', name: 'one', tags: ['x', 'y'] }]);
    expect(JSON.parse(texts[1]!).data.items).toEqual([{ id: '1' }, { id: '2' }]);
    expect(JSON.parse(texts[3]!)).toEqual(JSON.parse(texts[0]!));
  });

  it('errors thrown, rejected and from nested promises: null at their paths, in graphql-js\'s order', async () => {
    const [mine, theirs] = await both('{ later { id asyncName } failing { id } numbers strict { id asyncName } item(id: "1") { asyncName } }');
    expect(mine).toBe(theirs);
    const result = JSON.parse(mine) as ExecutionResult;
    expect(result.errors!.map((e) => e.path)).toEqual(expect.arrayContaining([['later', 1], ['failing'], ['numbers', 1]]));
    expect(result.data).toMatchObject({ later: [{ id: '1', asyncName: 'one' }, null, null], failing: null, numbers: null });
  });

  it('a null in a non-null field propagates to the nearest nullable parent, or makes data null', async () => {
    for (const source of [
      '{ nullableItems { id mustHave } }',
      '{ item(id: "3") { id mustHave } }',
      '{ item(id: "1") { child { id child { id } } } }',
      '{ items(first: 3) { id mustHave } }',
      '{ strict(fail: true) { id } item(id: "1") { id } }',
    ]) {
      const [mine, theirs] = await both(source);
      expect(mine, source).toBe(theirs);
      expect(JSON.parse(mine).errors, source).toHaveLength(1);
    }
    expect(JSON.parse((await both('{ strict(fail: true) { id } }'))[0])).toMatchObject({ data: null });
  });

  it('values a type cannot serialise are field errors', async () => {
    for (const id of ['1', '2', '3']) {
      const [mine, theirs] = await both(`{ item(id: "${id}") { id count kind } }`);
      expect(mine).toBe(theirs);
    }
    expect(JSON.parse((await both('{ item(id: "2") { count } }'))[0]).errors[0].message).toMatch(/Int cannot represent non-integer value/);
  });

  it('input objects and variables, their defaults, and invalid variables (no data)', async () => {
    const source = 'query E($in: EchoInput) { echo(input: $in) literal: echo(input: { text: "t" }) }';
    for (const variables of [{ in: { text: 'hello', times: 2 } }, { in: { text: 'hello' } }, {}, { in: { times: 'x' } }, { in: 5 }]) {
      const [mine, theirs] = await both(source, variables);
      expect(mine, JSON.stringify(variables)).toBe(theirs);
    }
    expect(JSON.parse((await both(source, { in: { times: 'x' } }))[0])).not.toHaveProperty('data');
  });

  it('arguments computed once for a document are frozen: a resolver cannot change what the next request gets', async () => {
    const document = parse('{ tamper(input: { text: "original" }) }');
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
    for (let i = 0; i < 2; i += 1) {
      const result = await ours({ schema, document, operation, context });
      expect(result.data).toEqual({ tamper: null });
      expect(result.errors?.[0]?.message).toMatch(/read only|read-only|Cannot assign/);
    }
  });

  it('introspection and mutations answer as graphql-js', async () => {
    const [mine, theirs] = await both('{ __schema { queryType { name } types { name kind } } __type(name: "Item") { name fields { name type { name kind ofType { name } } } } }');
    expect(mine).toBe(theirs);
    expect(JSON.parse(mine).data.__type.name).toBe('Item');
    const document = parse('mutation { bump(by: 2) }');
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
    const before = bumped;
    expect(await ours({ schema, document, operation, context })).toEqual({ data: { bump: before + 2 } });
  });
});
