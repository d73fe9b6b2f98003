import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { Prisoner } from '../schema/prisoner.type.js';
import { RiskAssessment, RiskAssessmentConnection, RiskAssessmentFilter } from '../schema/risk-assessment.type.js';
import type { RecordView } from '../enforcement/record-view.js';
import { listRiskAssessments } from '../records/risk-assessments.js';
import { prisonerOf } from './prisoner-link.js';
import { selectedConnection } from '../enforcement/compiled-read/selection.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @Query(() => RiskAssessmentConnection, { description: 'Risk assessments the caller may see, newest first.' })
  riskAssessments(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => RiskAssessmentFilter, { nullable: true, description: ARGUMENT.filter }) filter?: RiskAssessmentFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: ARGUMENT.after }) after?: string,
  ) {
    return listRiskAssessments(ctx, filter, { first, after }, selectedConnection('RiskAssessment', info));
  }

  @FieldResolver(() => Prisoner, { nullable: true, description: 'The prisoner; null with a NO_CLAUSE redaction when the caller may not see them.' })
  prisoner(@Root() assessment: RecordView, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return prisonerOf(assessment, ctx, info);
  }
}
