import fc from 'fast-check';
import {
  getNamedType, GraphQLBoolean, GraphQLNonNull, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType,
  isObjectType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';
import { isSubjectType } from '../../../src/policies/subjects.js';

/**
 * fast-check arbitraries for GraphQL requests built from the contract's schema: selections
 * over every type (record types always select `__typename` and `id`, so the policy oracle
 * can check each returned record), arguments of every input type as literals or variables
 * — valid values, boundary values and hostile ones — directives, inline fragments, root
 * aliases; then text mutations of those documents and random strings.
 */

/** Values drawn from the database, so that generated ids and names hit real rows. */
export interface ValuePools {
  ids: readonly string[];
  nameParts: readonly string[];
  cursors: readonly string[];
}

export interface FuzzRequest {
  query: string;
  variables: unknown;
  /** How it was made: generated documents get the field-level oracle, mutated ones row-level only. */
  origin: 'generated' | 'mutated' | 'random';
}

type ArgValue = { as: 'literal'; type: GraphQLInputType; value: unknown } | { as: 'variable'; type: GraphQLInputType; value: unknown };

interface Selection {
  alias?: string;
  name: string;
  args: [string, ArgValue][];
  directive?: { name: 'include' | 'skip'; condition: ArgValue };
  /** Wrap the children in `... on Type { }`. */
  inlineFragmentOn?: string;
  children?: Selection[];
}

const MAX_DEPTH = 5;

const HOSTILE_STRINGS = [
  '', ' ', '%', '%%', '_', '__', '\\', '\\\\', "'", "''", '"', "'; DROP TABLE prisoner; --", '%_\\\'"', '\u0000', 'a\u0000b',
  '\n', '\u202e', '\ud800', '😀', 'ابن', 'Ibn', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '../../etc/passwd',
  'x'.repeat(101), 'x'.repeat(5_000), 'null', 'undefined', '0', '-1', '1e309', 'NaN',
];

/**
 * `typed` values fit their GraphQL types (they reach the resolvers and the policy, which is
 * where data could leak); `hostile` ones also break them (nulls for non-null, wrong scalar
 * kinds, unknown enum values, arbitrary JSON variables).
 */
type Mode = 'typed' | 'hostile';

/** `arbitrary`'s value with probability `p`, else undefined. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: Math.round((1 - p) * 100), arbitrary: fc.constant(undefined) }, { weight: Math.round(p * 100), arbitrary });

class ValueGenerator {
  constructor(private readonly pools: ValuePools, private readonly mode: Mode) {}

  private get hostile(): boolean {
    return this.mode === 'hostile';
  }

  string(): fc.Arbitrary<string> {
    const { pools } = this;
    return fc.oneof(
      { weight: this.hostile ? 3 : 1, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: this.hostile ? 3 : 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
      { weight: 3, arbitrary: pools.nameParts.length ? fc.constantFrom(...pools.nameParts) : fc.constant('ab') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
      { weight: 1, arbitrary: pools.cursors.length ? fc.constantFrom(...pools.cursors) : fc.constant('x') },
    );
  }

  scalar(name: string): fc.Arbitrary<unknown> {
    const junk = (arbitrary: fc.Arbitrary<unknown>): { weight: number; arbitrary: fc.Arbitrary<unknown> } => ({ weight: this.hostile ? 1 : 0, arbitrary });
    switch (name) {
      case 'Int':
        return fc.oneof(
          { weight: 12, arbitrary: fc.integer({ min: 0, max: 5 }) },
          { weight: 2, arbitrary: fc.constantFrom(-1, 0, 1, 20, 99, 100, 101, 180, 3660, 3661, 2_147_483_647, -2_147_483_648) },
          { weight: 1, arbitrary: fc.integer() },
          junk(fc.oneof(fc.double(), fc.constantFrom(2 ** 40, 1.5, '3', true))),
        );
      case 'Float':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return fc.oneof({ weight: 9, arbitrary: fc.boolean() }, junk(fc.constantFrom('true', 0, 1)));
      case 'ID':
        return fc.oneof(
          { weight: 5, arbitrary: this.pools.ids.length ? fc.constantFrom(...this.pools.ids) : fc.uuid() },
          { weight: 2, arbitrary: fc.uuid() },
          { weight: this.hostile ? 2 : 1, arbitrary: this.string() },
          junk(fc.integer()),
        );
      case 'DateTimeISO':
        return fc.oneof(
          { weight: 5, arbitrary: fc.date({ min: new Date('1890-01-01T00:00:00Z'), max: new Date('2250-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()) },
          junk(fc.constantFrom('2026-01-01', 'yesterday', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01T00:00:00+14:00')),
          junk(this.string()),
        );
      default:
        return this.string();
    }
  }

  input(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) {
      return fc.oneof({ weight: 19, arbitrary: this.present(type.ofType, depth) }, { weight: this.hostile ? 1 : 0, arbitrary: fc.constant(null) });
    }
    return fc.oneof({ weight: 9, arbitrary: this.present(type, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  }

  private present(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) return this.present(type.ofType, depth);
    if (isListType(type)) {
      const item = this.input(type.ofType, depth + 1);
      return fc.oneof(
        { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
        { weight: 2, arbitrary: item },
        { weight: 1, arbitrary: fc.array(item, { minLength: 20, maxLength: 60 }) },
      );
    }
    if (isEnumType(type)) {
      const values = type.getValues().map((v) => v.name);
      return fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...values) },
        { weight: this.hostile ? 1 : 0, arbitrary: fc.constantFrom('NOT_A_VALUE', values[0]!.toLowerCase(), '') },
      );
    }
    if (isInputObjectType(type)) {
      if (depth > 3) return fc.constant({});
      const fields = Object.values(type.getFields());
      return fc.tuple(...fields.map((f) => fc.option(this.input(f.type, depth + 1), { nil: undefined, freq: 3 })))
        .map((values) => Object.fromEntries(fields.map((f, i) => [f.name, values[i]]).filter(([, v]) => v !== undefined)));
    }
    if (isScalarType(type)) return this.scalar(type.name);
    return fc.constant(null);
  }

  /** An argument as a literal or a variable (in hostile mode, sometimes a variable whose JSON does not fit its type). */
  argument(type: GraphQLInputType): fc.Arbitrary<ArgValue> {
    return fc.oneof(
      { weight: 5, arbitrary: this.input(type).map((value): ArgValue => ({ as: 'literal', type, value })) },
      { weight: 4, arbitrary: this.input(type).map((value): ArgValue => ({ as: 'variable', type, value })) },
      { weight: this.hostile ? 1 : 0, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value): ArgValue => ({ as: 'variable', type, value })) },
    );
  }

  field(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<Selection> {
    const named = getNamedType(field.type);
    // Well-typed documents nearly always page, so that their cost lets records through to the oracle.
    const presence = (name: string, type: GraphQLInputType): number => (isNonNullType(type) || (name === 'first' && !this.hostile) ? 20 : 2);
    const args = fc.tuple(...field.args.map((arg) => fc.option(this.argument(arg.type), { nil: undefined, freq: presence(arg.name, arg.type) })))
      .map((values) => field.args.map((arg, i) => [arg.name, values[i]] as [string, ArgValue | undefined]).filter((e): e is [string, ArgValue] => e[1] !== undefined));
    const directive = sometimes(fc.record({ name: fc.constantFrom('include' as const, 'skip' as const), condition: this.argument(new GraphQLNonNull(GraphQLBoolean)) }), 1 / 12);
    const children = isObjectType(named) ? this.selectionSet(named, depth + 1) : fc.constant(undefined);
    const inline = isObjectType(named) ? sometimes(fc.constant(named.name), 1 / 8) : fc.constant(undefined);
    return fc.record({ args, directive, children, inline }).map(({ args: a, directive: d, children: c, inline: on }) => ({
      name: field.name, args: a, ...(d ? { directive: d } : {}), ...(c ? { children: c } : {}), ...(on ? { inlineFragmentOn: on } : {}),
    }));
  }

  selectionSet(type: GraphQLObjectType, depth: number): fc.Arbitrary<Selection[]> {
    const fields = Object.values(type.getFields());
    const allowed = depth >= MAX_DEPTH ? fields.filter((f) => isLeafType(getNamedType(f.type))) : fields;
    // Well-typed documents always reach the records of a connection (edges → node).
    const required = this.hostile ? [] : allowed.filter((f) => (type.name.endsWith('Connection') && f.name === 'edges') || (type.name.endsWith('Edge') && f.name === 'node'));
    const optional = allowed.filter((f) => !required.includes(f));
    return fc.subarray(optional, { minLength: required.length ? 0 : 1, maxLength: Math.min(5, optional.length) })
      .chain((chosen) => fc.tuple(...[...required, ...chosen].map((f) => this.field(f, depth))))
      .map((selections) => (isSubjectType(type.name)
        ? [{ name: '__typename', args: [] }, ...(selections.some((s) => s.name === 'id') ? [] : [{ name: 'id', args: [] }]), ...selections]
        : selections));
  }
}

/** A whole operation over the Query type: one to three root fields, sometimes aliased; three in four well-typed. */
export function generatedDocument(schema: GraphQLSchema, pools: ValuePools): fc.Arbitrary<FuzzRequest> {
  const root = schema.getQueryType()!;
  return fc.tuple(
    fc.oneof({ weight: 3, arbitrary: fc.constant<Mode>('typed') }, { weight: 1, arbitrary: fc.constant<Mode>('hostile') }),
    fc.subarray(Object.values(root.getFields()), { minLength: 1, maxLength: 3 }),
  )
    .chain(([mode, fields]) => {
      const values = new ValueGenerator(pools, mode);
      return fc.tuple(
        fc.tuple(...fields.map((f) => values.field(f, 1))),
        fc.array(fc.boolean(), { minLength: fields.length, maxLength: fields.length }),
      );
    })
    .map(([selections, aliased]) => print(selections.map((s, i) => (aliased[i] ? { ...s, alias: `r${i}` } : s))));
}

// ---------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A JavaScript value as a GraphQL literal of `type` (values that do not fit are written anyway: the gateway must refuse them). */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, inner && isListType(inner) ? inner.ofType : inner)).join(', ')}]`;
  if (inner && isListType(inner)) return literal(value, inner.ofType);
  if (typeof value === 'string') {
    return inner && isEnumType(inner) && NAME.test(value) && !['true', 'false', 'null'].includes(value) ? value : JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return String(value);
  const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
  return `{ ${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${NAME.test(k) ? k : 'x'}: ${literal(v, fields[k]?.type)}`).join(', ')} }`;
}

function print(selections: Selection[]): FuzzRequest {
  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const value = (arg: ArgValue): string => {
    if (arg.as === 'literal') return literal(arg.value, arg.type);
    const name = `v${declarations.length}`;
    declarations.push(`$${name}: ${String(arg.type)}`);
    variables[name] = arg.value;
    return `$${name}`;
  };
  const selectionSet = (items: Selection[]): string => `{ ${items.map(field).join(' ')} }`;
  function field(s: Selection): string {
    const args = s.args.length ? `(${s.args.map(([n, v]) => `${n}: ${value(v)}`).join(', ')})` : '';
    const directive = s.directive ? ` @${s.directive.name}(if: ${value(s.directive.condition)})` : '';
    const children = s.children ? ` ${s.inlineFragmentOn ? `{ ... on ${s.inlineFragmentOn} ${selectionSet(s.children)} }` : selectionSet(s.children)}` : '';
    return `${s.alias ? `${s.alias}: ` : ''}${s.name}${args}${directive}${children}`;
  }
  const body = selectionSet(selections);
  const query = declarations.length ? `query Fuzz(${declarations.join(', ')}) ${body}` : body;
  return { query, variables, origin: 'generated' };
}

// ---------------------------------------------------------------------------------------------
// Mutations and random documents
// ---------------------------------------------------------------------------------------------

const TOKENS = [
  '{', '}', '(', ')', ':', '$', '@', '...', '!', '[', ']', '"', '"""', '#', ',', '=', '|', '&',
  'fragment F on Prisoner { id }', '...F', 'on', 'query', 'mutation { x }', 'subscription', '__schema { types { name } }',
  '__type(name: "Prisoner") { name }', '__typename', 'prisoners(first: 100)', 'riskFlags', 'id', 'religion', 'healthNotes',
  'sourceReference', 'first: 101', 'first: -1', 'after: "x"', '@include(if: true)', '@skip(if: $x)', '@deprecated',
  '1e309', '-0', '0x10', '\u0000', '\ud800', 'null', 'true', '$v0', 'a: me { userId }',
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'replace'; at: number; char: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }) }),
);

function applyMutation(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete': return text.slice(0, at) + text.slice(at + m.length);
    case 'insert': return `${text.slice(0, at)} ${m.token} ${text.slice(at)}`;
    case 'duplicate': return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'replace': return text.slice(0, at) + m.char + text.slice(at + 1);
  }
}

/** A generated document damaged by one to four edits; sometimes its variables replaced by arbitrary JSON. */
export function mutatedDocument(schema: GraphQLSchema, pools: ValuePools): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(
    generatedDocument(schema, pools),
    fc.array(mutation, { minLength: 1, maxLength: 4 }),
    fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined, freq: 4 }),
  ).map(([doc, edits, variables]) => ({
    query: edits.reduce(applyMutation, doc.query),
    variables: variables === undefined ? doc.variables : variables,
    origin: 'mutated',
  }));
}

/** Anything at all in the query string. */
export function randomDocument(): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    query: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.constantFrom(...TOKENS)),
    variables: fc.oneof(fc.constant({}), fc.jsonValue({ maxDepth: 2 })),
    origin: fc.constant('random' as const),
  });
}
