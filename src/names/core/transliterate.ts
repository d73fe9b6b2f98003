import anyAscii from 'any-ascii';

/**
 * Any script → Latin letters, for comparing names across scripts. Arabic is written without
 * short vowels, so محمد becomes "mhmd": a consonantal spelling that the consonant-skeleton
 * key (skeleton.ts) compares with "Mohammed". The letter-by-letter romanisation is
 * any-ascii's (its Arabic table follows the common romanisation: خ kh, ش sh, ث th, ذ dh,
 * غ gh, ق q, ع and ء as marks, which are dropped here); Cyrillic, Greek and Latin with
 * diacritics come out as their usual ASCII spellings.
 *
 * Takes a normalised name (normalise.ts), so that hamza forms, taa marbuta and alef maqsura
 * are already unified. Alef and ayn are written "a" first: any-ascii drops alef, and a Latin
 * spelling renders both as a vowel (عائشة Aisha, علي Ali, سعيد Saeed), which the skeleton then
 * drops, so that a following yaa or waw is not mistaken for an initial consonant.
 */
export function transliterate(normalised: string): string {
  return anyAscii(normalised.replace(/[\u0627\u0639]/g, 'a'))
    .toLowerCase()
    .replace(/['`]/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
