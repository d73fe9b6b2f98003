import { describe, expect, it } from 'vitest';
import { foldName, normaliseName, scriptOf } from '../../src/names/core/normalise.js';
import { transliterate } from '../../src/names/core/transliterate.js';

describe('normaliseName', () => {
  it('folds case and compatibility forms (NFKC), and ß', () => {
    expect(normaliseName('MOHAMMED')).toBe('mohammed');
    expect(normaliseName('Ｍｏｈａｍｅｄ')).toBe('mohamed');
    expect(normaliseName('Strauß')).toBe('strauss');
    expect(foldName('  Abdul   RAHMAN ')).toBe('abdul rahman');
  });

  it('removes Latin diacritics, keeps the letters', () => {
    expect(normaliseName('Aïcha')).toBe('aicha');
    expect(normaliseName('Fayçal Hôcine')).toBe('faycal hocine');
    expect(normaliseName('Wiśniewski Łukasz')).toBe('wisniewski lukasz');
  });

  it('drops transcription marks for ayn and hamza rather than splitting on them', () => {
    expect(normaliseName("Sa'id")).toBe('said');
    expect(normaliseName('ʿAbd al-Raḥmān')).toBe('abd al rahman');
  });

  it('removes Arabic harakat, shadda and tatweel', () => {
    expect(normaliseName('مُحَمَّد')).toBe('محمد');
    expect(normaliseName('محـــمد')).toBe('محمد');
  });

  it('unifies alef and hamza forms, taa marbuta and alef maqsura', () => {
    expect(normaliseName('أحمد')).toBe('احمد');
    expect(normaliseName('إبراهيم')).toBe('ابراهيم');
    expect(normaliseName('آمنة')).toBe('امنه');
    expect(normaliseName('فاطمة')).toBe(normaliseName('فاطمه'));
    expect(normaliseName('مصطفى')).toBe(normaliseName('مصطفي'));
    expect(normaliseName('عائشة')).toBe('عايشه');
  });

  it('tells the script of a name', () => {
    expect(scriptOf(normaliseName('محمد'))).toBe('ARABIC');
    expect(scriptOf(normaliseName('Магомед'))).toBe('CYRILLIC');
    expect(scriptOf(normaliseName('Mohamed'))).toBe('LATIN');
  });
});

describe('transliterate (Arabic → Latin letters)', () => {
  it('writes Arabic consonantally, alef and ayn as a', () => {
    expect(transliterate(normaliseName('محمد'))).toBe('mhmd');
    expect(transliterate(normaliseName('خالد'))).toBe('khald');
    expect(transliterate(normaliseName('عمر'))).toBe('amr');
    expect(transliterate(normaliseName('يوسف'))).toBe('ywsf');
  });

  it('romanises Cyrillic with its vowels', () => {
    expect(transliterate(normaliseName('Магомед'))).toBe('magomed');
  });

  it('leaves Latin as it is', () => {
    expect(transliterate('mohamed ali')).toBe('mohamed ali');
  });
});
