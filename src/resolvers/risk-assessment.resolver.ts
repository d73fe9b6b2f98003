import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { Prisoner } from '../schema/prisoner.js';
import { RiskAssessment, RiskAssessmentConnection, RiskAssessmentFilter } from '../schema/risk-assessment.js';
import type { RecordView } from '../services/record-view.js';
import { listRiskAssessments } from '../services/risk-assessments.js';
import { prisonerOf } from './prisoner-link.js';

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @Query(() => RiskAssessmentConnection, { description: 'Risk assessments the caller may see, newest first.' })
  riskAssessments(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => RiskAssessmentFilter, { nullable: true }) filter?: RiskAssessmentFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return listRiskAssessments(ctx, filter as never, { first, after });
  }

  @FieldResolver(() => Prisoner, { nullable: true })
  prisoner(@Root() assessment: RecordView, @Ctx() ctx: RequestContext) {
    return prisonerOf(assessment, ctx);
  }
}
