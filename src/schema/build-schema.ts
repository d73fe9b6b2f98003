import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { guardOperations } from '../enforcement/operation-guard.js';
import { resolvers } from '../resolvers/index.js';

let built: Promise<GraphQLSchema> | undefined;

/**
 * The gateway's GraphQL schema, built once per process. Arguments are validated with
 * class-validator (bad input → BAD_USER_INPUT before any service runs). The committed
 * `schema.graphql` must equal its printout (a test checks): a diff there is a change in what
 * the API exposes, reviewed like code. Every operation is guarded by its declaration of who
 * may call it (src/enforcement/operation-access.ts); an undeclared one stops the build.
 */
export function gatewaySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    // type-graphql insists on a PubSub once a @Subscription exists; ours bring their own
    // `subscribe` (src/alerts: the change feed), so topic-based subscriptions are refused.
    pubSub: {
      publish: () => {
        throw new Error('topic-based subscriptions are not used: subscriptions follow the change feed');
      },
      subscribe: () => {
        throw new Error('topic-based subscriptions are not used: subscriptions follow the change feed');
      },
    },
    validate: { forbidUnknownValues: false },
  }).then(guardOperations);
  return built;
}
