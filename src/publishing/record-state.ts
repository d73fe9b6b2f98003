import type { RecordKind, RecordProblem, RecordState } from './record-kind.js';

export interface StateOutcome {
  /** The complete new state (every writable field). */
  state: RecordState;
  /** Fields whose value differs from the current state (all non-null fields on creation). */
  changed: string[];
  problems: RecordProblem[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The record's new state from `input` over `current` (null: a new record). Pure. Every
 * problem is reported, not the first: a field not given keeps its current value (or takes its
 * default on creation); `null` clears a nullable field; anything else is checked against the
 * field's type. Keys that are not writable fields are problems too (a typo in a CSV header
 * must not silently drop a column).
 */
export function nextState(kind: RecordKind, input: Readonly<Record<string, unknown>>, current: RecordState | null): StateOutcome {
  const problems: RecordProblem[] = [];
  const state: RecordState = {};
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(kind.fields, key)) problems.push({ path: key, message: `is not a field a ${kind.subject} is written with` });
  }
  for (const [name, spec] of Object.entries(kind.fields)) {
    const given = Object.hasOwn(input, name) ? input[name] : undefined;
    if (given === undefined) {
      if (current) state[name] = current[name] ?? null;
      else if (spec.required) problems.push({ path: name, message: `is required (${spec.type.describe})` });
      else state[name] = spec.defaultValue?.() ?? null;
      continue;
    }
    if (given === null) {
      if (spec.required || !spec.nullable) problems.push({ path: name, message: `must not be empty (${spec.type.describe})` });
      else state[name] = null;
      continue;
    }
    const normalised = spec.type.normalise(given);
    if ('problem' in normalised) problems.push({ path: name, message: normalised.problem });
    else state[name] = normalised.value;
  }
  // Cross-field checks see the fields that are valid (each check skips a field missing from the state).
  if (kind.checkState) problems.push(...kind.checkState(state));
  const changed = Object.keys(kind.fields).filter((name) =>
    current ? !same(state[name], current[name]) : state[name] !== null && state[name] !== undefined);
  return { state, changed, problems };
}

/** The changed fields with their values before and after, as history keeps them. */
export function changesOf(changed: readonly string[], before: RecordState | null, after: RecordState): Record<string, { before: unknown; after: unknown }> {
  return Object.fromEntries(changed.map((name) => [name, { before: before?.[name] ?? null, after: after[name] ?? null }]));
}
