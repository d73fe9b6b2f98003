import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getNullableType, GraphQLError, isCompositeType, isListType, Kind, visit,
  type GraphQLCompositeType, type GraphQLField, type OperationDefinitionNode, type ValueNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context/request-context.js';
import { badUserInput, queryTooComplex } from '../errors.js';
import { LICENCE_CONDITION_TYPES, PURPOSES } from '../domain/enums.js';
import { MOU_LIMITS } from '../mou/rules/mou-validation.js';
import { SUBJECTS, SUBJECT_TYPES } from '../policies/subjects.js';
import { NESTED_LIST_LIMIT } from '../enforcement/compiled-read/record-shapes.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../domain/input.js';
import { REFERENCE_LIMITS } from '../reference-data/rules/reference-document.js';

/** Fields in the operation after fragments are expanded; past this the cost is not even computed. */
const MAX_QUERY_NODES = 5_000;

/** The most fields any subject has: bounds lists of per-field entries. */
const MAX_SUBJECT_FIELDS = Math.max(...SUBJECT_TYPES.map((subject) => SUBJECTS[subject].fields.length + SUBJECTS[subject].alwaysVisible.length));

/**
 * Lists with a smaller, known bound than the nested-list cap, by `Type.field`: the MoU
 * administration's lists are bounded by the MoU limits, the purposes and the subjects, not by
 * the number of records.
 */
const KNOWN_LIST_SIZES: Readonly<Record<string, number>> = {
  'Principal.permissions': SUBJECT_TYPES.length,
  'SubjectPermission.fields': MAX_SUBJECT_FIELDS,
  'Mou.clauses': MOU_LIMITS.clauses,
  'Mou.awaitingApprovalFrom': 2,
  'MouImpact.audiences': PURPOSES.length * 4,
  'ImpactAudience.subjects': SUBJECT_TYPES.length,
  'SubjectImpact.fieldChanges': MAX_SUBJECT_FIELDS,
  'AccessExplanation.decidedBy': 10,
  'RiskAssessment.domains': 10,
  'ReleasePlan.licenceConditions': LICENCE_CONDITION_TYPES.length * 2,
  'Prisoner.names': 20,
  // Disclosure-log entries: the records a response carried (grouped), the clauses behind them,
  // the refusals, and one log-access record with the filter terms used.
  'DisclosureLogEntry.clauses': MOU_LIMITS.clauses,
  'DisclosureLogEntry.denials': 10,
  'DisclosureLogEntry.logAccess': 1,
  'LogAccessRecord.filter': 10,
  // Reference data: bounded by what a reference-data file may hold.
  'ReferenceData.agencies': REFERENCE_LIMITS.agencies,
  'AgencyReference.roles': REFERENCE_LIMITS.rolesPerAgency,
  'AgencyReference.facilities': REFERENCE_LIMITS.facilitiesPerAgency,
  'AgencyReference.issuers': REFERENCE_LIMITS.issuersPerAgency,
  'TrustedIssuerDefinition.keys': REFERENCE_LIMITS.keysPerIssuer,
  // A shared record's own redactions: one per field of the record the query selects and the
  // response withholds — fields already counted, each standing null in the data — so they add
  // no more than a constant factor to what the record's selection costs.
  ...Object.fromEntries(SUBJECT_TYPES.map((subject) => [`${subject}.redactions`, 1])),
  'DisclosureLogEntry.searchCandidates': 1,
  'LoggedSearchCandidates.candidates': 100,
  'NameMatch.reasons': 12,
};

const isPaged = (field: GraphQLField<unknown, unknown>): boolean => field.args.some((a) => a.name === 'first');
const isConnection = (type: GraphQLCompositeType): boolean => 'getFields' in type && 'pageInfo' in type.getFields();

/**
 * How many items a list field can hold at most: a connection's `first` (default 20, at most
 * 100 — a larger page is a query limit, recorded in `pageSizes`), a connection's `edges` are
 * already counted by the connection, and every other list of records is capped per parent.
 */
function listSize(type: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, pageSizes: string[]): number {
  if (isPaged(field)) {
    const first = args.first;
    if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
    if (typeof first === 'number' && first > MAX_PAGE_SIZE) {
      pageSizes.push(`${field.name}(first: ${first}): at most ${MAX_PAGE_SIZE} records per page`);
    }
    return typeof first === 'number' ? Math.min(Math.max(first, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  }
  if (isConnection(type)) return 1;
  return KNOWN_LIST_SIZES[`${type.name}.${field.name}`] ?? NESTED_LIST_LIMIT;
}

/**
 * A query's cost is the worst-case number of fields its response can hold: every field
 * costs 1, and the fields under a list cost once per item it can hold. Introspection
 * fields cost nothing (introspection is refused outright in production mode).
 */
export function worstCaseFieldsEstimator(pageSizes: string[]): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (field.name.startsWith('__')) return 0;
    if (!isPaged(field) && !isListType(getNullableType(field.type))) return 1 + childComplexity;
    if (!isCompositeType(getNamedType(field.type))) return 1;
    return 1 + listSize(type, field, args, pageSizes) * childComplexity;
  };
}

/** The cost of the operation a request resolved to, with its variables. */
export function operationCost(options: {
  schema: GraphQLSchema;
  query: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
  /** Receives a description of each page over the size limit. */
  pageSizes: string[];
}): number {
  const { pageSizes, ...rest } = options;
  return getComplexity({ ...rest, estimators: [worstCaseFieldsEstimator(pageSizes)], maxQueryNodes: MAX_QUERY_NODES });
}

/** What `operationCost` found for one operation of a document with one set of variables. */
interface KnownCost {
  cost: number;
  pageSizes: string[];
}

/** A document's costs: the variables they depend on, and each cost found, by operation and those variables' values. */
interface DocumentCosts {
  costVariables: readonly string[];
  costs: Map<string, KnownCost>;
}

/** Enough for the few variable sets a client's document is sent with; past it the costs of that document are computed again. */
const MAX_COSTS_PER_DOCUMENT = 64;

/** The variables `value` reads (an argument's value: a variable, or a list or object holding some). */
function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) value.values.forEach((item) => variablesIn(item, into));
  else if (value.kind === Kind.OBJECT) value.fields.forEach((field) => variablesIn(field.value, into));
}

/**
 * The variables a document's cost can depend on, sorted: those in a `first` argument (a page's
 * size: `listSize`) and those in a directive (`@skip`/`@include` leave fields out). No other
 * argument changes what `worstCaseFieldsEstimator` counts: a prisoner's id, a filter's values
 * are the same cost whatever they are.
 */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) if (argument.name.value === 'first') variablesIn(argument.value, names);
    },
    Directive(directive) {
      for (const argument of directive.arguments ?? []) variablesIn(argument.value, names);
    },
  });
  return [...names].sort();
}

/** The cache key of an operation's cost: its name and the values of the variables the cost depends on (absent ≠ null). */
function costKey(operation: OperationDefinitionNode, costVariableNames: readonly string[], variables: Record<string, unknown>): string {
  let key = operation.name?.value ?? '';
  for (const name of costVariableNames) key += Object.hasOwn(variables, name) ? ` ${JSON.stringify(variables[name])}` : ' -';
  return key;
}

/**
 * Refuses, once the operation and its variables are known and before any resolver runs, an
 * operation whose worst-case size exceeds `maxCost` or that asks for a page over 100.
 *
 * The cost depends only on the schema (fixed), the operation and the values of the variables in
 * its page sizes and directives (`costVariables`), and Apollo's document store hands every
 * request with the same text the same parsed document: a cost is computed once per document,
 * operation and those values — not once per prisoner looked up with the same query. (A
 * request whose variables do not fit their types is still refused before any resolver runs,
 * by execution itself: 400 BAD_USER_INPUT.)
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin<RequestContext> {
  const known = new WeakMap<DocumentNode, DocumentCosts>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (!operation) return; // Apollo refuses a request whose operation it cannot resolve
          const variables = request.variables ?? {};
          let documentCosts = known.get(document);
          if (!documentCosts) known.set(document, documentCosts = { costVariables: costVariables(document), costs: new Map() });
          const key = costKey(operation, documentCosts.costVariables, variables);
          let found = documentCosts.costs.get(key);
          if (!found) {
            found = { cost: 0, pageSizes: [] };
            try {
              found.cost = operationCost({
                schema, query: document, operationName: operation.name?.value, variables, pageSizes: found.pageSizes,
              });
            } catch (error) {
              if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
                throw queryTooComplex(`The operation selects more than ${MAX_QUERY_NODES} fields once fragments are expanded`);
              }
              // Variables that do not fit their declared types: the request is wrong, as execution would say.
              throw badUserInput(error instanceof Error ? error.message : 'Invalid variables', 400);
            }
            if (documentCosts.costs.size >= MAX_COSTS_PER_DOCUMENT) documentCosts.costs.clear();
            documentCosts.costs.set(key, found);
          }
          const { cost, pageSizes } = found;
          if (pageSizes.length > 0) throw queryTooComplex(`Page too large: ${pageSizes.join('; ')}`);
          if (cost > maxCost) {
            throw queryTooComplex(`The query could return up to ${cost} fields, over the limit of ${maxCost}: ask for fewer records per page or fewer nested lists`);
          }
        },
      };
    },
  };
}
