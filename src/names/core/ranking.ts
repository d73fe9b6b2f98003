import type { NameKeys, PartKeys } from './name-keys.js';
import { editDistance, toleratedEdits } from './edit-distance.js';
import { trigramSimilarity } from './trigram.js';

/**
 * How well a name variant matches a searched name, and why. Pure: scores stored keys
 * (name-keys.ts) against the query's keys.
 *
 * Each part of the searched name is matched to a different part of the variant (in any
 * order), by the strongest method that applies:
 *
 * | method | level |
 * |---|---|
 * | NORMALISED — the same part once normalised (case, diacritics, particles) | 1.00 |
 * | GIVEN_NAME_EQUIVALENT — a spelling of the same given name (the equivalence table) | 0.95 |
 * | TRANSLITERATION — the same consonant skeleton across scripts (محمد / Mohammed) | 0.90 |
 * | CONSONANT_KEY — the same consonant skeleton in one script (Husein / Hussein) | 0.90 |
 * | PHONETIC — a shared Double Metaphone code | 0.80 |
 * | TYPO — one edit (two from seven letters): a letter missing, added, changed or two swapped | 0.85 − 0.10 × edits |
 * | TRIGRAM — trigram similarity ≥ 0.45 | 0.80 × similarity |
 *
 * Below NORMALISED a part's level loses up to 0.04 as its spelling differs (trigram
 * similarity), so that among many "mhmd" the closest spelling comes first. The variant's
 * score is the mean level over the searched parts, times 0.9 + 0.1 × the share of the
 * variant's parts matched (a search for "Ali" prefers "Ali" to "Mohamed Ali Hassan"), times
 * 0.97 when three or more parts matched out of order (other than the family name moved to
 * the front, as French documents write it): "Sayed Hamza Hamdan" is more likely Sayed, son
 * of Hamza, than Hamza, son of Sayed. The whole name written the same (case-folded) is
 * EXACT, 1.0.
 */

export const MATCH_METHODS = [
  'EXACT', 'NORMALISED', 'GIVEN_NAME_EQUIVALENT', 'TRANSLITERATION', 'CONSONANT_KEY', 'PHONETIC', 'TYPO', 'TRIGRAM',
] as const;
export type MatchMethod = (typeof MATCH_METHODS)[number];

/** A searched part's equivalent given-name spellings (their forms and skeletons). */
export interface PartEquivalents {
  forms: ReadonlySet<string>;
  skeletons: ReadonlySet<string>;
}

export interface PartMatch {
  method: MatchMethod;
  level: number;
  /** The searched part and the variant's part it matched, as normalised. */
  queryPart: string;
  variantPart: string;
}

export interface VariantMatch {
  score: number;
  parts: PartMatch[];
}

const MIN_TRIGRAM = 0.45;
const SPELLING_WEIGHT = 0.04;

const overlaps = (a: readonly string[], b: readonly string[] | ReadonlySet<string>): boolean => {
  const set = b instanceof Set ? b : new Set(b as readonly string[]);
  return a.some((x) => set.has(x));
};

function closestSpelling(q: PartKeys, v: PartKeys): number {
  let best = 0;
  for (const a of q.latin) for (const b of v.latin) best = Math.max(best, trigramSimilarity(a, b));
  return best;
}

/** The strongest way searched part `q` matches variant part `v`, or null. */
export function matchPart(q: PartKeys, v: PartKeys, equivalents?: PartEquivalents): PartMatch | null {
  const found = (method: MatchMethod, level: number): PartMatch => ({ method, level, queryPart: q.forms[0]!, variantPart: v.forms[0]! });
  if (overlaps(q.forms, v.forms)) return found('NORMALISED', 1);
  const spelling = closestSpelling(q, v);
  const adjusted = (level: number): number => level - SPELLING_WEIGHT * (1 - spelling);
  // Equivalents are Latin spellings: compared as written (their skeletons collide too often:
  // Hussein's is Hassan's). Another script is reached through TRANSLITERATION below.
  if (equivalents && overlaps(v.forms, equivalents.forms)) {
    return found('GIVEN_NAME_EQUIVALENT', adjusted(0.95));
  }
  if (overlaps(q.skeletons, v.skeletons)) return found(q.script === v.script ? 'CONSONANT_KEY' : 'TRANSLITERATION', adjusted(0.9));
  if (q.phonetics.length > 0 && overlaps(q.phonetics, v.phonetics)) return found('PHONETIC', adjusted(0.8));
  if (q.script === v.script) {
    let edits = Number.POSITIVE_INFINITY;
    for (const a of q.forms) {
      for (const b of v.forms) {
        const tolerated = toleratedEdits(Math.min(a.length, b.length));
        const d = editDistance(a, b, tolerated);
        if (d >= 1 && d <= tolerated) edits = Math.min(edits, d);
      }
    }
    if (edits !== Number.POSITIVE_INFINITY) return found('TYPO', 0.85 - 0.1 * edits);
    if (spelling >= MIN_TRIGRAM) return found('TRIGRAM', 0.8 * spelling);
  }
  return null;
}

/** Whether variant positions, in the searched parts' order, run in order — allowing a rotation (family name first). */
function inOrder(positions: readonly number[]): boolean {
  let descents = 0;
  for (let i = 1; i < positions.length; i++) if (positions[i]! < positions[i - 1]!) descents++;
  return descents === 0 || (descents === 1 && positions[positions.length - 1]! < positions[0]!);
}

/** What decides how a part matches: its forms (skeletons and phonetic codes derive from the Latin ones). */
const partSignature = (v: PartKeys): string => `${v.script}|${v.forms.join(',')}|${v.latin.join(',')}`;

/**
 * Scores many variants against one searched name: `matchVariant` with each searched part's
 * matches memoised by the variant part they were computed on. A search scores hundreds of
 * variants whose parts come from a few hundred spellings ("ali" is in thousands), so most
 * part matches — trigram and edit-distance comparisons of every pair of spellings — are
 * computed once per search instead of once per variant. Same results as `matchVariant`.
 */
export function variantMatcher(query: NameKeys, equivalents: readonly (PartEquivalents | undefined)[] = []): (variant: NameKeys) => VariantMatch | null {
  // Per variant part: how each searched part matches it.
  const memo = new Map<string, (PartMatch | null)[]>();
  return (variant) => {
    const matches = variant.parts.map((v) => {
      const signature = partSignature(v);
      let known = memo.get(signature);
      if (!known) memo.set(signature, known = query.parts.map((q, qi) => matchPart(q, v, equivalents[qi])));
      return known;
    });
    return scoreVariant(query, variant, (qi, vi) => matches[vi]![qi]!);
  };
}

/**
 * The best one-to-one assignment of searched parts to variant parts (greedy on level, which is
 * exact for the few parts a name has in all but contrived cases), and the variant's score.
 */
export function matchVariant(query: NameKeys, variant: NameKeys, equivalents: readonly (PartEquivalents | undefined)[] = []): VariantMatch | null {
  return scoreVariant(query, variant, (qi, vi) => matchPart(query.parts[qi]!, variant.parts[vi]!, equivalents[qi]));
}

function scoreVariant(query: NameKeys, variant: NameKeys, matchOf: (qi: number, vi: number) => PartMatch | null): VariantMatch | null {
  if (query.parts.length === 0 || variant.parts.length === 0) return null;
  if (query.folded === variant.folded) {
    return {
      score: 1,
      parts: query.parts.map((p) => ({ method: 'EXACT', level: 1, queryPart: p.forms[0]!, variantPart: p.forms[0]! })),
    };
  }
  const pairs: { qi: number; vi: number; match: PartMatch }[] = [];
  query.parts.forEach((_q, qi) => variant.parts.forEach((_v, vi) => {
    const match = matchOf(qi, vi);
    if (match) pairs.push({ qi, vi, match });
  }));
  pairs.sort((a, b) => b.match.level - a.match.level || a.qi - b.qi || a.vi - b.vi);
  const usedQ = new Set<number>();
  const usedV = new Set<number>();
  const chosen: { qi: number; vi: number; match: PartMatch }[] = [];
  for (const pair of pairs) {
    if (usedQ.has(pair.qi) || usedV.has(pair.vi)) continue;
    usedQ.add(pair.qi);
    usedV.add(pair.vi);
    chosen.push(pair);
  }
  if (chosen.length === 0) return null;
  const total = chosen.reduce((sum, c) => sum + c.match.level, 0);
  const coverage = 0.9 + 0.1 * (usedV.size / variant.parts.length);
  chosen.sort((a, b) => a.qi - b.qi);
  const positions = chosen.map((c) => c.vi);
  const order = positions.length >= 3 && !inOrder(positions) ? 0.97 : 1;
  return {
    score: (total / query.parts.length) * coverage * order,
    parts: chosen.map((c) => c.match),
  };
}
