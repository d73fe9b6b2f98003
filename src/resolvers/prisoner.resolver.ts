import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { Classification } from '../schema/classification.type.js';
import { IntelligenceReport } from '../schema/intelligence-report.type.js';
import { Intervention } from '../schema/intervention.type.js';
import { Prisoner, PrisonerConnection, PrisonerFilter } from '../schema/prisoner.type.js';
import { ReleasePlan } from '../schema/release-plan.type.js';
import { RiskAssessment } from '../schema/risk-assessment.type.js';
import { RiskFlag } from '../schema/risk-flag.type.js';
import { getPrisoner, listPrisoners } from '../records/prisoners.js';
import type { RecordView } from '../enforcement/record-view.js';
import { relationOf } from '../enforcement/compiled-read/present-compiled.js';
import { selectedConnection, selectedRecord } from '../enforcement/compiled-read/selection.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

@Resolver(() => Prisoner)
export class PrisonerResolver {
  @Query(() => Prisoner, { nullable: true, description: 'One prisoner; null with NOT_FOUND when absent or not visible to the caller (indistinguishable).' })
  prisoner(@Arg('id', () => ID, { description: ARGUMENT.prisonerId }) prisonerId: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return getPrisoner(ctx, prisonerId, selectedRecord('Prisoner', info));
  }

  @Query(() => PrisonerConnection, { description: 'Prisoners you may see, filtered: your own agency\'s by role, other agencies\' only under a clause of an MoU in force. With filter.name, ranked candidates by name, best first (as personSearch).' })
  prisoners(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => PrisonerFilter, { nullable: true, description: ARGUMENT.filter }) filter?: PrisonerFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: ARGUMENT.after }) after?: string,
  ) {
    return listPrisoners(ctx, filter, { first, after }, selectedConnection('Prisoner', info));
  }

  @FieldResolver(() => [RiskFlag], { nullable: true, description: 'The risk flags the caller may see, newest first.' })
  riskFlags(@Root() prisoner: RecordView, @Ctx() ctx: RequestContext) {
    return relationOf(ctx, prisoner, 'riskFlags');
  }

  @FieldResolver(() => RiskAssessment, { nullable: true, description: 'The latest assessment the caller may see.' })
  latestAssessment(@Root() prisoner: RecordView, @Ctx() ctx: RequestContext) {
    return relationOf(ctx, prisoner, 'latestAssessment');
  }

  @FieldResolver(() => [RiskAssessment], { nullable: true, description: 'Every assessment the caller may see, newest first.' })
  riskAssessments(@Root() prisoner: RecordView, @Ctx() ctx: RequestContext) {
    return relationOf(ctx, prisoner, 'riskAssessments');
  }

  @FieldResolver(() => Classification, { nullable: true, description: 'The current security classification; null when there is none, or none you may see.' })
  classification(@Root() prisoner: RecordView, @Ctx() ctx: RequestContext) {
    return relationOf(ctx, prisoner, 'classification');
  }

  @FieldResolver(() => ReleasePlan, { nullable: true, description: 'The release plan; null when there is none, or none you may see (a hidden plan is not reported as a redaction: that would betray it).' })
  releasePlan(@Root() prisoner: RecordView, @Ctx() ctx: RequestContext) {
    return relationOf(ctx, prisoner, 'releasePlan');
  }

  @FieldResolver(() => [Intervention], { nullable: true, description: 'The programmes the prisoner takes part in that you may see (at most 100).' })
  interventions(@Root() prisoner: RecordView, @Ctx() ctx: RequestContext) {
    return relationOf(ctx, prisoner, 'interventions');
  }

  @FieldResolver(() => [IntelligenceReport], { nullable: true, description: 'Intelligence reports about the prisoner that you may see (at most 100).' })
  intelligenceReports(@Root() prisoner: RecordView, @Ctx() ctx: RequestContext) {
    return relationOf(ctx, prisoner, 'intelligenceReports');
  }
}
