/**
 * A value that differs between requests running the same statement (a filter's value, the page
 * size, today's date): bound by name when a cached statement is run (statement-cache.ts).
 */
export class Slot {
  constructor(readonly name: string) {}
}

/**
 * The text and positional parameters of one compiled read statement. A request's values (its
 * filters, ids, today's date: `Slot`s) are always bound, never spliced into the text — but for
 * integers and dates the gateway computed (`integerLiteral`, `dateLiteral`). The policy's own
 * constants (agency codes, TLP levels, dates of a clause's window) are written in as literals
 * when they are plain words (`policyLiteral`), bound otherwise: the statement is kept per
 * policy anyway (statement-cache.ts), and with its constants in view PostgreSQL can plan it
 * once for every execution (bound, a range of dates or a list of levels leaves it guessing, and
 * it plans the statement again at every execution). The text depends only on the selection's
 * shape and the caller's policy, so it can be a prepared statement (run-statement.ts).
 */
export class SqlStatement {
  readonly values: unknown[] = [];

  /** A placeholder for `value`. */
  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * A predicate written with TypeORM named parameters (`:name`, `(:...list)`), as the policy's
   * SQL translation and the use cases' filters are, with its parameters bound here (`Slot`s
   * always; the policy's constants written in when they are plain words: `policyLiteral`).
   */
  embed(predicate: { sql: string; params: Readonly<Record<string, unknown>> }): string {
    const value = (name: string): unknown => {
      if (!Object.hasOwn(predicate.params, name)) throw new Error(`compiled read: no value for parameter :${name}`);
      return predicate.params[name];
    };
    return predicate.sql
      .replace(/\(:\.\.\.([A-Za-z0-9_]+)\)/g, (_, name: string) => {
        const list = value(name);
        if (!Array.isArray(list) || list.length === 0) throw new Error(`compiled read: parameter :${name} is not a non-empty list`);
        return `(${list.map((item) => this.constant(item)).join(', ')})`;
      })
      .replace(/(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => this.constant(value(name)));
  }

  /** A predicate's value: a request's `Slot` bound, a plain word written in, anything else bound. */
  private constant(value: unknown): string {
    return value instanceof Slot ? this.bind(value) : policyLiteral(value) ?? this.bind(value);
  }
}

/**
 * A predicate's meaning as text: its SQL with each parameter replaced by its value. Two
 * predicates with the same key select the same rows (the compiler computes such a mask once).
 */
export function predicateKey(predicate: { sql: string; params: Readonly<Record<string, unknown>> }): string {
  return predicate.sql.replace(/:(?:\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => JSON.stringify(predicate.params[name]));
}

/**
 * A policy constant as SQL text, when it is a plain word — letters, digits, `_ . : -` and
 * spaces, as codes, levels and dates are — or a finite number or a boolean: nothing that could
 * end a literal. `null` for anything else (it is bound instead).
 */
export function policyLiteral(value: unknown): string | null {
  if (typeof value === 'string') return /^[A-Za-z0-9_.: -]{1,100}$/.test(value) ? `'${value}'` : null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return null;
}

/** A string literal of an internal identifier (a field name, a clause id): never user input. */
export const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** An integer the gateway computed (a page size, an offset), written into the text; anything else is refused. */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`compiled read: ${value} is not a count`);
  return String(value);
}

/**
 * A calendar date the gateway computed (`YYYY-MM-DD`, e.g. the end of a release window),
 * written into the text; anything else is refused. Bound as parameters, the bounds of a date
 * range leave PostgreSQL unable to estimate the range, so it plans such a statement again at
 * every execution rather than reuse a plan; written in, the statement changes once a day.
 */
export function dateLiteral(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`compiled read: ${JSON.stringify(value)} is not a date`);
  return `DATE '${value}'`;
}

/** A quoted SQL identifier. */
export const identifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The column of an entity property (the entities map camelCase properties to snake_case columns). */
export const columnOf = (property: string): string => property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
