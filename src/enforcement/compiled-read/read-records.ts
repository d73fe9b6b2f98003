import type { RequestContext } from '../../context/request-context.js';
import { pageSize } from '../../domain/input.js';
import { isoDate } from '../../policies/condition-language.js';
import type { SubjectType } from '../../policies/subjects.js';
import { assertReadable } from '../policed-reads.js';
import type { RecordView } from '../record-view.js';
import { aliasAt, compileCounted, compileRecords } from './compile-records.js';
import { decodeCursor, encodeCursor } from './opaque-cursor.js';
import { presentCompiled } from './present-compiled.js';
import { clauseIdsOf, decodeRecord, type RecordTuple } from './record-tuple.js';
import { runStatement, type CompiledRow } from './run-statement.js';
import type { ConnectionSelection, RecordSelection } from './selection.js';
import { columnOf, integerLiteral, Slot } from './sql-statement.js';
import { bindSlots, cachedStatement, type CachedStatement } from './statement-cache.js';

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
  /** Each edge's cursor, or null when the request did not select it (the field is then never resolved). */
  edges: { cursor: string | null; node: RecordView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const NOTHING_SELECTED: RecordSelection = { fields: new Set(), relations: new Map() };

const selectionKeys = new WeakMap<RecordSelection, string>();

/**
 * A selection as text: what decides the compiled statement's shape (fields and relations are
 * compiled sorted). Worked out once per selection (a document's selections are shared by its
 * requests: selection.ts).
 */
function selectionKey(selection: RecordSelection): string {
  let key = selectionKeys.get(selection);
  if (key === undefined) {
    key = [...selection.fields].sort().join(',');
    for (const [name, child] of [...selection.relations].sort(([x], [y]) => x.localeCompare(y))) key += `;${name}{${selectionKey(child)}}`;
    selectionKeys.set(selection, key);
  }
  return key;
}

/**
 * The use case's filters with every parameter a `Slot` (a list the SQL expands item by item
 * gets one per item), their values put in `slots`, and their shape as text for the cache key.
 */
function slotted(filters: readonly RecordFilter[], slots: Map<string, unknown>): { filters: RecordFilter[]; key: string } {
  const keys: string[] = [];
  const slottedFilters = filters.map((filter, i): RecordFilter => {
    const params: Record<string, unknown> = {};
    const shape: string[] = [];
    for (const [name, value] of Object.entries(filter.params ?? {})) {
      if (Array.isArray(value) && filter.sql.includes(`(:...${name})`)) {
        params[name] = value.map((item: unknown, j) => {
          slots.set(`f${i}.${name}.${j}`, item);
          return new Slot(`f${i}.${name}.${j}`);
        });
        shape.push(`${name}[${value.length}]`);
      } else {
        slots.set(`f${i}.${name}`, value);
        params[name] = new Slot(`f${i}.${name}`);
        shape.push(name);
      }
    }
    keys.push(`${filter.sql}\u0002${shape.join(',')}`);
    return { sql: filter.sql, params };
  });
  return { filters: slottedFilters, key: keys.join('\u0003') };
}

/** Tracks a record whose existence alone the response reveals (a count, `hasNextPage`): no field of it is returned. */
function revealExistence(ctx: RequestContext, subject: SubjectType, id: string, owner: string, prisonerId: string | null, clauseIds: readonly string[]): void {
  ctx.disclosures.track({
    subject, id, prisonerId: subject === 'Prisoner' ? id : prisonerId, ownerAgencyCode: owner, clauseIds,
    withheld: new Map(), returned: new Set(), redacted: new Set(), revealed: true,
  });
}

/** Runs a cached statement with the request's values, noting the kinds of record it searches. */
function run(ctx: RequestContext, statement: CachedStatement, slots: ReadonlyMap<string, unknown>): Promise<CompiledRow[]> {
  for (const subject of statement.subjects) ctx.disclosures.queried(subject);
  return runStatement(ctx, statement, bindSlots(statement, slots));
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
  const slots = new Map<string, unknown>([['today', isoDate(ctx.now)]]);
  const filtered = slotted(filters, slots);
  const wantsPage = first > 0 && (selection.edges || selection.endCursor || selection.hasNextPage);
  const node = selection.edges ? selection.node ?? NOTHING_SELECTED : NOTHING_SELECTED;
  // The page's size and offset are written into the text (integers the gateway computed, never
  // input text): with them bound as parameters, PostgreSQL cannot reuse a plan for the statement
  // (a generic plan with an unknown LIMIT is a poor one) and plans it again at every execution.
  const key = `connection|${subject}|${order.field} ${order.direction}|${wantsPage}|${first}|${offset}|${selection.totalCount}|${selectionKey(node)}|${filtered.key}`;
  const statement = cachedStatement(ctx.policy, key, (scope) => {
    const { stmt } = scope;
    scope.subjects.add(subject);
    const where = () => filtered.filters.map((filter) => stmt.embed({ sql: filter.sql, params: filter.params ?? {} }));
    // One row per record of the page (in order), and the count's row first (position 0).
    const parts = [
      ...(selection.totalCount ? [`SELECT (${compileCounted(scope, subject, where())}) AS j, 0 AS n`] : []),
      ...(wantsPage ? [`SELECT x.j, x.n::int AS n FROM (${compileRecords(scope, subject, node, 0, {
        where: where(), orderBy: orderSql(ctx, subject, ROOT, order), limit: integerLiteral(first + 1), offset: integerLiteral(offset),
      })}) x`] : []),
    ];
    return parts.length ? `${parts.join(' UNION ALL ')} ORDER BY n` : 'SELECT NULL::json AS j, 0 AS n WHERE FALSE';
  });
  const rows = await run(ctx, statement, slots);
  const countRow = selection.totalCount ? rows.shift() : undefined;
  const fetched = rows.map((row) => row.j as RecordTuple);
  const records = fetched.slice(0, first);
  // Only what the response reveals is presented: every edge, or else the record the endCursor stands for.
  const shown = selection.edges ? records : selection.endCursor ? records.slice(-1) : [];
  const views = shown.map((record) => presentCompiled(ctx, subject, decodeRecord(subject, record, node, statement.clauses), node));
  // `hasNextPage: true` reveals that the record after the page exists: it is a disclosure too.
  const next = selection.hasNextPage ? fetched[first] : undefined;
  if (next) {
    const [id, owner, , , , prisonerId, clauses] = next;
    revealExistence(ctx, subject, id, owner, prisonerId, clauseIdsOf(subject, clauses, statement.clauses));
  }
  const counted = (countRow?.j ?? []) as [string, string, string | null, number | string[]][];
  for (const [id, owner, prisonerId, clauses] of counted) revealExistence(ctx, subject, id, owner, prisonerId, clauseIdsOf(subject, clauses, statement.clauses));
  return {
    // A cursor is made only when asked for (an edge without one still reveals its record: tracked above).
    edges: selection.edges ? views.map((view, i) => ({ cursor: selection.cursor ? encodeCursor(ctx, subject, offset + i + 1) : null, node: view })) : [],
    pageInfo: {
      hasNextPage: fetched.length > first,
      // Made only when asked for, as an edge's cursor: what is returned is what was tracked above.
      endCursor: selection.endCursor && records.length ? encodeCursor(ctx, subject, offset + records.length) : null,
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
  const slots = new Map<string, unknown>(ids.map((id, i) => [`id.${i}`, id]));
  slots.set('today', isoDate(ctx.now));
  const statement = cachedStatement(ctx.policy, `byId|${subject}|${ids.length}|${selectionKey(selection)}`, (scope) => {
    const where = `${ROOT}.id IN (${ids.map((_, i) => scope.stmt.bind(new Slot(`id.${i}`))).join(', ')})`;
    const rows = compileRecords(scope, subject, selection, 0, { where: [where], orderBy: `${ROOT}.id` });
    return `SELECT x.j, x.n::int AS n FROM (${rows}) x ORDER BY x.n`;
  });
  const rows = await run(ctx, statement, slots);
  const views = rows.map((row) => presentCompiled(ctx, subject, decodeRecord(subject, row.j as RecordTuple, selection, statement.clauses), selection));
  return new Map(views.map((view) => [view.id as string, view]));
}

/** One record of `subject` by id, or null when the caller may not see it or it does not exist. */
export async function readRecord(ctx: RequestContext, subject: SubjectType, id: string, selection: RecordSelection): Promise<RecordView | null> {
  assertReadable(ctx, subject);
  const slots = new Map<string, unknown>([['id', id], ['today', isoDate(ctx.now)]]);
  const statement = cachedStatement(ctx.policy, `one|${subject}|${selectionKey(selection)}`, (scope) => {
    const rows = compileRecords(scope, subject, selection, 0, { where: [`${ROOT}.id = ${scope.stmt.bind(new Slot('id'))}`], orderBy: `${ROOT}.id`, limit: '1' });
    return `SELECT x.j, x.n FROM (${rows}) x`;
  });
  const [row] = await run(ctx, statement, slots);
  return row ? presentCompiled(ctx, subject, decodeRecord(subject, row.j as RecordTuple, selection, statement.clauses), selection) : null;
}
