import type { RequestContext } from '../../context/request-context.js';
import { pageSize } from '../../domain/input.js';
import { isoDate } from '../../policies/condition-language.js';
import type { SubjectType } from '../../policies/subjects.js';
import { assertReadable } from '../policed-reads.js';
import type { RecordView } from '../record-view.js';
import { aliasAt, compileCounted, compileRecords, type CompileScope } from './compile-records.js';
import { decodeCursor, encodeCursor } from './opaque-cursor.js';
import { presentCompiled, type CompiledRecord } from './present-compiled.js';
import { runStatement } from './run-statement.js';
import type { ConnectionSelection, RecordSelection } from './selection.js';
import { columnOf, SqlStatement } from './sql-statement.js';

/**
 * The one road to shared records (docs/architecture.md §3.2): a root field's selection, the
 * caller's policy and the use case's filters compiled into one statement, run, and its JSON
 * presented. Every record the response reveals — by a field, an edge or cursor, a relation
 * or a count — is tracked for the disclosure log and the daily quotas.
 */

/** The alias of the root records in filters (`r0.prisoner_id = :prisonerId`). */
export const ROOT = aliasAt(0);

/** A use case's filter on the root records: SQL over `ROOT` with TypeORM-style named parameters. */
export interface RecordFilter {
  sql: string;
  params?: Record<string, unknown>;
}

export interface ListOrder {
  /** The catalogue field to order by; ignored unless the caller may see it on every row. */
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface CompiledConnection {
  edges: { cursor: string; node: RecordView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const NOTHING_SELECTED: RecordSelection = { fields: new Set(), relations: new Map() };

function scopeFor(ctx: RequestContext): CompileScope {
  const stmt = new SqlStatement();
  let today: string | undefined;
  return { stmt, policy: ctx.policy, today: () => (today ??= stmt.bind(isoDate(ctx.now))), subjects: new Set() };
}

function noteSearched(ctx: RequestContext, scope: CompileScope): void {
  for (const subject of scope.subjects) ctx.disclosures.queried(subject);
}

/**
 * The order of a list: by `order.field` only when every clause that shares these records with
 * the caller grants it (otherwise the order would disclose a withheld value), then by id.
 */
export function orderSql(ctx: RequestContext, subject: SubjectType, alias: string, order: ListOrder): string {
  return ctx.policy.canFilterOn(subject, order.field)
    ? `${alias}.${columnOf(order.field)} ${order.direction}, ${alias}.id ${order.direction}`
    : `${alias}.id ${order.direction}`;
}

/** A Relay connection over the records of `subject` the caller may read that `filters` select. */
export async function readConnection(
  ctx: RequestContext,
  subject: SubjectType,
  filters: readonly RecordFilter[],
  order: ListOrder,
  page: PageArgs,
  selection: ConnectionSelection,
): Promise<CompiledConnection> {
  assertReadable(ctx, subject);
  const first = pageSize(page.first);
  const offset = page.after ? decodeCursor(ctx, subject, page.after) : 0;
  const scope = scopeFor(ctx);
  scope.subjects.add(subject);
  const { stmt } = scope;
  const where = () => filters.map((filter) => stmt.embed({ sql: filter.sql, params: filter.params ?? {} }));
  const wantsPage = first > 0 && (selection.edges || selection.endCursor || selection.hasNextPage);
  const node = selection.edges ? selection.node ?? NOTHING_SELECTED : NOTHING_SELECTED;
  const pageSql = wantsPage
    ? `(SELECT coalesce(json_agg(x.j ORDER BY x.n), '[]'::json) FROM (${compileRecords(scope, subject, node, 0, {
      where: where(), orderBy: orderSql(ctx, subject, ROOT, order), limit: stmt.bind(first + 1), offset: stmt.bind(offset),
    })}) x)`
    : `'[]'::json`;
  const countSql = selection.totalCount ? `(${compileCounted(scope, subject, where())})` : `'[]'::json`;
  noteSearched(ctx, scope);
  const row = await runStatement(ctx, stmt, `SELECT ${pageSql} AS page, ${countSql} AS counted`);

  const fetched = (row.page ?? []) as CompiledRecord[];
  const records = fetched.slice(0, first);
  // Only what the response reveals is presented: every edge, or else the record the endCursor stands for.
  const shown = selection.edges ? records : selection.endCursor ? records.slice(-1) : [];
  const views = shown.map((record) => presentCompiled(ctx, subject, record, node));
  const counted = (row.counted ?? []) as [string, string, string | null, string[]][];
  for (const [id, owner, prisonerId, clauseIds] of counted) {
    ctx.disclosures.track({
      subject, id, prisonerId: subject === 'Prisoner' ? id : prisonerId, ownerAgencyCode: owner, clauseIds,
      withheld: new Map(), returned: new Set(), redacted: new Set(), revealed: true,
    });
  }
  return {
    edges: selection.edges ? views.map((view, i) => ({ cursor: encodeCursor(ctx, subject, offset + i + 1), node: view })) : [],
    pageInfo: {
      hasNextPage: fetched.length > first,
      endCursor: records.length ? encodeCursor(ctx, subject, offset + records.length) : null,
    },
    totalCount: counted.length,
  };
}

/** The records of `subject` with these ids that the caller may read, by id (an id not visible is absent). */
export async function readRecordsById(
  ctx: RequestContext,
  subject: SubjectType,
  ids: readonly string[],
  selection: RecordSelection,
): Promise<Map<string, RecordView>> {
  assertReadable(ctx, subject);
  if (ids.length === 0) {
    ctx.disclosures.queried(subject);
    return new Map();
  }
  const scope = scopeFor(ctx);
  const where = `${ROOT}.id IN (${ids.map((id) => scope.stmt.bind(id)).join(', ')})`;
  const rows = compileRecords(scope, subject, selection, 0, { where: [where], orderBy: `${ROOT}.id` });
  noteSearched(ctx, scope);
  const row = await runStatement(ctx, scope.stmt, `SELECT coalesce(json_agg(x.j ORDER BY x.n), '[]'::json) AS records FROM (${rows}) x`);
  const views = ((row.records ?? []) as CompiledRecord[]).map((record) => presentCompiled(ctx, subject, record, selection));
  return new Map(views.map((view) => [view.id as string, view]));
}

/** One record of `subject` by id, or null when the caller may not see it or it does not exist. */
export async function readRecord(ctx: RequestContext, subject: SubjectType, id: string, selection: RecordSelection): Promise<RecordView | null> {
  assertReadable(ctx, subject);
  const scope = scopeFor(ctx);
  const rows = compileRecords(scope, subject, selection, 0, { where: [`${ROOT}.id = ${scope.stmt.bind(id)}`], orderBy: `${ROOT}.id`, limit: '1' });
  noteSearched(ctx, scope);
  const row = await runStatement(ctx, scope.stmt, `SELECT (SELECT x.j FROM (${rows}) x) AS record`);
  return row.record ? presentCompiled(ctx, subject, row.record as CompiledRecord, selection) : null;
}
