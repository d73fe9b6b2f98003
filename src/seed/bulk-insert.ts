/**
 * Fast bulk loading of many rows into one table. One `INSERT … SELECT … FROM unnest(...)`
 * statement per chunk, with one array parameter per column: a handful of parameters
 * whatever the row count (PostgreSQL caps a statement at 65,535 parameters, and one
 * parameter per value would also be much slower to plan and bind), and no SQL text built from
 * data — every value travels as a bound parameter.
 *
 * Two column types cannot be unnested directly:
 * - `jsonb`: sent as text (JSON) and cast per row, so nested arrays/objects stay intact;
 * - `text[]`: `unnest` of a 2-D array flattens it into scalars, so each row's array is sent
 *   as one PostgreSQL array literal (text) and cast back with `::text[]`.
 */

/** The PostgreSQL types the seeder writes. */
export type ColumnType = 'uuid' | 'text' | 'integer' | 'boolean' | 'date' | 'timestamptz' | 'jsonb' | 'text[]';

/** Every property of a row mapped to its column type; the object's key order is the column order. */
export type ColumnTypes<Row> = { readonly [K in keyof Row & string]-?: ColumnType };

export interface TableDefinition<Row> {
  /** Unquoted table name (lower-case identifier). */
  readonly name: string;
  readonly columns: ColumnTypes<Row>;
}

/** Anything that runs a parameterised statement: a DataSource, an EntityManager, a QueryRunner. */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface BulkInsertOptions {
  /** Rows per statement (default 5,000). */
  chunkSize?: number;
  /** Called after each statement with the number of rows it inserted. */
  onChunk?: (inserted: number) => void;
}

export const DEFAULT_CHUNK_SIZE = 5_000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoteIdentifier(name: string): string {
  // Table and column names come from code, never from data; still, refuse anything odd
  // rather than interpolate it into SQL.
  if (!IDENTIFIER.test(name)) throw new Error(`bulkInsert: invalid SQL identifier "${name}"`);
  return `"${name}"`;
}

/** The array type a column's values are sent as (jsonb and text[] travel as text). */
const PARAMETER_TYPE: Readonly<Record<ColumnType, string>> = {
  uuid: 'uuid[]',
  text: 'text[]',
  integer: 'integer[]',
  boolean: 'boolean[]',
  date: 'date[]',
  timestamptz: 'timestamptz[]',
  jsonb: 'text[]',
  'text[]': 'text[]',
};

/** `{"a","b \"c\""}`: a PostgreSQL array literal with every element quoted and escaped. */
export function toPgTextArrayLiteral(values: readonly (string | null)[]): string {
  const items = values.map((value) =>
    value === null ? 'NULL' : `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`);
  return `{${items.join(',')}}`;
}

/** Converts one JavaScript value to what its column's parameter array carries. */
function toParameterValue(value: unknown, type: ColumnType, table: string, column: string): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  const wrong = (expected: string): Error =>
    new Error(`bulkInsert ${table}.${column}: expected ${expected}, got ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  switch (type) {
    case 'uuid':
    case 'text':
    case 'date':
      if (typeof value !== 'string') throw wrong('a string');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong('an integer');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('a boolean');
      return value;
    case 'timestamptz':
      // ISO 8601 with 'Z': unambiguous whatever the session's TimeZone, and keeps milliseconds.
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw wrong('a valid Date');
        return value.toISOString();
      }
      if (typeof value !== 'string') throw wrong('a Date or an ISO string');
      return value;
    case 'jsonb':
      return JSON.stringify(value);
    case 'text[]':
      if (!Array.isArray(value) || !value.every((item) => item === null || typeof item === 'string')) {
        throw wrong('an array of strings');
      }
      return toPgTextArrayLiteral(value as (string | null)[]);
  }
}

/** The expression that turns the unnested parameter column back into the table's type. */
function selectExpression(column: string, type: ColumnType): string {
  const ref = `u.${quoteIdentifier(column)}`;
  switch (type) {
    case 'jsonb':
      return `${ref}::jsonb`;
    case 'text[]':
      return `${ref}::text[]`;
    default:
      return ref;
  }
}

/** The INSERT statement for a table definition (the same text for every chunk: one plan). */
export function bulkInsertSql(table: string, columns: readonly (readonly [string, ColumnType])[]): string {
  const names = columns.map(([name]) => quoteIdentifier(name));
  const parameters = columns.map(([, type], i) => `$${i + 1}::${PARAMETER_TYPE[type]}`);
  const selects = columns.map(([name, type]) => selectExpression(name, type));
  return `INSERT INTO ${quoteIdentifier(table)} (${names.join(', ')}) `
    + `SELECT ${selects.join(', ')} FROM unnest(${parameters.join(', ')}) AS u(${names.join(', ')})`;
}

/**
 * Inserts `rows` into `table.name`, `chunkSize` rows per statement, in order. Returns the
 * number of rows inserted. Run it inside a transaction (pass the EntityManager) to make a
 * multi-table load atomic.
 */
export async function bulkInsert<Row extends object>(
  db: SqlExecutor,
  table: TableDefinition<Row>,
  rows: readonly Row[],
  options: BulkInsertOptions = {},
): Promise<number> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`bulkInsert: invalid chunkSize ${chunkSize}`);
  const columns = Object.entries(table.columns) as [string, ColumnType][];
  if (columns.length === 0) throw new Error(`bulkInsert ${table.name}: no columns`);
  const sql = bulkInsertSql(table.name, columns);

  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const parameters = columns.map(([column, type]) =>
      chunk.map((row) => toParameterValue((row as Record<string, unknown>)[column], type, table.name, column)));
    await db.query(sql, parameters);
    options.onChunk?.(chunk.length);
  }
  return rows.length;
}
