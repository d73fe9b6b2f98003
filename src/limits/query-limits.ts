import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { QueryLimits } from '../config.js';
import type { RequestContext } from '../context/request-context.js';
import { queryTooComplex } from '../errors.js';
import { queryCostPlugin } from './query-cost.js';

export interface QueryLimitProtection {
  plugins: ApolloServerPlugin<RequestContext>[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  allowBatchedHttpRequests: false;
}

/** Armor reports a breached limit as a validation error; it becomes QUERY_TOO_COMPLEX (format-error.ts reads the cause). */
const reportQueryTooComplex: GraphQLArmorRejectCallback = (context, error) => {
  context?.reportError(queryTooComplex(error.message.replace(/^Syntax Error: /, '')));
};

/**
 * The query limits of a request, all enforced before any resolver runs:
 * - tokens: graphql-js's own parser limit (`parseOptions.maxTokens`). Armor's Apollo token
 *   plugin throws from `parsingDidStart`, outside Apollo's error handling, which turns a
 *   refusal into a 500;
 * - depth, aliases, directives: GraphQL Armor validation rules;
 * - cost with list sizes and page size: query-cost.ts (needs the variables, so it runs once
 *   the operation is resolved; Armor's cost rule reads only literal `first` values);
 * - (field suggestions are not Armor's business here: its Apollo plugin rewrites only quoted
 *   names and leaves "the enum value …" behind; without-suggestions.ts strips them all);
 * - one operation per HTTP request (batching off; single-operation.ts answers batches).
 * Document size is capped before parsing by the body limit (server.ts).
 */
export function queryLimitProtection(limits: QueryLimits): QueryLimitProtection {
  const rejection = { propagateOnRejection: false, onReject: [reportQueryTooComplex], exposeLimits: true };
  const armor = new ApolloArmor({
    maxDepth: { enabled: true, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...rejection },
    maxAliases: { enabled: true, n: limits.maxAliases, allowList: [], ...rejection },
    maxDirectives: { enabled: true, n: limits.maxDirectives, ...rejection },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    plugins: [...armor.plugins as ApolloServerPlugin<RequestContext>[], queryCostPlugin(limits.maxCost)],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: false,
  } satisfies Partial<ApolloServerOptions<RequestContext>>;
}
