import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { IntelligenceReport, IntelligenceReportConnection, IntelligenceReportFilter } from '../schema/intelligence-report.type.js';
import { Prisoner } from '../schema/prisoner.type.js';
import { listIntelligenceReports } from '../records/intelligence-reports.js';
import type { RecordView } from '../enforcement/record-view.js';
import { relationOf } from '../enforcement/compiled-read/present-compiled.js';
import { selectedConnection } from '../enforcement/compiled-read/selection.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

@Resolver(() => IntelligenceReport)
export class IntelligenceReportResolver {
  @Query(() => IntelligenceReportConnection, { description: 'Intelligence reports the caller may see, newest first.' })
  intelligenceReports(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => IntelligenceReportFilter, { nullable: true, description: ARGUMENT.filter }) filter?: IntelligenceReportFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: ARGUMENT.after }) after?: string,
  ) {
    return listIntelligenceReports(ctx, filter, { first, after }, selectedConnection('IntelligenceReport', info));
  }

  @FieldResolver(() => [Prisoner], { nullable: true, description: 'The prisoners the report is about that the caller may see.' })
  subjects(@Root() report: RecordView, @Ctx() ctx: RequestContext) {
    return relationOf(ctx, report, 'subjects');
  }
}
