import {
  execute, getArgumentValues, getDirectiveValues, getVariableValues, GraphQLError, GraphQLIncludeDirective, GraphQLSkipDirective,
  isAbstractType, isLeafType, isListType, isNonNullType, isObjectType, Kind, locatedError, responsePathAsArray, SchemaMetaFieldDef, typeFromAST, TypeMetaFieldDef,
  type DirectiveNode, type DocumentNode, type ExecutionResult, type FieldNode, type FragmentDefinitionNode, type GraphQLField,
  type GraphQLFieldResolver, type GraphQLLeafType, type GraphQLObjectType, type GraphQLOutputType, type GraphQLResolveInfo,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import type { RequestContext } from '../context/request-context.js';
import { recordFieldResolver, recordFieldValue, type ResponsePath } from '../resolvers/record-field-resolver.js';

/**
 * Queries executed without graphql-js's per-field machinery (docs/architecture.md §5).
 *
 * A page of records is hundreds of fields, and graphql-js does the same work for each: a
 * `GraphQLResolveInfo` and the arguments' object built, the field's definition looked up, the
 * resolver called through a promise check, the value completed through a chain of type tests.
 * For S2's page (1,500 fields) that was a sixth of the gateway's CPU. This executor follows
 * graphql-js's execution algorithm (the GraphQL specification's ExecuteSelectionSet,
 * CompleteValue and error propagation: same data, same errors at the same paths, in the same
 * order) but plans each selection set once per document — its fields collected, aliases merged,
 * `@skip`/`@include` applied, definitions, return types and static arguments looked up — and
 * reads a field with no resolver of its own straight from its record (`recordFieldValue`:
 * masks, redactions and the disclosure log's notes exactly as the default field resolver), with
 * no `GraphQLResolveInfo` unless a resolver needs one.
 *
 * Queries only: mutations (executed serially), and any schema with abstract types or
 * `isTypeOf` checks (this schema has none), go through graphql-js's `execute`.
 */

/** What completes a field's value: its return type, unwrapped once when the plan is made. */
type Completion =
  | { readonly nonNull: boolean; readonly kind: 'leaf'; readonly type: GraphQLLeafType }
  | { readonly nonNull: boolean; readonly kind: 'object'; readonly type: GraphQLObjectType }
  | { readonly nonNull: boolean; readonly kind: 'list'; readonly item: Completion };

/** A field of a selection set, planned: the response key's merged nodes and what resolving and completing it needs. */
interface FieldPlan {
  readonly key: string;
  readonly name: string;
  readonly nodes: readonly FieldNode[];
  readonly definition: GraphQLField<unknown, unknown>;
  readonly completion: Completion;
  /** The field's own resolver; none: read from the source (`recordFieldValue`). */
  readonly resolve: GraphQLFieldResolver<unknown, unknown> | undefined;
  /** The arguments when no variable is among them (computed once, frozen); undefined: computed per request. */
  readonly args: Record<string, unknown> | undefined;
  readonly typename: boolean;
  /** The plan of the selection set under this field, kept when it does not depend on variables. */
  children?: SelectionPlan;
}

/**
 * A selection set's plan: its fields, and whether its response objects need a null prototype.
 * graphql-js builds every response object with `Object.create(null)`, which V8 keeps in
 * dictionary mode: slower to fill, and off `JSON.stringify`'s fast path (an S1-sized page built
 * and serialised: 0.085 → 0.047 ms as plain objects). Plain objects are used unless a response
 * key is `__proto__` (a valid alias), the reason graphql-js does it.
 */
interface SelectionPlan {
  readonly fields: readonly FieldPlan[];
  readonly nullPrototype: boolean;
}

/** One request's execution. */
interface Run {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  readonly operation: OperationDefinitionNode;
  readonly rootValue: unknown;
  readonly context: RequestContext;
  readonly variables: Record<string, unknown>;
  readonly errors: GraphQLError[];
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

const hasVariable = (value: ValueNode): boolean => {
  switch (value.kind) {
    case Kind.VARIABLE: return true;
    case Kind.LIST: return value.values.some(hasVariable);
    case Kind.OBJECT: return value.fields.some((field) => hasVariable(field.value));
    default: return false;
  }
};

const directivesReadVariables = (directives: readonly DirectiveNode[] | undefined): boolean =>
  directives?.some((directive) => directive.arguments?.some((argument) => hasVariable(argument.value))) ?? false;

function completionOf(type: GraphQLOutputType): Completion {
  const nonNull = isNonNullType(type);
  const named = nonNull ? type.ofType : type;
  if (isListType(named)) return { nonNull, kind: 'list', item: completionOf(named.ofType) };
  if (isLeafType(named)) return { nonNull, kind: 'leaf', type: named };
  if (isObjectType(named)) return { nonNull, kind: 'object', type: named };
  throw new Error(`query executor: abstract type ${String(named)} is not supported`);
}

/** Collects the fields of `set` for `type` as graphql-js's collectFields does; notes whether a directive read a variable. */
function collect(
  run: Run, type: GraphQLObjectType, set: SelectionSetNode, into: Map<string, FieldNode[]>, visited: Set<string>, uses: { variables: boolean },
): void {
  for (const selection of set.selections) {
    if (directivesReadVariables(selection.directives)) uses.variables = true;
    switch (selection.kind) {
      case Kind.FIELD: {
        if (!included(run, selection)) continue;
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = into.get(key);
        if (nodes) nodes.push(selection);
        else into.set(key, [selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (!included(run, selection) || !conditionMatches(run, selection.typeCondition?.name.value, type)) continue;
        collect(run, type, selection.selectionSet, into, visited, uses);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        if (visited.has(name) || !included(run, selection)) continue;
        visited.add(name);
        const fragment = run.fragments[name];
        if (!fragment || !conditionMatches(run, fragment.typeCondition.name.value, type)) continue;
        collect(run, type, fragment.selectionSet, into, visited, uses);
        break;
      }
    }
  }
}

function included(run: Run, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, run.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, run.variables)?.if !== false;
}

function conditionMatches(run: Run, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (condition === undefined) return true;
  const conditional = typeFromAST(run.schema, { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: condition } });
  if (conditional === type) return true;
  return isAbstractType(conditional) && run.schema.isSubType(conditional, type);
}

/** `value`, frozen to the bottom: arguments computed once are shared by every request of a document. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) frozen(item);
    Object.freeze(value);
  }
  return value;
}

/** The plan of the fields selected under `parents` (or the operation's own selection set) on `type`. */
function plan(run: Run, type: GraphQLObjectType, sets: readonly SelectionSetNode[]): { plan: SelectionPlan; usesVariables: boolean } {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const uses = { variables: false };
  for (const set of sets) collect(run, type, set, fields, visited, uses);
  const plans: FieldPlan[] = [];
  const definitions = type.getFields();
  for (const [key, nodes] of fields) {
    const name = nodes[0]!.name.value;
    if (name === '__typename') {
      plans.push({ key, name, nodes, definition: undefined as never, completion: undefined as never, resolve: undefined, args: undefined, typename: true });
      continue;
    }
    // As graphql-js's getFieldDef: the introspection fields on the query type, else the type's own.
    const definition = type === run.schema.getQueryType() && name === SchemaMetaFieldDef.name ? SchemaMetaFieldDef
      : type === run.schema.getQueryType() && name === TypeMetaFieldDef.name ? TypeMetaFieldDef
        : definitions[name];
    // Validation refuses unknown fields; graphql-js leaves one out of the response, as here.
    if (!definition) continue;
    const argumentNodes = nodes[0]!.arguments ?? [];
    plans.push({
      key, name, nodes, definition,
      completion: completionOf(definition.type),
      resolve: definition.resolve,
      args: argumentNodes.some((argument) => hasVariable(argument.value)) ? undefined : frozen(getArgumentValues(definition, nodes[0]!, {})),
      typename: false,
    });
  }
  return { plan: { fields: plans, nullPrototype: plans.some((field) => field.key === '__proto__') }, usesVariables: uses.variables };
}

/**
 * The plan of a selection set under `field`, kept on the field's plan when it does not depend on
 * variables (a plan kept for a document is shared by its requests; one made for a request's
 * variables lives with that request).
 */
function childPlan(run: Run, field: FieldPlan, type: GraphQLObjectType): SelectionPlan {
  if (field.children) return field.children;
  const sets: SelectionSetNode[] = [];
  for (const node of field.nodes) if (node.selectionSet) sets.push(node.selectionSet);
  const planned = plan(run, type, sets);
  if (!planned.usesVariables) field.children = planned.plan;
  return planned.plan;
}

const pathAt = (prev: ResponsePath | undefined, key: string | number, typename: string | undefined): ResponsePath =>
  ({ prev, key, typename });

function infoOf(run: Run, parentType: GraphQLObjectType, field: FieldPlan, path: ResponsePath): GraphQLResolveInfo {
  return {
    fieldName: field.name,
    fieldNodes: field.nodes,
    returnType: field.definition.type,
    parentType,
    path,
    schema: run.schema,
    fragments: run.fragments,
    rootValue: run.rootValue,
    operation: run.operation,
    variableValues: run.variables,
  };
}

/** A field's error: null where the field may be null, else up to the nearest nullable parent (as graphql-js). */
function fieldError(run: Run, raw: unknown, field: FieldPlan, path: ResponsePath, nonNull: boolean): null {
  const error = locatedError(raw, field.nodes, responsePathAsArray(path));
  if (nonNull) throw error;
  run.errors.push(error);
  return null;
}

/** Executes the planned fields of `source` (ExecuteSelectionSet): an object, or a promise of one when a resolver answered later. */
function executeFields(run: Run, type: GraphQLObjectType, source: unknown, path: ResponsePath | undefined, plan: SelectionPlan): unknown {
  const result = responseObject(plan.nullPrototype);
  let pending = false;
  for (const field of plan.fields) {
    const value = executeField(run, type, source, field, pathAt(path, field.key, type.name));
    result[field.key] = value;
    if (!pending && isPromise(value)) pending = true;
  }
  return pending ? settleObject(result, plan.nullPrototype) : result;
}

const responseObject = (nullPrototype: boolean): Record<string, unknown> =>
  (nullPrototype ? Object.create(null) as Record<string, unknown> : {});

async function settleObject(pending: Record<string, unknown>, nullPrototype: boolean): Promise<Record<string, unknown>> {
  const keys = Object.keys(pending);
  const values = await Promise.all(keys.map((key) => pending[key]));
  const result = responseObject(nullPrototype);
  keys.forEach((key, i) => { result[key] = values[i]; });
  return result;
}

function executeField(run: Run, type: GraphQLObjectType, source: unknown, field: FieldPlan, path: ResponsePath): unknown {
  if (field.typename) return type.name;
  const { completion } = field;
  try {
    let value: unknown;
    if (field.resolve) {
      const args = field.args ?? getArgumentValues(field.definition, field.nodes[0]!, run.variables);
      value = field.resolve(source, args, run.context, infoOf(run, type, field, path));
    } else {
      value = recordFieldValue(source, field.name, type.name, path, run.context);
      if (typeof value === 'function') {
        const args = field.args ?? getArgumentValues(field.definition, field.nodes[0]!, run.variables);
        value = (value as (...a: unknown[]) => unknown).call(source, args, run.context, infoOf(run, type, field, path));
      }
    }
    const completed = isPromise(value)
      ? value.then((resolved) => complete(run, completion, type, field, path, resolved))
      : complete(run, completion, type, field, path, value);
    return isPromise(completed)
      ? completed.then(undefined, (raw: unknown) => fieldError(run, raw, field, path, completion.nonNull))
      : completed;
  } catch (raw) {
    return fieldError(run, raw, field, path, completion.nonNull);
  }
}

/** CompleteValue: the value as its type serialises it, null where allowed, lists item by item, objects field by field. */
function complete(run: Run, completion: Completion, parentType: GraphQLObjectType, field: FieldPlan, path: ResponsePath, value: unknown): unknown {
  if (value instanceof Error) throw value;
  if (value === null || value === undefined) {
    if (completion.nonNull) throw new Error(`Cannot return null for non-nullable field ${parentType.name}.${field.name}.`);
    return null;
  }
  switch (completion.kind) {
    case 'leaf': {
      const serialized = completion.type.serialize(value);
      if (serialized === null || serialized === undefined) {
        throw new Error(`Expected \`${completion.type.name}.serialize(${String(value)})\` to return non-nullable value, returned: ${String(serialized)}`);
      }
      return serialized;
    }
    case 'object':
      return executeFields(run, completion.type, value, path, childPlan(run, field, completion.type));
    case 'list':
      return completeList(run, completion.item, parentType, field, path, value);
  }
}

function completeList(run: Run, item: Completion, parentType: GraphQLObjectType, field: FieldPlan, path: ResponsePath, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !(Symbol.iterator in value)) {
    throw new GraphQLError(`Expected Iterable, but did not find one for field "${parentType.name}.${field.name}".`);
  }
  let pending = false;
  const completed = Array.from(value as Iterable<unknown>, (element, index) => {
    const itemPath = pathAt(path, index, undefined);
    try {
      const done = isPromise(element)
        ? element.then((resolved) => complete(run, item, parentType, field, itemPath, resolved))
        : complete(run, item, parentType, field, itemPath, element);
      if (isPromise(done)) {
        pending = true;
        return done.then(undefined, (raw: unknown) => fieldError(run, raw, field, itemPath, item.nonNull));
      }
      return done;
    } catch (raw) {
      return fieldError(run, raw, field, itemPath, item.nonNull);
    }
  });
  return pending ? Promise.all(completed) : completed;
}

/** Fragments by name, per document. */
const fragmentsOf = new WeakMap<DocumentNode, Record<string, FragmentDefinitionNode>>();

function fragments(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  let known = fragmentsOf.get(document);
  if (!known) {
    known = Object.create(null) as Record<string, FragmentDefinitionNode>;
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) known[definition.name.value] = definition;
    fragmentsOf.set(document, known);
  }
  return known;
}

/** Whether queries of `schema` can run here: no abstract type, no `isTypeOf` (checked once per schema). */
function plainSchema(schema: GraphQLSchema): boolean {
  return Object.values(schema.getTypeMap()).every((type) => !isAbstractType(type) && !(isObjectType(type) && type.isTypeOf));
}

export interface QueryExecution {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  context: RequestContext;
}

/**
 * The executor: queries here, everything else by graphql-js (with the default field resolver
 * and `rootValue` as Apollo would pass them).
 */
export function queryExecutor(schema: GraphQLSchema, rootValue: unknown) {
  const plain = plainSchema(schema);
  /** Root plans by operation, kept when they do not depend on variables. */
  const rootPlans = new WeakMap<OperationDefinitionNode, SelectionPlan>();
  const rootPlan = (run: Run, type: GraphQLObjectType): SelectionPlan => {
    const known = rootPlans.get(run.operation);
    if (known) return known;
    const planned = plan(run, type, [run.operation.selectionSet]);
    if (!planned.usesVariables) rootPlans.set(run.operation, planned.plan);
    return planned.plan;
  };
  const graphqlJs = (request: QueryExecution) => execute({
    schema, document: request.document, rootValue, contextValue: request.context, variableValues: request.variables,
    operationName: request.operationName, fieldResolver: recordFieldResolver as GraphQLFieldResolver<unknown, unknown>,
  });
  return (request: QueryExecution): ExecutionResult | Promise<ExecutionResult> => {
    const { document, operation } = request;
    const queryType = schema.getQueryType();
    if (!plain || operation.operation !== 'query' || !queryType) return graphqlJs(request);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    const run: Run = {
      schema, document, fragments: fragments(document), operation, rootValue, context: request.context, variables: coerced.coerced, errors: [],
    };
    const plans = rootPlan(run, queryType);
    const respond = (data: unknown): ExecutionResult =>
      (run.errors.length ? { errors: run.errors, data: data as ExecutionResult['data'] } : { data: data as ExecutionResult['data'] });
    let data: unknown;
    try {
      data = executeFields(run, queryType, rootValue, undefined, plans);
    } catch (error) {
      run.errors.push(error as GraphQLError);
      return respond(null);
    }
    return isPromise(data)
      ? data.then(respond, (error: unknown) => {
        run.errors.push(error as GraphQLError);
        return respond(null);
      })
      : respond(data);
  };
}
