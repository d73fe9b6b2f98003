import { createHash } from 'node:crypto';
import type { CompiledPolicy } from '../../policies/compiled-policy.js';
import type { SubjectType } from '../../policies/subjects.js';
import type { CompileScope } from './compile-records.js';
import { Slot, SqlStatement } from './sql-statement.js';

/**
 * Compiled statements, kept per compiled policy and statement shape. A statement's text and the
 * values its policy predicates bind depend only on the caller's policy (a `CompiledPolicy`
 * is shared by every request with the same ability, and replaced when the policy changes) and
 * on the shape of the request (the selection, the filters' SQL, the order); the request's own
 * values are `Slot`s, bound by name when it runs. A request whose shape was seen under its
 * policy compiles nothing: no SQL is built and no digest is taken.
 */

export interface CachedStatement {
  text: string;
  /** The prepared statement's name: a digest of the text (run-statement.ts). */
  name: string;
  /** Positional values: constants of the policy, and `Slot`s for the request's values. */
  values: readonly unknown[];
  /** Kinds of record the statement searches (each is noted as searched). */
  subjects: readonly SubjectType[];
  /** What its records' clause bits stand for (record-tuple.ts). */
  clauses: ReadonlyMap<SubjectType, readonly string[]>;
}

/** Shapes kept per policy: a client choosing ever new selections compiles each time, holding no more. */
const MAX_SHAPES_PER_POLICY = 256;
const statements = new WeakMap<CompiledPolicy, Map<string, CachedStatement>>();

/** The statement of shape `key` under `policy`, compiled by `compile` the first time. */
export function cachedStatement(policy: CompiledPolicy, key: string, compile: (scope: CompileScope) => string): CachedStatement {
  let shapes = statements.get(policy);
  if (!shapes) statements.set(policy, shapes = new Map());
  let statement = shapes.get(key);
  if (!statement) {
    const stmt = new SqlStatement();
    let today: string | undefined;
    const scope: CompileScope = { stmt, policy, today: () => (today ??= stmt.bind(new Slot('today'))), subjects: new Set(), clauses: new Map() };
    const text = compile(scope);
    statement = {
      text,
      name: `liaison_read_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`,
      values: stmt.values,
      subjects: [...scope.subjects],
      clauses: scope.clauses,
    };
    if (shapes.size < MAX_SHAPES_PER_POLICY) shapes.set(key, statement);
  }
  return statement;
}

/** The statement's positional values with the request's values in its slots. */
export function bindSlots(statement: CachedStatement, slots: ReadonlyMap<string, unknown>): unknown[] {
  return statement.values.map((value) => {
    if (!(value instanceof Slot)) return value;
    if (!slots.has(value.name)) throw new Error(`compiled read: no value for ${value.name}`);
    return slots.get(value.name);
  });
}
