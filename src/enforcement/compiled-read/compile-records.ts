import type { CompiledPolicy } from '../../policies/compiled-policy.js';
import { SUBJECTS, type SubjectType } from '../../policies/subjects.js';
import { NESTED_LIST_LIMIT, PRISONER_COLUMNS, RECORD_SHAPES } from './record-shapes.js';
import { MAX_BITS, compiledFields, compiledRelations, noteClauses, type ClauseTable } from './record-tuple.js';
import type { RecordSelection } from './selection.js';
import { columnOf, literal, predicateKey, type SqlStatement } from './sql-statement.js';

/**
 * Compiles the selection of one kind of record into a SELECT whose rows are the records as
 * JSON (column `j`) in order (column `n`): rows filtered by the caller's policy predicate;
 * each selected field as `CASE WHEN <the rules granting it match this row> THEN value END`;
 * beside the data, the ids of the clauses matching the row and the selected fields withheld
 * from it; each selected relation as a subquery under its own subject's policy, with its own
 * limit (a list as an ordered ARRAY, a single record as a LATERAL subquery) — but the owning
 * prisoner, which is a join. The whole tree is one statement
 * (docs/architecture.md §3.2).
 *
 * A record's JSON is one flat array (record-tuple.ts): id, owner agency, TLP, handling code,
 * onward disclosure, owning prisoner, clause bits, withheld-field bits, granted field values
 * (in `compiledFields` order), relations (in `compiledRelations` order).
 */

export interface CompileScope {
  stmt: SqlStatement;
  policy: CompiledPolicy;
  /** Placeholder of today's date (UTC), for computed fields (bound on first use). */
  today: () => string;
  /** Subjects the statement reads (each is noted as searched). */
  subjects: Set<SubjectType>;
  /** What the statement's clause bits stand for, per subject (noted as it is compiled). */
  clauses: ClauseTable;
}

export interface RecordsQuery {
  /** Further conditions on the record's alias (bound already). */
  where: readonly string[];
  orderBy: string;
  limit?: string;
  offset?: string;
}

/** Alias of the records at nesting `depth` (root 0); its owning prisoner is `<alias>p`, its masks `<alias>m`. */
export const aliasAt = (depth: number): string => `r${depth}`;

/** The policy's row predicate for `subject` on `alias`, with whether it needs the owning prisoner joined. */
export function rowFilter(scope: CompileScope, subject: SubjectType, alias: string, prisoner = `${alias}p`): { sql: string; joinPrisoner: boolean; key: string } {
  const predicate = scope.policy.sql(subject, { record: alias, prisoner });
  if (predicate.prisonerFields.length > 0 && !SUBJECTS[subject].linkedToPrisoner) throw new Error(`policy: ${subject} rules test prisoner fields`);
  return { sql: scope.stmt.embed(predicate), joinPrisoner: predicate.prisonerFields.length > 0, key: predicateKey(predicate) };
}

export const prisonerJoin = (alias: string): string => `LEFT JOIN prisoner ${alias}p ON ${alias}p.id = ${alias}.prisoner_id`;

/** The owning prisoner's columns a page carries out when it joined that row (`${alias}p.<column>` as `"${alias}p.<column>"`). */
const carriedColumns = (alias: string): string => PRISONER_COLUMNS.map((c) => `, ${alias}p.${c} AS "${alias}p.${c}"`).join('');

/**
 * The owning prisoner as `<alias>p` over the columns its page carried: no second lookup of the
 * row. PostgreSQL pulls this subquery of plain column references up into the query, so
 * `<alias>p.<column>` reads the page's column, and the columns nothing reads are not carried
 * (bench/statement-cpu.ts: S1's statement 6 % less backend CPU than joining the row again).
 */
const carriedPrisoner = (alias: string): string =>
  `CROSS JOIN LATERAL (SELECT ${PRISONER_COLUMNS.map((c) => `${alias}."${alias}p.${c}" AS ${c}`).join(', ')}) ${alias}p`;

/**
 * The rows of `subject` the caller may read and `query` selects, as JSON records in order.
 * The page is chosen first (filter, order, limit) and only its rows are dressed (masks,
 * relations), so the work done per row is bounded by the page.
 */
export function compileRecords(
  scope: CompileScope, subject: SubjectType, selection: RecordSelection, depth: number, query: RecordsQuery, owner?: string,
): string {
  const a = aliasAt(depth);
  // A single record (a to-one relation, one record by id) needs no position: no window to compute.
  const position = query.limit === '1' ? '1' : `row_number() OVER (ORDER BY ${query.orderBy})`;
  const { page, dressed } = pageOf(scope, subject, selection, depth, query, owner, `, ${position} AS n`);
  return `SELECT ${dressed.json} AS j, ${a}.n FROM (${page}) ${a}${dressed.joins.map((j) => ` ${j}`).join('')}`;
}

/**
 * A nested list: its records as one JSON array, in order. `ARRAY(SELECT … ORDER BY …)` keeps
 * the order it is given, and ordered by the page's own keys over the page (ordered by them
 * already) it sorts nothing: no position to compute, no sort in the aggregate (PostgreSQL 15
 * sorts the input of `json_agg(… ORDER BY …)` whatever its order; measured with
 * `bench/statement-cpu.ts`, docs/architecture.md §3.2). `query.orderBy` names only the
 * records' own columns.
 */
function compileList(
  scope: CompileScope, subject: SubjectType, selection: RecordSelection, depth: number, query: RecordsQuery, owner?: string,
): string {
  const a = aliasAt(depth);
  const { page, dressed } = pageOf(scope, subject, selection, depth, query, owner, '');
  return `array_to_json(ARRAY(SELECT ${dressed.json} FROM (${page}) ${a}${dressed.joins.map((j) => ` ${j}`).join('')} ORDER BY ${query.orderBy}))`;
}

/** The page of records (filtered, ordered, limited; with `extra` columns) and each record dressed as JSON. */
function pageOf(
  scope: CompileScope, subject: SubjectType, selection: RecordSelection, depth: number, query: RecordsQuery, owner: string | undefined, extra: string,
): { page: string; dressed: DressedRecord } {
  scope.subjects.add(subject);
  const a = aliasAt(depth);
  // The records' owning prisoner: a row of an enclosing query (`owner`: they are that prisoner's), else joined as `<a>p`.
  const prisoner = owner ?? `${a}p`;
  const filter = rowFilter(scope, subject, a, prisoner);
  const join = filter.joinPrisoner && !owner;
  const page = `SELECT ${a}.*${join ? carriedColumns(a) : ''}${extra}
    FROM ${RECORD_SHAPES[subject].table} ${a} ${join ? prisonerJoin(a) : ''}
    WHERE ${a}.withdrawn_at IS NULL AND (${filter.sql})${query.where.map((w) => ` AND (${w})`).join('')}
    ORDER BY ${query.orderBy}${query.limit ? ` LIMIT ${query.limit}` : ''}${query.offset ? ` OFFSET ${query.offset}` : ''}`;
  return { page, dressed: dressRecord(scope, subject, selection, depth, a, prisoner, filter, join) };
}

/**
 * The clauses matching a row of `subject` as a bit set (bit k: the k-th match; a NULL predicate
 * is no match), or as the array of their ids when there are more than bits.
 */
function clauseColumn(scope: CompileScope, subject: SubjectType, matches: ReturnType<CompileScope['policy']['clauseSql']>): string {
  noteClauses(scope.clauses, subject, matches.map((match) => match.clauseId));
  if (matches.length === 0) return '0';
  if (matches.length <= MAX_BITS) return `(${matches.map((match, k) => `CASE WHEN ${scope.stmt.embed(match.predicate)} THEN ${2 ** k} ELSE 0 END`).join(' + ')})`;
  return `array_remove(ARRAY[${matches.map((match) => `CASE WHEN COALESCE(${scope.stmt.embed(match.predicate)}, FALSE) THEN ${literal(match.clauseId)} END`).join(', ')}]::text[], NULL)`;
}

/** A record's JSON over its alias, and the joins (after the alias's FROM item) it needs. */
interface DressedRecord {
  json: string;
  joins: string[];
}

/**
 * The JSON of the `subject` record on alias `a` (a row the policy already admitted): its
 * identity and handling, its clause ids, each selected field under its mask, the selected
 * fields withheld, its relations. The record's owning prisoner is the row joined as `<a>p` (carried
 * out of the page when the page joined it for its predicate: `carriedPrisoner`);
 * a field's own reference row (a facility) is joined as `<a>f`; masks are computed once per
 * row in `<a>m`. The owning prisoner, when selected, is the joined row itself (one index
 * lookup per record, no subquery); other relations are subqueries with their own page.
 */
function dressRecord(
  scope: CompileScope, subject: SubjectType, selection: RecordSelection, depth: number, a: string, prisoner: string,
  filter: ReturnType<typeof rowFilter>, prisonerCarried = false,
): DressedRecord {
  const shape = RECORD_SHAPES[subject];
  const rowKey = filter.key;

  // Masks: one boolean per distinct field predicate, computed once per row; a field granted
  // on exactly the rows the row predicate selects needs none.
  const masks = new Map<string, { name: string; sql: string }>();
  let prisonerInMasks = false;
  const maskOf = (field: string): string => {
    const predicate = scope.policy.fieldSql(subject, field, { record: a, prisoner });
    const key = predicateKey(predicate);
    if (key === rowKey || key === 'TRUE') return 'TRUE';
    let mask = masks.get(key);
    if (!mask) {
      prisonerInMasks ||= predicate.prisonerFields.length > 0;
      masks.set(key, mask = { name: `m${masks.size}`, sql: scope.stmt.embed(predicate) });
    }
    return `${a}m.${mask.name}`;
  };
  const values: string[] = [];
  // Withheld fields: bit k for the k-th field (every record shape has fewer fields than bits).
  const withheld: { bit: number; mask: string }[] = [];
  const fieldJoins: string[] = [];
  for (const [k, field] of compiledFields(selection).entries()) {
    const expression = shape.fields[field];
    if (!expression) throw new Error(`compiled read: ${subject}.${field} has no SQL form`);
    const source = SUBJECTS[subject].computed?.[field] ?? field;
    if (!SUBJECTS[subject].fields.includes(source)) throw new Error(`compiled read: ${subject}.${field} is not in the subject catalogue`);
    const fieldJoin = shape.joins?.[field];
    if (fieldJoin) fieldJoins.push(fieldJoin(a));
    const mask = maskOf(source);
    if (mask === 'TRUE') {
      values.push(expression(a, scope.today));
    } else {
      values.push(`CASE WHEN ${mask} THEN ${expression(a, scope.today)} END`);
      if (k >= MAX_BITS) throw new Error(`compiled read: ${subject} has more fields than a bit set holds`);
      withheld.push({ bit: k, mask });
    }
  }

  const matches = scope.policy.clauseSql(subject, { record: a, prisoner });
  const clauses = clauseColumn(scope, subject, matches);
  let needsPrisoner = filter.joinPrisoner || prisonerInMasks || matches.some((m) => m.predicate.prisonerFields.length > 0);

  const relations: string[] = [];
  const relationJoins: string[] = [];
  const laterals: string[] = [];
  for (const name of compiledRelations(selection)) {
    const child = selection.relations.get(name)!;
    const relation = shape.relations[name]!;
    if (scope.policy.gate(relation.subject)) {
      relations.push('FALSE'); // not read: refused when the field resolves (present-compiled.ts)
      continue;
    }
    if (relation.owner) {
      // The owning prisoner: the row joined as `<a>p` (or the enclosing prisoner's), shown when the Prisoner policy admits it.
      needsPrisoner = true;
      const b = prisoner;
      scope.subjects.add(relation.subject);
      const ownerFilter = rowFilter(scope, relation.subject, b);
      if (ownerFilter.joinPrisoner) throw new Error(`compiled read: ${relation.subject} rules cannot test an owning prisoner`);
      const owner = dressRecord(scope, relation.subject, child, depth + 1, b, `${b}p`, ownerFilter);
      relationJoins.push(...owner.joins);
      relations.push(`CASE WHEN ${b}.id IS NOT NULL AND ${b}.withdrawn_at IS NULL AND (${ownerFilter.sql}) THEN ${owner.json} END`);
      continue;
    }
    const b = aliasAt(depth + 1);
    const sort = relation.orderBy && (!relation.many || scope.policy.canFilterOn(relation.subject, relation.orderBy.field))
      ? `${b}.${columnOf(relation.orderBy.field)} ${relation.orderBy.direction}, ${b}.id ${relation.direction}`
      : `${b}.id ${relation.direction}`;
    const owner = relation.ofPrisoner ? a : undefined;
    if (relation.many) {
      relations.push(compileList(scope, relation.subject, child, depth + 1, { where: [relation.link(b, a)], orderBy: sort, limit: String(NESTED_LIST_LIMIT) }, owner));
      continue;
    }
    const rows = compileRecords(scope, relation.subject, child, depth + 1, { where: [relation.link(b, a)], orderBy: sort, limit: '1' }, owner);
    const lateral = `${a}r${laterals.length}`;
    laterals.push(`LEFT JOIN LATERAL (SELECT x.j AS v FROM (${rows}) x) ${lateral} ON TRUE`);
    relations.push(`${lateral}.v`);
  }

  const withheldColumn = withheld.length === 0 ? '0' : `(${withheld.map((w) => `CASE WHEN ${w.mask} THEN 0 ELSE ${2 ** w.bit} END`).join(' + ')})`;
  const json = `json_build_array(${[
    `${a}.id`, `${a}.owner_agency_code`, `${a}.tlp`, `${a}.handling_code`, `${a}.onward_disclosure`,
    SUBJECTS[subject].linkedToPrisoner ? `${a}.prisoner_id` : 'NULL', clauses, withheldColumn, ...values, ...relations,
  ].join(', ')})`;
  const maskColumns = [...masks.values()].map((mask) => `COALESCE(${mask.sql}, FALSE) AS ${mask.name}`);
  return {
    json,
    joins: [
      ...(needsPrisoner && prisoner === `${a}p` ? [prisonerCarried ? carriedPrisoner(a) : prisonerJoin(a)] : []),
      ...(maskColumns.length ? [`CROSS JOIN LATERAL (SELECT ${maskColumns.join(', ')}) ${a}m`] : []),
      ...new Set(fieldJoins),
      ...relationJoins,
      ...laterals,
    ],
  };
}

/**
 * Every row of `subject` the caller may read that `where` selects, as
 * `[id, owner, prisonerId, clause bits]`: what a count reveals, for the disclosure log.
 */
export function compileCounted(scope: CompileScope, subject: SubjectType, where: readonly string[]): string {
  scope.subjects.add(subject);
  const a = aliasAt(0);
  const { sql: policy, joinPrisoner } = rowFilter(scope, subject, a);
  const matches = scope.policy.clauseSql(subject, { record: a, prisoner: `${a}p` });
  const clauses = clauseColumn(scope, subject, matches);
  const join = joinPrisoner || matches.some((m) => m.predicate.prisonerFields.length > 0) ? prisonerJoin(a) : '';
  return `SELECT coalesce(json_agg(json_build_array(${a}.id, ${a}.owner_agency_code, ${SUBJECTS[subject].linkedToPrisoner ? `${a}.prisoner_id` : 'NULL'}, `
    + `${clauses})), '[]'::json)
    FROM ${RECORD_SHAPES[subject].table} ${a} ${join}
    WHERE ${a}.withdrawn_at IS NULL AND (${policy})${where.map((w) => ` AND (${w})`).join('')}`;
}
