import { lookupKey, repeatedLookupKey } from '../names/core/name-keys.js';

/**
 * The condition that picks, by index, the name variants worth scoring for a search: a variant
 * is looked at when enough of the searched parts "hit" it — one of the part's forms (with its
 * equivalents and the held forms it is close to), skeletons or phonetic codes is among the
 * variant's keys (`prisoner_name_key.lookup_keys`, one GIN index). A variant can only score
 * MIN_NAME_SCORE when `needed` parts hit different parts of it, so the condition asks for
 * that many at once — with two parts, both, which PostgreSQL answers by intersecting bitmaps
 * of the index rather than reading every "Mohammed"; with three, (1 and (2 or 3)) or (2 and 3):
 * each part is one index scan, at most twice.
 *
 * Two searched parts that share a key ("Ali … Bin Ali"; "Hassan Husain", both `hsn`) would
 * both hit a variant holding that key once — every "Ali" in the data. For such a pair the
 * condition asks instead that each hit by a key the other lacks, or that the variant hold a
 * shared key in two of its parts (`2…` keys). Pure: builds SQL text and its named
 * parameters; the caller adds it to a query that selects only what the caller may see.
 */

export interface PartLookupKeys {
  forms: readonly string[];
  skeletons: readonly string[];
  phonetics: readonly string[];
}

export interface CandidateLookup {
  /** The WHERE condition. */
  condition: string;
  /** Per searched part, the SQL boolean "this part hits the variant" (for a pre-score). */
  hits: string[];
  params: Record<string, unknown>;
}

/** Combinations beyond this many are expressed as a count of hits instead (not index-intersected). */
const MAX_COMBINATIONS = 20;

/** Every way of choosing `k` of `n` indexes (few: names have few parts). */
function choose(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  return [...choose(n - 1, k - 1).map((c) => [...c, n - 1]), ...choose(n - 1, k)];
}

const minus = (a: readonly string[], b: readonly string[]): string[] => {
  const drop = new Set(b);
  return a.filter((x) => !drop.has(x));
};
const common = (a: readonly string[], b: readonly string[]): string[] => {
  const keep = new Set(b);
  return a.filter((x) => keep.has(x));
};

export function candidateLookup(alias: string, parts: readonly PartLookupKeys[], needed: number): CandidateLookup {
  const params: Record<string, unknown> = {};
  const keysOf = parts.map((p) => [...new Set([
    ...p.forms.map((f) => lookupKey('f', f)), ...p.skeletons.map((k) => lookupKey('s', k)), ...p.phonetics.map((k) => lookupKey('p', k)),
  ])]);
  // Equal key sets ("Ali … Ali") share one parameter, so that equal combinations are asked once.
  const known = new Map<string, string>();
  const anyOf = (keys: readonly string[]): string => {
    const signature = JSON.stringify(keys);
    let sql = known.get(signature);
    if (!sql) {
      const name = `nameKeys${known.size}`;
      params[name] = [...keys];
      known.set(signature, sql = `${alias}.lookup_keys && CAST(:${name} AS text[])`);
    }
    return sql;
  };
  const hits = keysOf.map((keys) => (keys.length > 0 ? anyOf(keys) : 'FALSE'));

  /**
   * Parts i and j hit different parts of the variant: each by a key the other lacks, or by a
   * key they share that the variant holds in two parts. Null when they share no key.
   */
  const distinctPair = (i: number, j: number): string | null => {
    const shared = common(keysOf[i]!, keysOf[j]!);
    if (shared.length === 0) return null;
    const iOnly = minus(keysOf[i]!, keysOf[j]!);
    const jOnly = minus(keysOf[j]!, keysOf[i]!);
    const ways = [anyOf(shared.map(repeatedLookupKey))];
    if (iOnly.length > 0 && jOnly.length > 0) ways.unshift(`(${anyOf(iOnly)} AND ${anyOf(jOnly)})`);
    return `(${ways.join(' OR ')})`;
  };

  const pairs = new Map<string, string | null>();
  const pairOf = (i: number, j: number): string | null => {
    const key = `${i},${j}`;
    if (!pairs.has(key)) pairs.set(key, distinctPair(i, j));
    return pairs.get(key)!;
  };
  const all = parts.map((_p, i) => i);
  if (all.every((i) => all.every((j) => j <= i || !pairOf(i, j)))) {
    // No two parts share a key: at least `needed` of them, each part's scan reused.
    const atLeast = (k: number, from: number): string => {
      if (k === 0) return 'TRUE';
      if (parts.length - from < k) return 'FALSE';
      if (parts.length - from === k) return `(${all.slice(from).map((i) => hits[i]).join(' AND ')})`;
      const withFirst = k === 1 ? hits[from]! : `(${hits[from]} AND ${atLeast(k - 1, from + 1)})`;
      return `(${withFirst} OR ${atLeast(k, from + 1)})`;
    };
    return { condition: atLeast(needed, 0), hits, params };
  }
  const combinations = choose(parts.length, needed);
  if (combinations.length > MAX_COMBINATIONS) {
    return { condition: `(${hits.join(' OR ')}) AND (${hits.map((h) => `(${h})::int`).join(' + ')}) >= ${needed}`, hits, params };
  }
  const alternatives = new Set<string>();
  for (const combination of combinations) {
    const terms: string[] = [];
    const covered = new Set<number>();
    for (let x = 0; x < combination.length; x++) {
      for (let y = x + 1; y < combination.length; y++) {
        const pair = pairOf(combination[x]!, combination[y]!);
        if (!pair) continue;
        terms.push(pair);
        covered.add(combination[x]!).add(combination[y]!);
      }
    }
    for (const i of combination) if (!covered.has(i)) terms.push(hits[i]!);
    alternatives.add(`(${[...new Set(terms)].join(' AND ')})`);
  }
  return { condition: `(${[...alternatives].join(' OR ')})`, hits, params };
}
