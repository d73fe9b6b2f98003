/**
 * The canonical JSON form of disclosure-log entries and checkpoint statements: the exact
 * text that is hashed and signed, so that anyone can recompute a hash from the data alone.
 *
 * It is the JSON Canonicalization Scheme (RFC 8785) restricted to the values the log holds:
 * - objects: members sorted by key, compared as UTF-16 code units (JavaScript's default sort);
 * - no whitespace anywhere;
 * - strings: as ECMAScript JSON.stringify writes them (RFC 8785 §3.2.2.2); lone surrogates
 *   are refused (I-JSON);
 * - numbers: safe integers only (no floating point, whose text form varies between
 *   languages); `null`, `true`, `false` as such;
 * - `undefined`, functions, NaN, Infinity, Dates and other objects with a prototype are
 *   refused rather than silently dropped or converted.
 */
export type CanonicalValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

export class CanonicalFormError extends Error {}

/** `String.prototype.isWellFormed` (ES2024, in Node 20): no lone surrogates. */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

const keyOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The encoder runs once per request on entries of dozens of records, so it builds the text in
 * one pass without per-node allocations; what is wrong, and where, is worked out only when
 * something is (see `problemIn`).
 */
function encode(value: unknown): string {
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) throw new CanonicalFormError();
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new CanonicalFormError();
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) out += (i ? ',' : '') + encode(value[i]);
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalFormError();
      // UTF-16 code unit order, as RFC 8785 §3.2.3 requires (not locale order).
      const keys = Object.keys(value).sort(keyOrder);
      let out = '{';
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i]!;
        if (!isWellFormed(key)) throw new CanonicalFormError();
        out += `${i ? ',' : ''}${JSON.stringify(key)}:${encode((value as Record<string, unknown>)[key])}`;
      }
      return `${out}}`;
    }
    default:
      throw new CanonicalFormError();
  }
}

/**
 * Whether JSON.stringify would write `value` canonically: plain objects whose keys enumerate
 * in strictly increasing UTF-16 order (integer-like keys, which JavaScript enumerates first,
 * fail this unless that is also their text order), well-formed strings, safe integers, no
 * `undefined`, functions or other objects (nor `toJSON`, which would need a function).
 */
function inCanonicalOrder(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return isWellFormed(value);
    case 'number':
      return Number.isSafeInteger(value);
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) if (!inCanonicalOrder(value[i])) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      let previous: string | null = null;
      for (const key of Object.keys(value)) {
        if ((previous !== null && !(previous < key)) || !isWellFormed(key)) return false;
        if (!inCanonicalOrder((value as Record<string, unknown>)[key])) return false;
        previous = key;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * `value` with the keys of its plain objects in canonical order, copying only the objects and
 * arrays that need it (the rest is shared, and anything that is no plain object or array is
 * left as it is, for the checks to refuse).
 */
export function withKeysInOrder<T>(value: T): T;
export function withKeysInOrder(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i += 1) {
      const item = withKeysInOrder(value[i]);
      if (item !== value[i]) (copy ??= [...value])[i] = item;
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const keys = Object.keys(value);
  let changed = false;
  const values = keys.map((key, i) => {
    const original = (value as Record<string, unknown>)[key];
    const item = withKeysInOrder(original);
    if (item !== original || (i > 0 && !(keys[i - 1]! < key))) changed = true;
    return item;
  });
  if (!changed) return value;
  const byKey = new Map(keys.map((key, i) => [key, values[i]]));
  const copy: Record<string, unknown> = Object.create(proto) as Record<string, unknown>;
  // defineProperty: a key "__proto__" (JSON.parse makes one) stays a key, not a prototype.
  for (const key of [...keys].sort(keyOrder)) Object.defineProperty(copy, key, { value: byKey.get(key), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Where in `value` the first value without a canonical form is, and why (for the error message). */
function problemIn(value: unknown, path: string): string | null {
  switch (typeof value) {
    case 'string':
      return isWellFormed(value) ? null : `${path}: string holds a lone surrogate (not valid Unicode)`;
    case 'number':
      return Number.isSafeInteger(value) ? null : `${path}: only safe integers are allowed (got ${value})`;
    case 'boolean':
      return null;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) {
          const problem = problemIn(value[i], `${path}[${i}]`);
          if (problem) return problem;
        }
        return null;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return `${path}: only plain objects are allowed`;
      for (const key of Object.keys(value).sort(keyOrder)) {
        const problem = problemIn(key, `${path} key`) ?? problemIn((value as Record<string, unknown>)[key], `${path}.${key}`);
        if (problem) return problem;
      }
      return null;
    }
    default:
      return `${path}: ${typeof value} has no JSON form`;
  }
}

/**
 * The canonical text of `value` (RFC 8785 subset, see above). Typed `unknown` so that
 * interfaces (which TypeScript will not widen to an index signature) can be passed; anything
 * outside the subset is refused at run time.
 */
export function canonicalJson(value: unknown): string {
  // Fast path: JSON.stringify writes exactly the canonical form when every object's keys are
  // already in order and every value is in the subset (checked first, without allocating).
  if (inCanonicalOrder(value)) return JSON.stringify(value);
  // Most often only some keys are out of order (a search's arguments, in the order the query
  // gave them): the same value with its objects' keys sorted takes the fast path, at a fraction
  // of the cost of encoding everything by hand. (Integer-like keys, which JavaScript always
  // enumerates first, can defeat this; the encoder then writes them.)
  const reordered = withKeysInOrder(value);
  if (reordered !== value && inCanonicalOrder(reordered)) return JSON.stringify(reordered);
  try {
    return encode(value);
  } catch (error) {
    if (!(error instanceof CanonicalFormError)) throw error;
    throw new CanonicalFormError(problemIn(value, '$') ?? 'no canonical JSON form');
  }
}

/** Whether `text` is already in canonical form (parses, and re-encodes to itself). */
export function isCanonicalJson(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
