/**
 * Trigram similarity of two words, as pg_trgm computes it for one word: the word padded with
 * two spaces before and one after, its three-letter windows compared as sets (shared ÷ all).
 * The search's index uses pg_trgm to find candidates; this scores a part against a part.
 */
function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

export function trigramSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const ga = trigrams(a);
  const gb = trigrams(b);
  let shared = 0;
  for (const gram of ga) if (gb.has(gram)) shared++;
  return shared / (ga.size + gb.size - shared);
}
