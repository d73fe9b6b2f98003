/**
 * The types a writable field can have, each as a pure check-and-normalise step. A value
 * arrives from GraphQL (Dates, strings), a JSON line or a CSV cell (strings); it leaves as
 * its canonical JSON form — what the database is given, what history stores and what two
 * states are compared by — or as a problem, in words a user can act on.
 */

export type ColumnType = 'text' | 'date' | 'timestamptz' | 'text[]' | 'jsonb';

/** A canonical value: text, a list of texts, or (for lists of parts, e.g. names) JSON objects. */
export type FieldValue = string | string[] | Record<string, string | null>[];

export interface FieldType {
  column: ColumnType;
  /** The canonical value, or a problem (`{ problem }`). Never called with null or undefined. */
  normalise(value: unknown): { value: FieldValue } | { problem: string };
  /** How the type is described in messages. */
  describe: string;
}

/** Control characters other than tab, newline and carriage return: never stored. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const text = (maxLength: number): FieldType => ({
  column: 'text',
  describe: `text of at most ${maxLength} characters`,
  normalise(value) {
    if (typeof value !== 'string') return { problem: 'must be text' };
    const trimmed = value.trim();
    if (trimmed.length === 0) return { problem: 'must not be blank' };
    if (trimmed.length > maxLength) return { problem: `must be at most ${maxLength} characters (got ${trimmed.length})` };
    if (CONTROL.test(trimmed)) return { problem: 'must not contain control characters' };
    return { value: trimmed };
  },
});

export const oneOf = (values: readonly string[]): FieldType => ({
  column: 'text',
  describe: `one of ${values.join(', ')}`,
  normalise(value) {
    return typeof value === 'string' && values.includes(value)
      ? { value }
      : { problem: `must be one of ${values.join(', ')} (got ${JSON.stringify(value)})` };
  },
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const date: FieldType = {
  column: 'date',
  describe: 'a date (YYYY-MM-DD)',
  normalise(value) {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
    if (!match) return { problem: `must be a date as YYYY-MM-DD (got ${JSON.stringify(value)})` };
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const parsed = new Date(Date.UTC(y, m - 1, d));
    if (parsed.getUTCFullYear() !== y || parsed.getUTCMonth() !== m - 1 || parsed.getUTCDate() !== d || y < 1900 || y > 2200) {
      return { problem: `is not a calendar date between 1900 and 2200 (got ${text})` };
    }
    return { value: text as string };
  },
};

export const instant: FieldType = {
  column: 'timestamptz',
  describe: 'an ISO 8601 date and time',
  normalise(value) {
    const parsed = value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) return { problem: `must be an ISO 8601 date and time (got ${JSON.stringify(value)})` };
    const year = parsed.getUTCFullYear();
    if (year < 1900 || year > 2200) return { problem: 'must be between 1900 and 2200' };
    return { value: parsed.toISOString() };
  },
};

/** A list of values from `values`, each at most once; CSV cells give it as `A;B`. */
export const listOf = (values: readonly string[], maxItems: number): FieldType => ({
  column: 'text[]',
  describe: `a list of ${values.join(', ')}`,
  normalise(value) {
    const items = typeof value === 'string' ? value.split(';').map((s) => s.trim()).filter(Boolean) : value;
    if (!Array.isArray(items)) return { problem: 'must be a list' };
    if (items.length > maxItems) return { problem: `must have at most ${maxItems} items` };
    const bad = items.filter((item) => typeof item !== 'string' || !values.includes(item));
    if (bad.length) return { problem: `has values that are not one of ${values.join(', ')}: ${bad.map((b) => JSON.stringify(b)).join(', ')}` };
    if (new Set(items).size !== items.length) return { problem: 'repeats a value' };
    return { value: [...(items as string[])].sort() };
  },
});

/**
 * A list of small records (a prisoner's names, a plan's licence conditions), each with the
 * given parts. From a CSV cell: items separated by `;`, parts by `|` in the order of `parts`.
 * `ordered`: the order given is kept (it means something); otherwise items are sorted.
 */
export function recordsOf(parts: Readonly<Record<string, { type: FieldType; required: boolean }>>, maxItems: number, ordered: boolean): FieldType {
  const names = Object.keys(parts);
  return {
    column: 'jsonb',
    describe: `a list of {${names.join(', ')}}`,
    normalise(value) {
      const items = typeof value === 'string'
        ? value.split(';').map((s) => s.trim()).filter(Boolean).map((item) => Object.fromEntries(item.split('|').map((part, i) => [names[i] ?? `part${i + 1}`, part.trim() || null])))
        : value;
      if (!Array.isArray(items)) return { problem: 'must be a list' };
      if (items.length > maxItems) return { problem: `must have at most ${maxItems} items` };
      const problems: string[] = [];
      const normalised = items.map((item: unknown, i) => {
        const out: Record<string, string | null> = {};
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          problems.push(`item ${i + 1} must be an object with ${names.join(', ')}`);
          return out;
        }
        for (const key of Object.keys(item)) if (!names.includes(key)) problems.push(`item ${i + 1}: ${key} is not one of ${names.join(', ')}`);
        for (const [name, spec] of Object.entries(parts)) {
          const given = (item as Record<string, unknown>)[name];
          if (given === undefined || given === null || given === '') {
            if (spec.required) problems.push(`item ${i + 1}: ${name} is required`);
            out[name] = null;
            continue;
          }
          const part = spec.type.normalise(given);
          if ('problem' in part) problems.push(`item ${i + 1}: ${name} ${part.problem}`);
          else out[name] = part.value as string;
        }
        return out;
      });
      if (problems.length) return { problem: problems.join('; ') };
      const keyOf = (item: Record<string, string | null>) => JSON.stringify(names.map((n) => item[n]));
      if (new Set(normalised.map(keyOf)).size !== normalised.length) return { problem: 'repeats an item' };
      return { value: ordered ? normalised : [...normalised].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)) };
    },
  };
}

/** A list of short free texts (e.g. post-release services); from a CSV cell, items separated by `;`. */
export const textList = (maxItems: number, maxLength: number): FieldType => ({
  column: 'text[]',
  describe: `a list of at most ${maxItems} texts`,
  normalise(value) {
    const items = typeof value === 'string' ? value.split(';').map((s) => s.trim()).filter(Boolean) : value;
    if (!Array.isArray(items)) return { problem: 'must be a list' };
    if (items.length > maxItems) return { problem: `must have at most ${maxItems} items` };
    const item = text(maxLength);
    const out: string[] = [];
    for (const [i, given] of items.entries()) {
      const normalised = item.normalise(given);
      if ('problem' in normalised) return { problem: `item ${i + 1} ${normalised.problem}` };
      out.push(normalised.value as string);
    }
    if (new Set(out).size !== out.length) return { problem: 'repeats a value' };
    return { value: out.sort() };
  },
});
