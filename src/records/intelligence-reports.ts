import DataLoader from 'dataloader';
import type { RequestContext } from '../context/request-context.js';
import type { IntelligencePriority } from '../domain/enums.js';
import { IntelligenceReportEntity, IntelligenceReportSubjectEntity } from '../entities/index.js';
import { assertFilterable, fetchAccessible, RECORD_ALIAS } from '../enforcement/policed-reads.js';
import { NESTED_LIST_LIMIT } from '../enforcement/batch-loaders.js';
import { readConnection, ROOT, type CompiledConnection, type PageArgs, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter, prisonerFilter, valuesFilter } from '../enforcement/compiled-read/record-filters.js';
import type { ConnectionSelection } from '../enforcement/compiled-read/selection.js';
import { prisonersById } from './prisoners.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';

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
  ctx: RequestContext, filter: IntelligenceReportFilter | null | undefined, page: PageArgs, selection: ConnectionSelection,
): Promise<CompiledConnection> {
  const filters: RecordFilter[] = [
    ...changedSinceFilter(ctx, 'IntelligenceReport', filter?.changedSince),
    ...prisonerFilter(ctx, filter?.prisonerId, `fp.id IN (SELECT s.prisoner_id FROM intelligence_report_subject s WHERE s.report_id = ${ROOT}.id)`),
    ...valuesFilter(ctx, 'IntelligenceReport', 'handlingCodes', 'handlingCode', filter?.handlingCodes),
    ...valuesFilter(ctx, 'IntelligenceReport', 'priorities', 'priority', filter?.priorities),
  ];
  if (filter?.createdSince) {
    assertFilterable(ctx, 'IntelligenceReport', 'createdSince', ['createdAt']);
    filters.push({ sql: `${ROOT}.created_at >= :createdSince`, params: { createdSince: filter.createdSince } });
  }
  return readConnection(ctx, 'IntelligenceReport', filters, { field: 'createdAt', direction: 'DESC' }, page, selection);
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
