/**
 * A value that differs between requests running the same statement (a filter's value, the page
 * size, today's date): bound by name when a cached statement is run (statement-cache.ts).
 */
export class Slot {
  constructor(readonly name: string) {}
}

/**
 * The text and positional parameters of one compiled read statement. Values are always bound,
 * never spliced into the text (the one exception: a page's size and offset, integers the
 * gateway computed — `integerLiteral`): the text depends only on the selection's shape and the
 * caller's policy, so it is stable and can be a prepared statement (run-statement.ts).
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
   * SQL translation and the use cases' filters are, with its parameters bound here.
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
        return `(${list.map((item) => this.bind(item)).join(', ')})`;
      })
      .replace(/(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => this.bind(value(name)));
  }
}

/**
 * A predicate's meaning as text: its SQL with each parameter replaced by its value. Two
 * predicates with the same key select the same rows (the compiler computes such a mask once).
 */
export function predicateKey(predicate: { sql: string; params: Readonly<Record<string, unknown>> }): string {
  return predicate.sql.replace(/:(?:\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => JSON.stringify(predicate.params[name]));
}

/** A string literal of an internal identifier (a field name, a clause id): never user input. */
export const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** An integer the gateway computed (a page size, an offset), written into the text; anything else is refused. */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`compiled read: ${value} is not a count`);
  return String(value);
}

/** A quoted SQL identifier. */
export const identifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The column of an entity property (the entities map camelCase properties to snake_case columns). */
export const columnOf = (property: string): string => property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
