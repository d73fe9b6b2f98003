import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { MouAdminEvent, MouAdminEventConnection, MouAdminEventFilter } from '../schema/mou-admin-event.type.js';
import { listAdminEvents } from '../mou/admin-events.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

@Resolver(() => MouAdminEvent)
export class MouAdminEventResolver {
  @Query(() => MouAdminEventConnection, { description: 'The MoU admin audit log, newest first: events of MoUs your agency is a party to (MOU_ADMIN), or all (inspectorate auditors).' })
  mouAdminEvents(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => MouAdminEventFilter, { nullable: true, description: ARGUMENT.adminEventFilter }) filter?: MouAdminEventFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: ARGUMENT.after }) after?: string,
  ) {
    return listAdminEvents(ctx, filter, { first, after });
  }
}
