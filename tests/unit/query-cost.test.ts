import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costVariables, operationCost } from '../../src/limits/query-cost.js';
import { gatewaySchema } from '../../src/schema/build-schema.js';

/** The cost model of the query limits: the worst-case number of fields a response can hold. */

async function cost(query: string, variables: Record<string, unknown> = {}): Promise<{ cost: number; pageSizes: string[] }> {
  const pageSizes: string[] = [];
  return { cost: operationCost({ schema: await gatewaySchema(), query: parse(query), variables, pageSizes }), pageSizes };
}

describe('query cost', () => {
  it('counts each field once', async () => {
    expect((await cost('{ me { userId roles agency { code name } } }')).cost).toBe(1 + (1 + 1 + (1 + 2)));
  });

  it('multiplies a page by `first`, and its edges are not counted twice', async () => {
    // prisoners: 1 + 5 × (edges: 1 + 1 × (node: 1 + id 1))
    expect((await cost('{ prisoners(first: 5) { edges { node { id } } } }')).cost).toBe(1 + 5 * (1 + (1 + 1)));
  });

  it('takes `first` from the variables, and 20 when it is absent', async () => {
    const query = 'query($n: Int) { riskFlags(first: $n) { totalCount } }';
    expect((await cost(query, { n: 7 })).cost).toBe(1 + 7);
    expect((await cost(query)).cost).toBe(1 + 20);
  });

  it('multiplies a nested list by its cap of 100 per parent', async () => {
    // 1 + 2 × (edges 1 + (node 1 + (riskFlags 1 + 100 × (id 1 + category 1))))
    expect((await cost('{ prisoners(first: 2) { edges { node { riskFlags { id category } } } } }')).cost).toBe(1 + 2 * (1 + (1 + (1 + 100 * 2))));
  });

  it('knows `me.permissions` holds one entry per kind of record', async () => {
    expect((await cost('{ me { permissions { subject } } }')).cost).toBe(1 + (1 + 7 * 1));
  });

  it('counts a list of scalars as one field, introspection as nothing', async () => {
    expect((await cost('{ me { roles } __typename }')).cost).toBe(1 + 1);
  });

  it('records every page over 100 items', async () => {
    const { pageSizes } = await cost('{ a: prisoners(first: 101) { totalCount } b: riskFlags(first: 100) { totalCount } }');
    expect(pageSizes).toEqual(['prisoners(first: 101): at most 100 records per page']);
  });

  it('skips what @skip / @include leave out', async () => {
    expect((await cost('{ me { userId roles @skip(if: true) } }')).cost).toBe(1 + 1);
  });

  it('depends only on the variables in `first` and in directives (the cache key of a document\'s costs)', () => {
    const document = parse(`query($id: ID!, $n: Int, $skip: Boolean!, $filter: RiskFlagFilter, $after: String) {
      prisoner(id: $id) { id fullName @skip(if: $skip) }
      riskFlags(first: $n, after: $after, filter: $filter) { totalCount } }`);
    expect(costVariables(document)).toEqual(['n', 'skip']);
    expect(costVariables(parse('{ riskFlags(first: 3) { totalCount } }'))).toEqual([]);
  });
});
