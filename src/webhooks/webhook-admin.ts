import type { RequestContext } from '../context/request-context.js';
import { pageSize } from '../domain/input.js';
import { attemptsOf, listDeliveries, redeliver, type Delivery, type DeliveryFilter } from './delivery-outbox.js';
import {
  listWebhooks, registerWebhook, removeWebhook, rotateWebhookSecret, type RegistryRules, type WebhookEndpoint, type WebhookInput,
} from './endpoint-registry.js';

/**
 * The webhook use cases of the API, for an agency's MOU_ADMINs (the operation table admits
 * only them): everything is scoped to the caller's agency.
 */
const actorOf = (ctx: RequestContext) => ({ agencyCode: ctx.principal.agencyCode, userId: ctx.principal.userId });

export const presentWebhook = (endpoint: WebhookEndpoint) => ({
  ...endpoint,
  filter: {
    subjects: endpoint.filter.subjects ?? [], types: endpoint.filter.types ?? [], changeKinds: endpoint.filter.changeKinds ?? [],
    prisonerId: endpoint.filter.prisonerId ?? null, minSeverity: endpoint.filter.minSeverity ?? null, releaseWithinDays: endpoint.filter.releaseWithinDays ?? null,
  },
});

async function presentDeliveries(ctx: RequestContext, deliveries: Delivery[]) {
  const attempts = await attemptsOf(ctx.dataSource, deliveries.map((d) => d.id));
  return deliveries.map((d) => ({
    ...d,
    attemptCount: d.attempts,
    nextAttemptAt: d.status === 'PENDING' ? d.nextAttemptAt : null,
    attempts: attempts.get(d.id) ?? [],
  }));
}

export async function registerOwnWebhook(ctx: RequestContext, input: WebhookInput, rules: RegistryRules) {
  const { endpoint, secret } = await registerWebhook(ctx.dataSource, actorOf(ctx), input, rules);
  ctx.log.info({ webhookId: endpoint.id, agency: endpoint.agencyCode, by: ctx.principal.userId }, 'webhook registered');
  return { webhook: presentWebhook(endpoint), signingSecret: secret };
}

export async function rotateOwnWebhookSecret(ctx: RequestContext, id: string, rules: RegistryRules) {
  const { endpoint, secret } = await rotateWebhookSecret(ctx.dataSource, actorOf(ctx), id, rules);
  ctx.log.info({ webhookId: endpoint.id, by: ctx.principal.userId }, 'webhook secret rotated');
  return { webhook: presentWebhook(endpoint), signingSecret: secret };
}

export async function removeOwnWebhook(ctx: RequestContext, id: string) {
  const endpoint = await removeWebhook(ctx.dataSource, actorOf(ctx), id);
  ctx.log.info({ webhookId: endpoint.id, by: ctx.principal.userId }, 'webhook removed');
  return presentWebhook(endpoint);
}

export async function ownWebhooks(ctx: RequestContext, includeRemoved: boolean) {
  return (await listWebhooks(ctx.dataSource, ctx.principal.agencyCode, includeRemoved)).map(presentWebhook);
}

export async function ownDeliveries(ctx: RequestContext, filter: DeliveryFilter, first?: number | null, after?: string | null) {
  return presentDeliveries(ctx, await listDeliveries(ctx.dataSource, ctx.principal.agencyCode, filter, pageSize(first), after ?? null));
}

export async function redeliverOwn(ctx: RequestContext, target: { deliveryIds?: string[]; webhookId?: string }) {
  const deliveries = await redeliver(ctx.dataSource, ctx.principal.agencyCode, target);
  ctx.log.info({ deliveries: deliveries.length, by: ctx.principal.userId }, 'dead webhook deliveries queued again');
  return presentDeliveries(ctx, deliveries);
}
