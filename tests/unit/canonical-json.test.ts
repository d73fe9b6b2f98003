import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalFormError, isCanonicalJson } from '../../src/audit/core/canonical-json.js';

describe('canonical JSON (RFC 8785 subset)', () => {
  it('sorts members by key, recursively, with no whitespace, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: [3, 1, { d: null, c: true }], aa: 'x' })).toBe('{"a":[3,1,{"c":true,"d":null}],"aa":"x","b":1}');
  });

  it('orders keys by UTF-16 code units (the RFC 8785 §3.2.3 example)', () => {
    const value = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    expect(canonicalJson(value)).toBe('{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}');
  });

  it('writes strings as ECMAScript does: non-ASCII literal, controls escaped', () => {
    expect(canonicalJson({ s: 'CASE-Ø-42 "q" \\ \u0001 \n \u2028 \u0627\u0644' })).toBe('{"s":"CASE-Ø-42 \\"q\\" \\\\ \\u0001 \\n \u2028 \u0627\u0644"}');
  });

  it('accepts safe integers and refuses other numbers', () => {
    expect(canonicalJson([0, -0, 9_007_199_254_740_991, -5])).toBe('[0,0,9007199254740991,-5]');
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => canonicalJson([bad])).toThrow(CanonicalFormError);
    }
  });

  it('refuses what JSON.stringify would drop or convert silently', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(/\$\.a: undefined/);
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(CanonicalFormError);
    expect(() => canonicalJson({ big: 1n })).toThrow(CanonicalFormError);
    expect(() => canonicalJson({ s: 'lone \ud800 surrogate' })).toThrow(/surrogate/);
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(/surrogate/);
  });

  it('gives the same text whatever order the keys were written in (fast and general paths agree)', () => {
    expect(canonicalJson({ a: [1, { x: 'y', b: null }], b: 'z' })).toBe(canonicalJson({ b: 'z', a: [1, { b: null, x: 'y' }] }));
    // JavaScript enumerates integer-like keys first; the canonical order is by code units.
    expect(canonicalJson({ 9: 'nine', 10: 'ten', a: 1 })).toBe('{"10":"ten","9":"nine","a":1}');
    expect(() => canonicalJson({ a: 1, toJSON: () => 'x' })).toThrow(/function has no JSON form/);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { z: 1, y: 2 });
    expect(canonicalJson(bare)).toBe('{"y":2,"z":1}');
  });

  it('recognises canonical text', () => {
    expect(isCanonicalJson('{"a":1,"b":[true,null]}')).toBe(true);
    expect(isCanonicalJson('{"b":1,"a":2}')).toBe(false);
    expect(isCanonicalJson('{"a": 1}')).toBe(false);
    expect(isCanonicalJson('{"a":1,"a":2}')).toBe(false);
    expect(isCanonicalJson('{"a":1.0}')).toBe(false);
    expect(isCanonicalJson('not json')).toBe(false);
  });
});

describe('canonical JSON of values with keys out of order', () => {
  /** The canonical form written the slow, obvious way: the reference the fast paths must match. */
  const reference = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${reference((value as Record<string, unknown>)[key])}`).join(',')}}`;
    }
    return JSON.stringify(value);
  };

  it('writes the same text whatever order the keys were given in, nested or not', () => {
    const key = fc.constantFrom('a', 'b', 'B', '_', 'é', '10', '9', '__proto__', 'aa', '\u20ac');
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.constantFrom(null, true, false, 0, -7, 'x', 'é\u2028'), fc.array(tie('node'), { maxLength: 3 }), tie('object')),
      object: fc.array(fc.tuple(key, tie('node')), { maxLength: 5 }).map((pairs) => {
        const object = JSON.parse('{}') as Record<string, unknown>;
        for (const [k, v] of pairs) Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
        return object;
      }),
    })).node;
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 500, seed: 42 });
  });

  it('keeps a "__proto__" key a key, and objects without a prototype as they are', () => {
    expect(canonicalJson(JSON.parse('{"b":{"__proto__":1,"a":[{"d":1,"c":2}]},"a":null}'))).toBe('{"a":null,"b":{"__proto__":1,"a":[{"c":2,"d":1}]}}');
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { z: 1, y: { b: 2, a: 3 } });
    expect(canonicalJson([bare])).toBe('[{"y":{"a":3,"b":2},"z":1}]');
    expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"b":1}');
  });

  it('still refuses what has no canonical form, and says where', () => {
    expect(() => canonicalJson({ b: 1, a: { d: undefined, c: 1 } })).toThrow(/\$\.a\.d: undefined/);
    expect(() => canonicalJson({ b: 1, a: [{ d: new Date(0), c: 1 }] })).toThrow(/\$\.a\[0\]\.d: only plain objects/);
  });
});
