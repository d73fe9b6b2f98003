/**
 * Name normalisation, the first step of every key: what two spellings of one name written by
 * two agencies share once the differences that carry no meaning are removed.
 *
 * - Unicode NFKC and case folding (full-width and ligature forms, "ß" → "ss");
 * - Latin diacritics removed ("Hocine", "Hôcine", "Hocíne" are one name);
 * - Arabic: harakat (short-vowel marks, shadda, sukun, tanwin), dagger alef and tatweel
 *   removed; alef and hamza forms unified (أ إ آ ٱ → ا, ؤ → و, ئ → ي, a lone ء dropped);
 *   taa marbuta → haa (ة → ه) and alef maqsura → yaa (ى → ي), as the final letter is written
 *   either way; Persian kaf and yeh read as their Arabic letters;
 * - apostrophes and transcription marks for ayn and hamza (ʿ ʾ ' ` ’) removed, hyphens and
 *   other punctuation become spaces.
 */

export type NameScriptKind = 'LATIN' | 'ARABIC' | 'CYRILLIC' | 'OTHER';

/** Letters with no decomposition that still carry a Latin base letter. */
const LATIN_SPECIALS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h',
};

const ARABIC_LETTER_MAP: Readonly<Record<string, string>> = {
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0671': '\u0627', // ٱ (wasla) → ا
  '\u0672': '\u0627',
  '\u0673': '\u0627',
  '\u0624': '\u0648', // ؤ → و
  '\u0626': '\u064a', // ئ → ي
  '\u0621': '', // ء
  '\u0629': '\u0647', // ة → ه
  '\u0649': '\u064a', // ى → ي
  '\u06cc': '\u064a', // ی (Persian yeh) → ي
  '\u06a9': '\u0643', // ک (Persian kaf) → ك
  '\u0640': '', // tatweel
};

/** Arabic combining marks: harakat, tanwin, shadda, sukun, dagger alef, Quranic marks. */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
const ARABIC_LETTERS = /[\u0621-\u064a\u0671-\u06d3]/;
const CYRILLIC_LETTERS = /[\u0400-\u04ff]/;
const LATIN_LETTERS = /[a-z]/;
/** Transcription marks for ayn and hamza, and apostrophes: dropped, not split on ("Sa'id" = "Said"). */
const APOSTROPHES = /['`´‘’ʼʻʾʿ]/g;

function mapArabic(text: string): string {
  let out = '';
  for (const ch of text) out += ARABIC_LETTER_MAP[ch] ?? ch;
  return out;
}

/**
 * The case-folded NFKC form of a name, spaces collapsed: what "the same text" means for an
 * exact match.
 */
export function foldName(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss').replace(/\s+/g, ' ').trim();
}

/**
 * A name normalised for matching: folded, diacritics and Arabic marks removed, letters
 * unified, punctuation turned to spaces; one space between parts.
 */
export function normaliseName(value: string): string {
  const folded = foldName(value).replace(ARABIC_MARKS, '');
  // NFD splits Latin letters from their accents; the Arabic letters mapped below are the
  // NFC forms, so compose again before mapping.
  const stripped = folded
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff]/g, '')
    .normalize('NFC');
  let out = '';
  for (const ch of mapArabic(stripped)) out += LATIN_SPECIALS[ch] ?? ch;
  return out
    .replace(APOSTROPHES, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The script a (normalised) name part is written in. */
export function scriptOf(text: string): NameScriptKind {
  if (ARABIC_LETTERS.test(text)) return 'ARABIC';
  if (CYRILLIC_LETTERS.test(text)) return 'CYRILLIC';
  if (LATIN_LETTERS.test(text)) return 'LATIN';
  return 'OTHER';
}
