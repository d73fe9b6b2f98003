import type { RequestContext } from '../context/request-context.js';
import { badUserInput } from '../errors.js';
import { isoDate } from '../policies/condition-language.js';
import { assertFilterable } from '../enforcement/policed-reads.js';
import { readConnection, ROOT, type CompiledConnection, type PageArgs, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter } from '../enforcement/compiled-read/record-filters.js';
import { dateLiteral } from '../enforcement/compiled-read/sql-statement.js';
import type { ConnectionSelection } from '../enforcement/compiled-read/selection.js';

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
    // The window's dates are written into the statement (dateLiteral): bound, they would have it planned at every execution.
    const from = dateLiteral(isoDate(ctx.now));
    const to = dateLiteral(isoDate(new Date(ctx.now.getTime() + days * 86_400_000)));
    filters.push({ sql: `${ROOT}.expected_release_date BETWEEN ${from} AND ${to}` });
  }
  if (filter?.supervisingOffice) {
    assertFilterable(ctx, 'ReleasePlan', 'supervisingOffice', ['supervisingOffice']);
    filters.push({ sql: `${ROOT}.supervising_office = :office`, params: { office: filter.supervisingOffice } });
  }
  return readConnection(ctx, 'ReleasePlan', filters, { field: 'expectedReleaseDate', direction: 'ASC' }, page, selection);
}
