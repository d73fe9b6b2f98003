/**
 * A small seeded pseudo-random generator for the demo data set. The demo must be the same
 * on every machine and every run for a given seed — ids included — so that documentation,
 * acceptance journeys and bug reports can name a demo prisoner and mean the same record.
 * `Math.random` and `crypto.randomUUID` cannot be seeded, hence this module.
 *
 * The core is sfc32 (Chris Doty-Humphrey's "small fast counting" generator, from PractRand):
 * 128 bits of state, passes PractRand/BigCrush, and its counter word guarantees a period of at
 * least 2^32, so no short cycles. Not cryptographic: never use it for keys or tokens.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One value, with probability proportional to its weight (weights ≥ 0, at least one > 0). */
  weighted<T>(entries: readonly (readonly [value: T, weight: number])[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** `count` distinct elements of `items`, in random order (all of them if count ≥ length). */
  sample<T>(items: readonly T[], count: number): T[];
  /** A shuffled copy of `items` (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** An RFC 4122 version-4-formatted UUID whose 122 random bits come from this generator. */
  uuid(): string;
  /** A new generator seeded from this one: an independent stream for a separate concern. */
  fork(): Random;
}

/** splitmix32: spreads a small integer seed over 32 well-mixed bits (used to fill sfc32's state). */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32: returns the next 32-bit unsigned integer on each call. */
function sfc32(seed: number): () => number {
  const mix = splitmix32(seed);
  let a = mix();
  let b = mix();
  let c = mix();
  let counter = 1;
  const step = (): number => {
    const t = (((a + b) >>> 0) + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs: sfc32's authors recommend a short warm-up after seeding.
  for (let i = 0; i < 12; i++) step();
  return step;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed)) throw new Error(`createRandom: seed must be an integer, got ${seed}`);
  const nextUint32 = sfc32(seed);

  const next = (): number => nextUint32() / 0x1_0000_0000;

  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new Error(`Random.int: expected integers min ≤ max, got ${min}, ${max}`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('Random.pick: empty array');
    return items[Math.floor(next() * items.length)]!;
  };

  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, weight] of entries) {
      if (!(weight >= 0)) throw new Error(`Random.weighted: negative or NaN weight ${weight}`);
      total += weight;
    }
    if (total <= 0) throw new Error('Random.weighted: no positive weight');
    let target = next() * total;
    for (const [value, weight] of entries) {
      target -= weight;
      if (target < 0) return value;
    }
    // Floating-point rounding can leave target ≈ 0 after the loop: the last positive entry.
    return [...entries].reverse().find(([, weight]) => weight > 0)![0];
  };

  const chance = (p: number): boolean => next() < p;

  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };

  const sample = <T>(items: readonly T[], count: number): T[] =>
    shuffle(items).slice(0, Math.max(0, count));

  const uuid = (): string => {
    // 128 bits as four words; the version nibble (4) and the variant bits (10xx) overwritten.
    // Written out byte by byte: a large demo draws close to a million of these.
    const a = nextUint32();
    const b = nextUint32();
    const c = nextUint32();
    const d = nextUint32();
    return HEX[a >>> 24]! + HEX[(a >>> 16) & 0xff]! + HEX[(a >>> 8) & 0xff]! + HEX[a & 0xff]! + '-'
      + HEX[b >>> 24]! + HEX[(b >>> 16) & 0xff]! + '-'
      + HEX[((b >>> 8) & 0x0f) | 0x40]! + HEX[b & 0xff]! + '-'
      + HEX[((c >>> 24) & 0x3f) | 0x80]! + HEX[(c >>> 16) & 0xff]! + '-'
      + HEX[(c >>> 8) & 0xff]! + HEX[c & 0xff]!
      + HEX[d >>> 24]! + HEX[(d >>> 16) & 0xff]! + HEX[(d >>> 8) & 0xff]! + HEX[d & 0xff]!;
  };

  const fork = (): Random => createRandom(nextUint32() | 0);

  return { next, int, pick, weighted, chance, sample, shuffle, uuid, fork };
}
