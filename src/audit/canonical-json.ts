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

const LONE_SURROGATE = /\p{Surrogate}/u;

function encodeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalFormError(`${path}: string holds a lone surrogate (not valid Unicode)`);
  return JSON.stringify(value);
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new CanonicalFormError(`${path}: only safe integers are allowed (got ${value})`);
      return String(value);
    case 'string':
      return encodeString(value, path);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => encode(item, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalFormError(`${path}: only plain objects are allowed`);
      }
      const keys = Object.keys(value).sort();
      return `{${keys.map((key) => `${encodeString(key, path)}:${encode((value as Record<string, unknown>)[key], `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalFormError(`${path}: ${typeof value} has no JSON form`);
  }
}

/**
 * The canonical text of `value` (RFC 8785 subset, see above). Typed `unknown` so that
 * interfaces (which TypeScript will not widen to an index signature) can be passed; anything
 * outside the subset is refused at run time.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

/** Whether `text` is already in canonical form (parses, and re-encodes to itself). */
export function isCanonicalJson(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
