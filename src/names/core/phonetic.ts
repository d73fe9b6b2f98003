import { doubleMetaphone } from 'double-metaphone';

/**
 * Double Metaphone codes (primary and alternate) of a Latin-letter name part, for matching
 * spellings that sound alike (Hussein / Husein / Hocine → HSN). Latin to Latin only: an
 * Arabic-script name is compared through its transliteration's consonant skeleton instead.
 */
export function phoneticCodes(latin: string): string[] {
  if (!/[a-z]/.test(latin)) return [];
  const [primary, alternate] = doubleMetaphone(latin);
  return primary === alternate ? [primary] : [primary, alternate].filter((code) => code.length > 0);
}
