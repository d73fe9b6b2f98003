import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { Principal } from '../schema/principal.type.js';
import { describePrincipal } from '../enforcement/caller-permissions.js';

@Resolver(() => Principal)
export class MeResolver {
  @Query(() => Principal, { description: 'Who the gateway thinks you are, and what you may see for the declared purpose.' })
  me(@Ctx() ctx: RequestContext) {
    return describePrincipal(ctx);
  }
}
