import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';
import { Webhook, WebhookDelivery, WebhookDeliveryFilter, WebhookInput, WebhookRegistration } from '../schema/webhook.type.js';
import { ownDeliveries, ownWebhooks, redeliverOwn, registerOwnWebhook, removeOwnWebhook, rotateOwnWebhookSecret } from '../webhooks/webhook-admin.js';
import type { GatewayRoot } from './gateway-root.js';
import { serviceUnavailable } from '../errors.js';
import type { RegistryRules } from '../webhooks/endpoint-registry.js';

/** The registry's rules: only an HTTP request's root carries them (not a subscription's). */
const registryOf = (root: GatewayRoot): RegistryRules => {
  if (!root.webhookRegistry) throw serviceUnavailable();
  return root.webhookRegistry;
};

/** Webhooks for an agency's own systems: its MOU_ADMINs register, list, rotate, remove and redeliver. */
@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], { description: 'Your agency\'s webhook endpoints (MOU_ADMIN).' })
  webhooks(
    @Ctx() ctx: RequestContext,
    @Arg('includeRemoved', () => Boolean, { nullable: true, description: 'Also removed endpoints (their deliveries stay readable).' }) includeRemoved?: boolean,
  ) {
    return ownWebhooks(ctx, includeRemoved ?? false);
  }

  @Query(() => [WebhookDelivery], { description: 'Deliveries to your agency\'s webhooks, newest first, with every attempt and its HTTP status; `statuses: [DEAD]` is the dead-letter list (MOU_ADMIN).' })
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true, description: 'Only deliveries matching every condition given.' }) filter?: WebhookDeliveryFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The id of the last delivery of the previous page; omitted: the first page.' }) after?: string,
  ) {
    return ownDeliveries(ctx, filter ?? {}, first, after);
  }

  @Mutation(() => WebhookRegistration, { description: 'Registers a webhook endpoint of your agency; the answer carries its signing secret, shown this once (MOU_ADMIN).' })
  registerWebhook(@Root() root: GatewayRoot, @Ctx() ctx: RequestContext, @Arg('input', () => WebhookInput, { description: 'The endpoint, the identity it receives under and its event filter.' }) input: WebhookInput) {
    return registerOwnWebhook(ctx, { ...input, filter: input.filter ? { ...input.filter } : null }, registryOf(root));
  }

  @Mutation(() => WebhookRegistration, { description: 'Gives a webhook a new signing secret, shown this once; the previous one still signs beside it for the overlap period (MOU_ADMIN).' })
  rotateWebhookSecret(@Root() root: GatewayRoot, @Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The webhook\'s id.' }) id: string) {
    return rotateOwnWebhookSecret(ctx, id, registryOf(root));
  }

  @Mutation(() => Webhook, { description: 'Removes a webhook: nothing more is sent to it; its deliveries stay readable (MOU_ADMIN).' })
  removeWebhook(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The webhook\'s id.' }) id: string) {
    return removeOwnWebhook(ctx, id);
  }

  @Mutation(() => [WebhookDelivery], { description: 'Queues dead-lettered deliveries again, with the same event ids and a fresh retry window: the ones named, or every dead delivery of one webhook (MOU_ADMIN).' })
  redeliverWebhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg('deliveryIds', () => [ID], { nullable: true, description: 'Dead deliveries to queue again (from `webhookDeliveries(filter: {statuses: [DEAD]})`).' }) deliveryIds?: string[],
    @Arg('webhookId', () => ID, { nullable: true, description: 'Every dead delivery of this webhook.' }) webhookId?: string,
  ) {
    return redeliverOwn(ctx, { ...(deliveryIds ? { deliveryIds } : {}), ...(webhookId ? { webhookId } : {}) });
  }
}
