import { HeaderMap, type ApolloServerOptionsWithGateway, type ApolloServerPlugin } from '@apollo/server';
import type { ExecutionResult, FormattedExecutionResult, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context/request-context.js';
import { queryExecutor, type QueryExecution } from './query-executor.js';

/**
 * The query executor (src/http/query-executor.ts) inside Apollo Server (docs/architecture.md §5).
 *
 * A query is executed by a plugin's `responseForOperation` hook, which hands Apollo the
 * response: Apollo then runs no execution of its own. A result with errors is not answered
 * there but kept on the request context, and Apollo's execution — through its gateway
 * interface, whose executor hands the kept result over — gives it Apollo's own error handling
 * (`didEncounterErrors`, formatting, the status of invalid variables). Mutations run through
 * the gateway interface too (graphql-js, executed serially).
 *
 * Why not the gateway interface for every query: the context Apollo builds for a gateway
 * executor (`makeGatewayGraphQLRequestContext`) holds an object literal with a getter and a
 * setter, so each request gets a map of its own, kept in V8's old generation until a full
 * collection; until then its accessors' closures hold the whole request — Apollo's request
 * context, the result, the records — as roots of every young-generation collection. At
 * concurrency 1, S1 promoted 8.5 MB per collection that way, 0.65 MB without it.
 */

/** A query's outcome kept for Apollo's error handling: its result, or what executing it threw. */
const EXECUTED = Symbol('liaison.executedQuery');
type Executed = { result: ExecutionResult } | { thrown: unknown };
type Carrier = RequestContext & { [EXECUTED]?: Executed };

function keep(ctx: RequestContext, executed: Executed): null {
  Object.defineProperty(ctx, EXECUTED, { value: executed, configurable: true });
  return null;
}

function takeKept(ctx: Carrier): Executed | undefined {
  const executed = ctx[EXECUTED];
  if (executed) delete ctx[EXECUTED];
  return executed;
}

type Gateway = ApolloServerOptionsWithGateway<RequestContext>['gateway'];

export interface ApolloQueryExecution {
  /** Apollo Server's `gateway` option: the schema served, and the executor of mutations and of results with errors. */
  gateway: Gateway;
  /** Executes queries (`responseForOperation`). */
  plugin: ApolloServerPlugin<RequestContext>;
}

export function apolloQueryExecution(schema: GraphQLSchema, rootValue: unknown): ApolloQueryExecution {
  const execute = queryExecutor(schema, rootValue);
  const plugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, document, contextValue, request }) {
          if (operation.operation !== 'query') return null;
          let result: ExecutionResult;
          try {
            result = await execute({ schema, document, operation, operationName: request.operationName, variables: request.variables, context: contextValue });
          } catch (thrown) {
            return keep(contextValue, { thrown });
          }
          if (result.errors?.length) return keep(contextValue, { result });
          return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: result as FormattedExecutionResult } };
        },
      };
    },
  };
  const gateway: Gateway = {
    load: () => Promise.resolve({
      schema,
      executor: async (request) => {
        const context = request.context as RequestContext;
        const kept = takeKept(context);
        if (kept && 'thrown' in kept) throw kept.thrown;
        if (kept) return kept.result;
        const execution: QueryExecution = {
          schema, document: request.document, operation: request.operation, operationName: request.request.operationName,
          variables: request.request.variables, context,
        };
        return execute(execution);
      },
    }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: () => Promise.resolve(),
  };
  return { gateway, plugin };
}
