import type { RequestContext } from '../context/request-context.js';
import type { PublishingContext } from './publish.js';

/** The writer of an API request: the caller (never an owner from input), their ability, channel API. */
export const publishingContextOf = (ctx: RequestContext): PublishingContext => ({
  writer: { principal: ctx.principal, channel: 'API', requestDecisionId: ctx.decisionId, operationName: null },
  ability: ctx.policy.ability,
  dataSource: ctx.dataSource,
});
