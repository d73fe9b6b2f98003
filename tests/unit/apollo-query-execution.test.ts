import { ApolloServer } from '@apollo/server';
import { buildSchema, GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/context/request-context.js';
import { apolloQueryExecution } from '../../src/http/apollo-query-execution.js';

/**
 * The query executor inside a real Apollo Server (src/http/apollo-query-execution.ts): a query
 * is executed once — answered by the plugin, or, when its result has errors, handed to Apollo's
 * own error handling without being executed again; mutations and invalid variables go through
 * Apollo's execution as before.
 */

const schema = buildSchema(`
  type Query { hello(name: String!): String, broken: String, refused: String }
  type Mutation { count: Int }
`);
let calls = 0;
let mutations = 0;
const fields = schema.getQueryType()!.getFields();
fields.hello!.resolve = (_root, { name }: { name: string }) => {
  calls += 1;
  return `hello ${name}`;
};
fields.broken!.resolve = () => {
  calls += 1;
  throw new Error('internal detail');
};
fields.refused!.resolve = () => {
  calls += 1;
  throw new GraphQLError('not for you', { extensions: { code: 'FORBIDDEN' } });
};
schema.getMutationType()!.getFields().count!.resolve = () => (mutations += 1);

async function server() {
  const { gateway, plugin } = apolloQueryExecution(schema, {});
  const apollo = new ApolloServer<RequestContext>({
    gateway,
    plugins: [plugin],
    includeStacktraceInErrorResponses: false,
    // As the gateway's formatError: an error without a code is masked.
    formatError: (formatted) => (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' ? { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } } : formatted),
  });
  await apollo.start();
  return apollo;
}

const single = (response: Awaited<ReturnType<ApolloServer<RequestContext>['executeOperation']>>) => {
  if (response.body.kind !== 'single') throw new Error('not a single result');
  return response.body.singleResult;
};

describe('queries in Apollo Server', () => {
  it('a query without errors is answered once, by the executor', async () => {
    const apollo = await server();
    calls = 0;
    const response = await apollo.executeOperation({ query: 'query ($n: String!) { hello(name: $n) again: hello(name: "x") }', variables: { n: 'a' } }, { contextValue: {} as RequestContext });
    expect(single(response)).toEqual({ data: { hello: 'hello a', again: 'hello x' } });
    expect(response.http.status).toBeUndefined();
    expect(calls).toBe(2);
    await apollo.stop();
  });

  it('a query with errors gets Apollo\'s error handling, without being executed twice', async () => {
    const apollo = await server();
    calls = 0;
    const result = single(await apollo.executeOperation({ query: '{ hello(name: "a") broken refused }' }, { contextValue: {} as RequestContext }));
    expect(calls).toBe(3);
    expect(result.data).toEqual({ hello: 'hello a', broken: null, refused: null });
    expect(result.errors).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      expect.objectContaining({ message: 'not for you', path: ['refused'], extensions: { code: 'FORBIDDEN' } }),
    ]);
    await apollo.stop();
  });

  it('invalid variables: 400, BAD_USER_INPUT, nothing executed', async () => {
    const apollo = await server();
    calls = 0;
    const response = await apollo.executeOperation({ query: 'query ($n: String!) { hello(name: $n) }', variables: { n: 5 } }, { contextValue: {} as RequestContext });
    expect(response.http.status).toBe(400);
    expect(single(response).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(single(response)).not.toHaveProperty('data');
    expect(calls).toBe(0);
    await apollo.stop();
  });

  it('a mutation is executed once, through Apollo\'s execution', async () => {
    const apollo = await server();
    const before = mutations;
    expect(single(await apollo.executeOperation({ query: 'mutation { count }' }, { contextValue: {} as RequestContext }))).toEqual({ data: { count: before + 1 } });
    expect(mutations).toBe(before + 1);
    await apollo.stop();
  });
});
