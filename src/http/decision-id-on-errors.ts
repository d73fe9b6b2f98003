import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../context/request-context.js';

/** `error` naming `decisionId` in its extensions (last), unless it already names one. */
export function withDecisionId(error: GraphQLFormattedError, decisionId: string): GraphQLFormattedError {
  return typeof error.extensions?.decisionId === 'string' ? error : { ...error, extensions: { ...error.extensions, decisionId } };
}

/**
 * Every error the client sees names the request's decision id, under which the operator
 * finds the request in the logs. Errors of the GraphQL pipeline (parse, validation, resolvers)
 * get it here from the request context, once Apollo has formatted them; errors answered before
 * the pipeline (CSRF prevention, a malformed request) get it in `graphqlOverExpress`. Passing
 * the id explicitly spares every request an AsyncLocalStorage scope, whose promise hooks cost
 * on every promise of the request (Node 20/22). Listed before the plugins that read the errors.
 */
export function decisionIdOnErrors(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors) result.errors = result.errors.map((error) => withDecisionId(error, contextValue.decisionId));
        },
      };
    },
  };
}
