import DataLoader from 'dataloader';
import type { RequestContext } from '../context/request-context.js';
import { LicenceConditionEntity, ReleasePlanEntity } from '../entities/index.js';
import { badUserInput } from '../errors.js';
import { isoDate } from '../policies/condition-language.js';
import { assertFilterable } from '../enforcement/policed-reads.js';
import { latestByPrisoner } from '../enforcement/batch-loaders.js';
import { readConnection, ROOT, type CompiledConnection, type PageArgs, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter } from '../enforcement/compiled-read/record-filters.js';
import type { ConnectionSelection } from '../enforcement/compiled-read/selection.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';

export interface ReleasePlanFilter {
  releaseWithinDays?: number | null;
  supervisingOffice?: string | null;
  /** Created or changed at or after this instant. */
  changedSince?: Date | null;
}

export interface LicenceConditionView {
  type: string;
  details: string | null;
}

export function presentReleasePlans(ctx: RequestContext, rows: ReleasePlanEntity[]): RecordView[] {
  return presentAll(ctx, 'ReleasePlan', rows, (row) => ({
    expectedReleaseDate: row.expectedReleaseDate,
    releaseType: row.releaseType,
    releaseAddress: row.releaseAddress,
    supervisingOffice: row.supervisingOffice,
    licenceConditions: () => licenceConditions(ctx).load(row.id),
    postReleaseServices: row.postReleaseServices,
  }));
}

/** A prisoner's current release plan: the most recently updated one the caller may see. */
export const releasePlanOfPrisoner = (ctx: RequestContext) => latestByPrisoner(ctx, {
  subject: 'ReleasePlan', entity: ReleasePlanEntity, orderBy: 'updatedAt', direction: 'DESC',
  present: presentReleasePlans,
});

export const MAX_RELEASE_WINDOW_DAYS = 3660;

export async function listReleasePlans(
  ctx: RequestContext, filter: ReleasePlanFilter | null | undefined, page: PageArgs, selection: ConnectionSelection,
): Promise<CompiledConnection> {
  const filters: RecordFilter[] = [...changedSinceFilter(ctx, 'ReleasePlan', filter?.changedSince)];
  if (filter?.releaseWithinDays !== undefined && filter.releaseWithinDays !== null) {
    const days = filter.releaseWithinDays;
    if (!Number.isInteger(days) || days < 0 || days > MAX_RELEASE_WINDOW_DAYS) {
      throw badUserInput(`releaseWithinDays must be between 0 and ${MAX_RELEASE_WINDOW_DAYS}`);
    }
    assertFilterable(ctx, 'ReleasePlan', 'releaseWithinDays', ['expectedReleaseDate']);
    filters.push({
      sql: `${ROOT}.expected_release_date BETWEEN :fromDate AND :toDate`,
      params: { fromDate: isoDate(ctx.now), toDate: isoDate(new Date(ctx.now.getTime() + days * 86_400_000)) },
    });
  }
  if (filter?.supervisingOffice) {
    assertFilterable(ctx, 'ReleasePlan', 'supervisingOffice', ['supervisingOffice']);
    filters.push({ sql: `${ROOT}.supervising_office = :office`, params: { office: filter.supervisingOffice } });
  }
  return readConnection(ctx, 'ReleasePlan', filters, { field: 'expectedReleaseDate', direction: 'ASC' }, page, selection);
}

/** Licence conditions; reached only through the `licenceConditions` field of a plan the caller may see. */
function licenceConditions(ctx: RequestContext): DataLoader<string, LicenceConditionView[]> {
  return ctx.once('ReleasePlan:licenceConditions', () => new DataLoader<string, LicenceConditionView[]>(async (ids) => {
    const rows = await ctx.dataSource.getRepository(LicenceConditionEntity).createQueryBuilder('c')
      .where('c.releasePlanId IN (:...ids)', { ids: [...ids] })
      .orderBy('c.releasePlanId').addOrderBy('c.position')
      .getMany();
    return ids.map((id) => rows.filter((r) => r.releasePlanId === id).map(({ type, details }) => ({ type, details })));
  }));
}
