import { describe, expect, it } from 'vitest';
import { dateOfBirthMatch, toleratedDates } from '../../src/names/core/date-of-birth.js';
import { nameKeys } from '../../src/names/core/name-keys.js';
import { matchVariant, variantMatcher, type PartEquivalents } from '../../src/names/core/ranking.js';
import { trigramSimilarity } from '../../src/names/core/trigram.js';

const match = (query: string, variant: string, equivalents: (PartEquivalents | undefined)[] = []) => matchVariant(nameKeys(query), nameKeys(variant), equivalents);
const methods = (query: string, variant: string) => match(query, variant)?.parts.map((p) => p.method);

describe('matchVariant', () => {
  it('the same text is EXACT, 1.0', () => {
    expect(match('Mohamed Osman', 'mohamed  OSMAN')).toEqual({ score: 1, parts: [
      { method: 'EXACT', level: 1, queryPart: 'mohamed', variantPart: 'mohamed' },
      { method: 'EXACT', level: 1, queryPart: 'osman', variantPart: 'osman' },
    ] });
  });

  it('parts in any order, particles aside: NORMALISED', () => {
    expect(methods('Ben Ali Mohamed', 'Mohamed Bin Ali')).toEqual(['NORMALISED', 'NORMALISED']);
    expect(match('Ben Ali Mohamed', 'Mohamed Bin Ali')!.score).toBe(1);
    expect(methods('Abdul Rahman', 'Abdulrahman')).toEqual(['NORMALISED']);
  });

  it('across scripts by consonant skeleton: TRANSLITERATION', () => {
    expect(methods('Mohammed', 'محمد')).toEqual(['TRANSLITERATION']);
    expect(methods('عبدالله', 'Abdullah Kasim')).toEqual(['TRANSLITERATION']);
  });

  it('within a script by consonant skeleton, Double Metaphone, typing errors, then trigrams', () => {
    expect(methods('Husein', 'Hussein')).toEqual(['CONSONANT_KEY']);
    expect(methods('Khalid', 'Kaled')).toEqual(['PHONETIC']);
    expect(methods('Ibrahin', 'Ibrahim')).toEqual(['TYPO']);
    expect(methods('Clakre', 'Clarke')).toEqual(['TYPO']);
    expect(methods('Hamdanovich', 'Hamdanovski')).toEqual(['TRIGRAM']);
    expect(match('Smith', 'Smyth')!.score).toBeGreaterThan(match('Smith', 'Smithers')?.score ?? 0);
  });

  it('ranks parts in order above the same parts permuted, a family name moved first aside', () => {
    const inOrder = match('Sayed Hamza Hamdan', 'Sayed Hamza Hamdan')!.score;
    expect(match('Sayed Hamza Hamdan', 'Hamza Sayed Hamdan')!.score).toBeLessThan(inOrder);
    expect(match('HAMDAN Sayed Hamza', 'Sayed Hamza Hamdan')!.score).toBe(inOrder);
  });

  it('a given-name equivalent matches when the table says so, and only then', () => {
    const mehmet = { forms: new Set(['mohammed', 'muhammad']), skeletons: new Set(['mhmd']) };
    expect(match('Mehmet', 'Muhammad')).toBeNull();
    expect(match('Mehmet', 'Muhammad', [mehmet])!.parts[0]!.method).toBe('GIVEN_NAME_EQUIVALENT');
    // Not across scripts by skeleton: Hussein's skeleton is Hassan's.
    expect(match('Mehmet', 'محمد', [mehmet])).toBeNull();
  });

  it('ranks the closer spelling first when two names share a skeleton', () => {
    expect(match('Husein', 'Hussein')!.score).toBeGreaterThan(match('Husein', 'Hassan')!.score);
  });

  it('prefers a variant whose parts are all matched', () => {
    expect(match('Ali', 'Ali')!.score).toBeGreaterThan(match('Ali', 'Mohamed Ali Hassan')!.score);
  });

  it('scores a half-matched name low and an unrelated one not at all', () => {
    expect(match('Hassan Quartermaine', 'Hassan Nasser')!.score).toBeLessThan(0.55);
    expect(match('James Smith', 'محمد حداد')).toBeNull();
  });

  it('matches each variant part once', () => {
    expect(match('Hassan Hassan', 'Hassan Nasser')!.parts).toHaveLength(1);
  });
});

describe('date of birth tolerance', () => {
  it('accepts the date, a year either side and the day and month swapped', () => {
    expect(toleratedDates('1990-03-07').sort()).toEqual(['1989-03-07', '1989-07-03', '1990-03-07', '1990-07-03', '1991-03-07', '1991-07-03']);
    expect(dateOfBirthMatch('1990-03-07', '1990-03-07')).toBe('EXACT');
    expect(dateOfBirthMatch('1990-03-07', '1990-07-03')).toBe('TOLERANT');
    expect(dateOfBirthMatch('1990-03-07', '1991-03-07')).toBe('TOLERANT');
    expect(dateOfBirthMatch('1990-03-07', '1990-03-08')).toBeNull();
    expect(dateOfBirthMatch('1990-03-07', null)).toBeNull();
  });

  it('has no swap where the day cannot be a month, and no 29 February in other years', () => {
    expect(toleratedDates('1990-03-25')).toHaveLength(3);
    expect(toleratedDates('2000-02-29')).toEqual(['2000-02-29']);
    expect(() => toleratedDates('1990-02-30')).toThrow(RangeError);
  });
});

describe('variantMatcher (one search scoring many variants)', () => {
  const variants = [
    'Mohamed Ali Hassan', 'Ali Ben Ali', 'Aly Hassan Ali', 'محمد علي حسن', 'Hassan Ali Mohamed', 'Muhammad Aly', 'Mohamed Ali Hassan',
    'Hussein Ali', 'Ali Mohammed Al-Hassan', 'Mohamad Bilal Ben Ali', 'Mohammed', 'Ali Ali Hassan', 'Aly Ali Hassan', 'Hassan Mohamed Ali',
  ];
  const mehmet = { forms: new Set(['mohammed', 'muhammad']), skeletons: new Set(['mhmd']) };

  it('scores every variant as matchVariant does, parts and order included, while reusing part matches across variants', () => {
    for (const query of ['Mohamed Ali Hassan', 'Ali Bin Ali', 'Ali Hassan Ali', 'HASSAN Mohamed Ali', 'Mehmet Aly', 'علي حسن']) {
      const equivalents = query === 'Mehmet Aly' ? [mehmet] : [];
      const matcher = variantMatcher(nameKeys(query), equivalents);
      for (const variant of variants) {
        expect(matcher(nameKeys(variant)), `${query} / ${variant}`).toEqual(matchVariant(nameKeys(query), nameKeys(variant), equivalents));
      }
    }
  });
});

describe('trigramSimilarity', () => {
  it('is pg_trgm similarity for one word', () => {
    expect(trigramSimilarity('hassan', 'hassan')).toBe(1);
    expect(trigramSimilarity('word', 'two')).toBe(0);
    expect(trigramSimilarity('hussein', 'husein')).toBeGreaterThan(trigramSimilarity('hussein', 'hassan'));
  });
});
