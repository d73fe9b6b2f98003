/**
 * The consonant skeleton of a Latin-letter name part: the consonants left once vowels,
 * semi-vowels and doubled letters are dropped, with the digraphs that spell one Arabic
 * consonant reduced to one class. Arabic writes no short vowels and transliterations
 * disagree mostly on vowels, so محمد ("mhmd" transliterated), Mohammed, Muhammad and
 * Mohamed all give "mhmd"; Youssef, Yusuf and يوسف give "ysf".
 *
 * - sh / ch / sch → S (ش; the French "ch" of Chérif), kh → X (خ), gh → g (غ), th → t (ث),
 *   dh → d (ذ), ph → f, dj / zh → j (the French "dj" of Djamel), c before e, i, y → s (Hocine,
 *   Yacine), q / c / ck → k, x → ks;
 * - a, e, i, o, u and, past the first letter, y and w are dropped (an initial y or w is the
 *   consonant of Yusuf or Walid);
 * - a final h is dropped (Fatimah / Fatima / فاطمة, whose taa marbuta reads as h);
 * - runs of one consonant collapse (Mohammed's mm, the assimilated article of Abderrahmane).
 */
const DIGRAPHS: readonly (readonly [RegExp, string])[] = [
  [/sch/g, 'S'], [/tch/g, 'S'], [/sh/g, 'S'], [/ch/g, 'S'], [/kh/g, 'X'], [/gh/g, 'g'], [/th/g, 't'],
  [/dh/g, 'd'], [/ph/g, 'f'], [/dj/g, 'j'], [/zh/g, 'j'], [/ck/g, 'k'], [/c(?=[eiy])/g, 's'], [/q/g, 'k'], [/c/g, 'k'], [/x/g, 'ks'],
];

export function consonantSkeleton(latin: string): string {
  let text = latin.toLowerCase().replace(/[^a-z]/g, '');
  if (!text) return '';
  for (const [pattern, replacement] of DIGRAPHS) text = text.replace(pattern, replacement);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ('aeiou'.includes(ch)) continue;
    if ((ch === 'y' || ch === 'w') && i > 0) continue;
    out += ch;
  }
  if (out.length > 1 && out.endsWith('h')) out = out.slice(0, -1);
  return out.replace(/(.)\1+/g, '$1');
}
