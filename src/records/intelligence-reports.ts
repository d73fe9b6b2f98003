import DataLoader from 'dataloader';
import type { RequestContext } from '../context/request-context.js';
import type { IntelligencePriority } from '../domain/enums.js';
import { IntelligenceReportEntity, IntelligenceReportSubjectEntity } from '../entities/index.js';
import { assertFilterable, fetchAccessible, RECORD_ALIAS } from '../enforcement/policed-reads.js';
import { filterChangedSince } from '../enforcement/changed-since.js';
import { NESTED_LIST_LIMIT } from '../enforcement/batch-loaders.js';
import { accessibleConnection, type ConnectionView, type PageArgs } from '../enforcement/paging.js';
import { prisonersById } from './prisoners.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';
import { prisonerFilterVisible } from './risk-flags.js';

export interface IntelligenceReportFilter {
  prisonerId?: string | null;
  handlingCodes?: string[] | null;
  priorities?: IntelligencePriority[] | null;
  createdSince?: Date | null;
  /** Created or changed at or after this instant. */
  changedSince?: Date | null;
}

export function presentIntelligenceReports(ctx: RequestContext, rows: IntelligenceReportEntity[]): RecordView[] {
  return presentAll(ctx, 'IntelligenceReport', rows, (row) => ({
    gradingScheme: row.gradingScheme,
    sourceEvaluation: row.sourceEvaluation,
    intelligenceAssessment: row.intelligenceAssessment,
    handlingCode: row.handlingCode,
    sanitisedText: row.sanitisedText,
    sourceReference: row.sourceReference,
    priority: row.priority,
    createdAt: row.createdAt,
  }));
}

export async function listIntelligenceReports(
  ctx: RequestContext, filter: IntelligenceReportFilter | null | undefined, page: PageArgs,
): Promise<ConnectionView> {
  const qb = ctx.dataSource.getRepository(IntelligenceReportEntity).createQueryBuilder(RECORD_ALIAS);
  filterChangedSince(ctx, 'IntelligenceReport', qb, filter?.changedSince);
  const prisonerId = await prisonerFilterVisible(ctx, filter?.prisonerId);
  if (prisonerId === false) qb.andWhere('FALSE');
  else if (prisonerId) {
    qb.andWhere(`${RECORD_ALIAS}.id IN (SELECT s.report_id FROM intelligence_report_subject s WHERE s.prisoner_id = :prisonerId)`, { prisonerId });
  }
  if (filter?.handlingCodes) {
    assertFilterable(ctx, 'IntelligenceReport', 'handlingCodes', ['handlingCode']);
    qb.andWhere(filter.handlingCodes.length ? `${RECORD_ALIAS}.handlingCode IN (:...handlingCodes)` : 'FALSE', { handlingCodes: filter.handlingCodes });
  }
  if (filter?.priorities) {
    assertFilterable(ctx, 'IntelligenceReport', 'priorities', ['priority']);
    qb.andWhere(filter.priorities.length ? `${RECORD_ALIAS}.priority IN (:...priorities)` : 'FALSE', { priorities: filter.priorities });
  }
  if (filter?.createdSince) {
    assertFilterable(ctx, 'IntelligenceReport', 'createdSince', ['createdAt']);
    qb.andWhere(`${RECORD_ALIAS}.createdAt >= :createdSince`, { createdSince: filter.createdSince });
  }
  return accessibleConnection(
    ctx, 'IntelligenceReport', IntelligenceReportEntity, qb, { property: 'createdAt', direction: 'DESC' }, page,
    (rows) => presentIntelligenceReports(ctx, rows),
  );
}

/** Reports about each prisoner that the caller may see, batched per request. */
export function intelligenceReportsOfPrisoner(ctx: RequestContext): DataLoader<string, RecordView[]> {
  return ctx.once('IntelligenceReport:byPrisoner', () => new DataLoader<string, RecordView[]>(async (ids) => {
    const links = await ctx.dataSource.getRepository(IntelligenceReportSubjectEntity).createQueryBuilder('s')
      .where('s.prisonerId IN (:...ids)', { ids: [...ids] }).getMany();
    if (links.length === 0) return ids.map(() => []);
    const qb = ctx.dataSource.getRepository(IntelligenceReportEntity).createQueryBuilder(RECORD_ALIAS)
      .where(`${RECORD_ALIAS}.id IN (:...reportIds)`, { reportIds: [...new Set(links.map((l) => l.reportId))] })
      .orderBy(`${RECORD_ALIAS}.createdAt`, 'DESC').addOrderBy(`${RECORD_ALIAS}.id`, 'DESC');
    const views = new Map(presentIntelligenceReports(ctx, await fetchAccessible(ctx, 'IntelligenceReport', qb)).map((v) => [v.id as string, v]));
    return ids.map((id) => links
      .filter((l) => l.prisonerId === id && views.has(l.reportId))
      .map((l) => views.get(l.reportId)!)
      .slice(0, NESTED_LIST_LIMIT));
  }, { maxBatchSize: 200 }));
}

/** The subjects of a report: only the prisoners the caller may see. */
export function subjectsOfReport(ctx: RequestContext): DataLoader<string, RecordView[]> {
  return ctx.once('IntelligenceReport:subjects', () => new DataLoader<string, RecordView[]>(async (ids) => {
    const links = await ctx.dataSource.getRepository(IntelligenceReportSubjectEntity).createQueryBuilder('s')
      .where('s.reportId IN (:...ids)', { ids: [...ids] }).getMany();
    const prisoners = await prisonersById(ctx).loadMany([...new Set(links.map((l) => l.prisonerId))]);
    const visible = new Map<string, RecordView>();
    for (const p of prisoners) if (p && !(p instanceof Error)) visible.set(p.id as string, p);
    return ids.map((id) => links.filter((l) => l.reportId === id && visible.has(l.prisonerId)).map((l) => visible.get(l.prisonerId)!));
  }, { maxBatchSize: 200 }));
}
