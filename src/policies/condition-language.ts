import { conditionFieldOf, type ConditionField, type SubjectType } from './subjects.js';
import { isStatutoryField } from './statutory-exclusions.js';

/**
 * The condition language of a clause (docs/architecture.md §2.4), a closed subset of MongoDB
 * queries:
 *
 *   Condition  := { <field>: FieldSpec, …, $and?: Condition[], $or?: Condition[] }
 *   FieldSpec  := Value | null | { $eq|$ne: Value|null, $in|$nin: Value[],
 *                                  $lt|$lte|$gt|$gte: Value, $not: FieldSpec-operators }
 *   Value      := string | { $daysFromNow: n } | { $daysAgo: n }
 *
 * Fields are the subject's condition fields or, for records that belong to a prisoner,
 * `prisoner.<field>`. Ordering operators apply to dates and timestamps only (string order
 * differs between JavaScript and PostgreSQL collations). Relative dates resolve when an
 * ability is built, in UTC.
 *
 * `normaliseConditions` both validates (reporting every problem with its path) and produces
 * the CASL conditions the ability uses, so what is checked when a clause is written is
 * exactly what runs.
 */

export interface ConditionProblem {
  path: string;
  message: string;
}

export type MongoConditions = Record<string, unknown>;

const FIELD_OPERATORS = ['$eq', '$ne', '$in', '$nin', '$lt', '$lte', '$gt', '$gte', '$not'] as const;
type FieldOperator = (typeof FIELD_OPERATORS)[number];
const ORDERING = new Set<string>(['$lt', '$lte', '$gt', '$gte']);
const RELATIVE = new Set(['$daysFromNow', '$daysAgo']);

export const CONDITION_LIMITS = { depth: 6, nodes: 200, listLength: 500, stringLength: 500, days: 36_500 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Years 1000–9999: four digits, so that ISO strings order as the dates do, and within
// what PostgreSQL accepts.
const DATE = /^[1-9]\d{3}-\d{2}-\d{2}$/;
const DATE_TIME = /^([1-9]\d{3}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const DAY_MS = 86_400_000;

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function validCalendarDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && isoDate(parsed) === value;
}

interface WalkState {
  subject: SubjectType;
  now: Date;
  problems: ConditionProblem[];
  nodes: number;
}

/**
 * Validates `conditions` for `subject` and returns the normalised CASL conditions.
 * `conditions` may be null/undefined (an unconditional clause); the result is then undefined.
 */
export function normaliseConditions(
  subject: SubjectType,
  conditions: unknown,
  now: Date,
): { conditions: MongoConditions | undefined; problems: ConditionProblem[] } {
  const state: WalkState = { subject, now, problems: [], nodes: 0 };
  if (conditions === null || conditions === undefined) return { conditions: undefined, problems: [] };
  const result = walkCondition(state, conditions, 'conditions', 1);
  return { conditions: state.problems.length === 0 ? result : undefined, problems: state.problems };
}

function problem(state: WalkState, path: string, message: string): undefined {
  state.problems.push({ path, message });
  return undefined;
}

function walkCondition(state: WalkState, node: unknown, path: string, depth: number): MongoConditions | undefined {
  if (++state.nodes > CONDITION_LIMITS.nodes) return problem(state, path, `too many nodes (limit ${CONDITION_LIMITS.nodes})`);
  if (depth > CONDITION_LIMITS.depth) return problem(state, path, `nested too deeply (limit ${CONDITION_LIMITS.depth})`);
  if (!isPlainObject(node)) return problem(state, path, 'must be an object of field conditions');
  const keys = Object.keys(node);
  if (keys.length === 0) return problem(state, path, 'must not be empty (omit conditions to match every row)');
  const out: MongoConditions = {};
  for (const key of keys) {
    const value = node[key];
    const at = `${path}.${key}`;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) {
        problem(state, at, `${key} expects a non-empty array of conditions`);
        continue;
      }
      out[key] = value.map((item, i) => walkCondition(state, item, `${at}[${i}]`, depth + 1));
    } else if (key.startsWith('$')) {
      problem(state, at, key === '$not'
        ? '$not applies to a field: { "<field>": { "$not": { … } } }'
        : `unknown operator ${key}`);
    } else {
      const field = conditionFieldOf(state.subject, key);
      if (!field || key === 'ownerAgencyCode') {
        problem(state, at, `unknown field "${key}" for ${state.subject}`);
        continue;
      }
      const statutoryField = key.startsWith('prisoner.') ? key.slice('prisoner.'.length) : key;
      const statutorySubject = key.startsWith('prisoner.') ? 'Prisoner' : state.subject;
      if (isStatutoryField(statutorySubject, statutoryField)) {
        problem(state, at, `"${key}" is a statutory exclusion and may not be tested`);
        continue;
      }
      out[key] = walkFieldSpec(state, field, value, at, depth + 1);
    }
  }
  return out;
}

function walkFieldSpec(state: WalkState, field: ConditionField, spec: unknown, path: string, depth: number): unknown {
  if (spec === null) return field.nullable ? null : problem(state, path, 'field is never null');
  if (!isPlainObject(spec) || isRelativeDate(spec)) return walkValue(state, field, spec, path);
  return walkOperators(state, field, spec, path, depth);
}

function walkOperators(
  state: WalkState, field: ConditionField, spec: Record<string, unknown>, path: string, depth: number,
): Record<string, unknown> | undefined {
  if (++state.nodes > CONDITION_LIMITS.nodes) return problem(state, path, `too many nodes (limit ${CONDITION_LIMITS.nodes})`);
  if (depth > CONDITION_LIMITS.depth) return problem(state, path, `nested too deeply (limit ${CONDITION_LIMITS.depth})`);
  const keys = Object.keys(spec);
  if (keys.length === 0) return problem(state, path, 'operator object must not be empty');
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = spec[key];
    const at = `${path}.${key}`;
    if (!(FIELD_OPERATORS as readonly string[]).includes(key)) {
      problem(state, at, key.startsWith('$') ? `unknown operator ${key}` : `nested field "${key}" is not supported; use a dotted path`);
      continue;
    }
    const op = key as FieldOperator;
    if (op === '$not') {
      if (!isPlainObject(value) || isRelativeDate(value)) {
        problem(state, at, '$not expects an object of operators');
        continue;
      }
      out.$not = walkOperators(state, field, value, at, depth + 1);
    } else if (op === '$in' || op === '$nin') {
      if (!Array.isArray(value)) {
        problem(state, at, `${op} expects an array`);
      } else if (value.length > CONDITION_LIMITS.listLength) {
        problem(state, at, `${op} lists at most ${CONDITION_LIMITS.listLength} values`);
      } else {
        out[op] = value.map((item, i) => walkValue(state, field, item, `${at}[${i}]`));
      }
    } else if (op === '$eq' || op === '$ne') {
      out[op] = value === null
        ? (field.nullable ? null : problem(state, at, 'field is never null'))
        : walkValue(state, field, value, at);
    } else {
      if (ORDERING.has(op) && field.kind !== 'date' && field.kind !== 'timestamp') {
        problem(state, at, `${op} applies to dates and timestamps only`);
        continue;
      }
      out[op] = walkValue(state, field, value, at);
    }
  }
  return out;
}

function isRelativeDate(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && RELATIVE.has(keys[0]!);
}

function walkValue(state: WalkState, field: ConditionField, value: unknown, path: string): unknown {
  if (isPlainObject(value)) {
    if (!isRelativeDate(value)) return problem(state, path, 'expected a value, found an object');
    if (field.kind !== 'date' && field.kind !== 'timestamp') {
      return problem(state, path, 'relative dates apply to dates and timestamps only');
    }
    const [key] = Object.keys(value) as [string];
    const days = value[key];
    if (typeof days !== 'number' || !Number.isInteger(days) || Math.abs(days) > CONDITION_LIMITS.days) {
      return problem(state, path, `${key} expects an integer number of days (|n| ≤ ${CONDITION_LIMITS.days})`);
    }
    const at = new Date(state.now.getTime() + (key === '$daysFromNow' ? days : -days) * DAY_MS);
    if (!DATE.test(isoDate(at))) return problem(state, path, 'relative date outside the years 1000–9999');
    return field.kind === 'date' ? isoDate(at) : at.toISOString();
  }
  if (typeof value !== 'string') return problem(state, path, `expected a string, found ${value === null ? 'null' : typeof value}`);
  if (value.length > CONDITION_LIMITS.stringLength) return problem(state, path, `value longer than ${CONDITION_LIMITS.stringLength} characters`);
  if (CONTROL_CHARACTERS.test(value)) return problem(state, path, 'value contains control characters');
  switch (field.kind) {
    case 'uuid':
      return UUID.test(value) ? value.toLowerCase() : problem(state, path, `"${value}" is not a UUID`);
    case 'string':
      return value;
    case 'enum':
      return field.values!.includes(value) ? value : problem(state, path, `"${value}" is not one of ${field.values!.join(', ')}`);
    case 'date':
      return DATE.test(value) && validCalendarDate(value) ? value : problem(state, path, `"${value}" is not a date (YYYY-MM-DD)`);
    case 'timestamp': {
      if (DATE.test(value) && validCalendarDate(value)) return `${value}T00:00:00.000Z`;
      const match = DATE_TIME.exec(value);
      const parsed = new Date(value);
      const iso = Number.isNaN(parsed.getTime()) ? '' : parsed.toISOString();
      return match && validCalendarDate(match[1]!) && DATE.test(iso.slice(0, 10))
        ? iso
        : problem(state, path, `"${value}" is not an ISO 8601 timestamp with a time zone (years 1000–9999)`);
    }
  }
}
