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
  }).then(guardOperations).then(describeRootTypes);
  return built;
}

/** The root types say what they hold (type-graphql builds them without a description). */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'Reads: shared records under the caller\'s policy, MoUs, the admin and disclosure logs, explanations, reference data. Each operation declares who may call it.';
  if (mutation) mutation.description = 'Writes: an agency\'s own records, MoU administration, sealing the disclosure log. Each operation declares who may call it; every change is logged.';
  const subscription = schema.getSubscriptionType();
  if (subscription) subscription.description = 'Alerts, over WebSocket (graphql-ws): changes to records as they are committed, each decided with the caller\'s access at delivery. Each operation declares who may call it.';
  return schema;
}
