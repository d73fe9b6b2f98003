import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses, at validation, a subscription sent over HTTP: subscriptions are served over
 * WebSocket (graphql-ws) on the same path, where each event is executed, masked and logged on
 * its own (src/http/subscriptions.ts). Over HTTP one would run without any of that.
 */
export const SubscriptionsOverWebSocket: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') {
      context.reportError(new GraphQLError('Subscriptions are served over WebSocket (graphql-ws protocol) at /graphql, not over HTTP', { nodes: node }));
    }
  },
});
