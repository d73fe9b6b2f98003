import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { Prisoner } from '../schema/prisoner.type.js';
import { RiskFlag, RiskFlagConnection, RiskFlagFilter } from '../schema/risk-flag.type.js';
import type { RecordView } from '../enforcement/record-view.js';
import { listRiskFlags } from '../records/risk-flags.js';
import { prisonerOf } from './prisoner-link.js';
import { selectedConnection } from '../enforcement/compiled-read/selection.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

@Resolver(() => RiskFlag)
export class RiskFlagResolver {
  @Query(() => RiskFlagConnection, { description: 'Risk flags the caller may see, newest first.' })
  riskFlags(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => RiskFlagFilter, { nullable: true, description: ARGUMENT.filter }) filter?: RiskFlagFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: ARGUMENT.after }) after?: string,
  ) {
    return listRiskFlags(ctx, filter, { first, after }, selectedConnection('RiskFlag', info));
  }

  @FieldResolver(() => Prisoner, { nullable: true, description: 'The flagged prisoner; null with a NO_CLAUSE redaction when the caller may not see them.' })
  prisoner(@Root() flag: RecordView, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return prisonerOf(flag, ctx, info);
  }
}
