import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { Prisoner } from '../schema/prisoner.type.js';
import { ReleasePlan, ReleasePlanConnection, ReleasePlanFilter } from '../schema/release-plan.type.js';
import type { RecordView } from '../enforcement/record-view.js';
import { listReleasePlans } from '../records/release-plans.js';
import { prisonerOf } from './prisoner-link.js';
import { selectedConnection } from '../enforcement/compiled-read/selection.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

@Resolver(() => ReleasePlan)
export class ReleasePlanResolver {
  @Query(() => ReleasePlanConnection, { description: 'Release plans the caller may see, soonest release first.' })
  releasePlans(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ReleasePlanFilter, { nullable: true, description: ARGUMENT.filter }) filter?: ReleasePlanFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: ARGUMENT.after }) after?: string,
  ) {
    return listReleasePlans(ctx, filter, { first, after }, selectedConnection('ReleasePlan', info));
  }

  @FieldResolver(() => Prisoner, { nullable: true, description: 'The prisoner; null with a NO_CLAUSE redaction when the caller may not see them.' })
  prisoner(@Root() plan: RecordView, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return prisonerOf(plan, ctx, info);
  }
}
