import type { EntityTarget, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import type { SharedRecord } from '../entities/shared-record.js';
import { badUserInput } from '../errors.js';
import type { SubjectType } from '../policies/subjects.js';
import { countAccessible, fetchAccessible, RECORD_ALIAS } from './policed-reads.js';
import { isRecordId, pageSize } from '../domain/input.js';
import type { RecordView } from './record-view.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface SortKey {
  /** Entity property of a NOT NULL column. */
  property: string;
  direction: 'ASC' | 'DESC';
}

export interface ConnectionView {
  edges: { cursor: string; node: RecordView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when asked for (a second query). */
  totalCount: () => Promise<number>;
}

/**
 * Cursors name a row, never its sort value: a cursor built from a sort value would disclose
 * that value (e.g. a release date) even when no clause grants it. Resolving a cursor goes
 * through the policy, so a cursor for a row the caller cannot see is no more than garbage.
 */
const encodeCursor = (subject: SubjectType, id: string): string =>
  Buffer.from(JSON.stringify([subject, id])).toString('base64url');

/** A cursor is base64url of `["Subject","<uuid>"]`: well under this length. */
const MAX_CURSOR_LENGTH = 128;

function decodeCursor(subject: SubjectType, cursor: string): string {
  try {
    const decoded = cursor.length <= MAX_CURSOR_LENGTH ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown : null;
    if (Array.isArray(decoded) && decoded[0] === subject && typeof decoded[1] === 'string' && isRecordId(decoded[1])) {
      return decoded[1].toLowerCase();
    }
  } catch {
    // fall through
  }
  throw badUserInput('after is not a cursor of this list');
}

/**
 * A Relay connection over the policy-filtered rows of `qb` (keyset paging on `sort`, then id).
 */
export async function accessibleConnection<E extends SharedRecord>(
  ctx: RequestContext,
  subject: SubjectType,
  entity: EntityTarget<E>,
  qb: SelectQueryBuilder<E>,
  sort: SortKey,
  page: PageArgs,
  present: (rows: E[]) => RecordView[],
): Promise<ConnectionView> {
  const first = pageSize(page.first);
  const filtered = qb.clone();
  const paged = qb.clone();
  if (page.after) {
    const cursorId = decodeCursor(subject, page.after);
    const [anchor] = await fetchAccessible(
      ctx, subject,
      ctx.dataSource.getRepository(entity).createQueryBuilder(RECORD_ALIAS).where(`${RECORD_ALIAS}.id = :cursorId`, { cursorId }),
    );
    if (!anchor) throw badUserInput('after is not a cursor of this list');
    const comparison = sort.direction === 'ASC' ? '>' : '<';
    paged.andWhere(
      `(${RECORD_ALIAS}.${sort.property}, ${RECORD_ALIAS}.id) ${comparison} (:afterValue, :afterId)`,
      { afterValue: (anchor as Record<string, unknown>)[sort.property], afterId: anchor.id },
    );
  }
  paged
    .orderBy(`${RECORD_ALIAS}.${sort.property}`, sort.direction)
    .addOrderBy(`${RECORD_ALIAS}.id`, sort.direction)
    .limit(first + 1);
  const rows = first === 0 ? [] : await fetchAccessible(ctx, subject, paged);
  const views = present(rows.slice(0, first));
  const edges = views.map((node) => ({ cursor: encodeCursor(subject, node.id as string), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => countAccessible(ctx, subject, filtered),
  };
}
