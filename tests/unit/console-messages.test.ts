import { describe, expect, it } from 'vitest';
import { ar } from '../../console/src/i18n/ar.js';
import { en } from '../../console/src/i18n/en.js';
import { fr } from '../../console/src/i18n/fr.js';
import { formatMessage, type Params } from '../../console/src/i18n/message-format.js';

const CATALOGUES = { en, fr, ar };
const translate = (language: keyof typeof CATALOGUES, key: keyof typeof en, params: Params) => formatMessage(language, CATALOGUES[language][key], params);

/** `{name}` and the name of `{name, plural, …}`: a translation may put the number elsewhere, but takes the same ones. */
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]!).sort();

describe('console message catalogues', () => {
  it('French is complete: every English message is translated, none left in English by mistake', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const untranslated = Object.entries(fr).filter(([key, text]) => text === en[key as keyof typeof en] && /[a-z]{4}/.test(text));
    // Identical only where French writes the same word or format as English.
    expect(untranslated.map(([key]) => key).sort()).toEqual([
      'clause.conditionN', 'clause.conditions', 'diff.text', 'explain.verdict', 'kind.CONSULTATION', 'log.action', 'log.version',
      'mou.parties', 'mou.partiesValue', 'mou.referenceVersion', 'mou.versionN', 'mou.versions', 'nav.label', 'subject.Intervention',
    ]);
  });

  it.each([['fr', fr], ['ar', ar]] as const)('%s messages take the same {placeholders} as the English ones', (_, catalogue) => {
    for (const [key, text] of Object.entries(catalogue)) {
      expect(placeholders(text!), key).toEqual(placeholders(en[key as keyof typeof en]));
      expect(text!.trim(), key).not.toBe('');
    }
  });

  it('Arabic is complete: every English message is translated into Arabic script', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    const latinOnly = Object.entries(ar).filter(([, text]) => !/[\u0600-\u06ff]/.test(text));
    // Only a format made of two placeholders and an arrow carries no Arabic character.
    expect(latinOnly.map(([key]) => key).sort()).toEqual(['mou.partiesValue']);
  });

  it('counts agree with their number in each language: "1 entry", "1 entrée", and Arabic\'s six forms', () => {
    expect(translate('en', 'disclosures.caption', { count: 1 })).toBe('1 entry');
    expect(translate('en', 'disclosures.caption', { count: 0 })).toBe('0 entries');
    expect(translate('en', 'disclosures.captionPartial', { shown: 50, count: 51 })).toBe('50 of 51 entries');
    expect(translate('en', 'integrity.intact', { entries: 1, checkpoints: 2, unsealed: 1 }))
      .toBe('Intact: 1 entry, 2 signed checkpoints verified, 1 entry not yet sealed.');
    expect(translate('en', 'mous.caption', { count: 1 })).toBe('1 MoU version');
    expect(translate('en', 'plain.quota', { n: 200 })).toBe('At most 200 records a day.');
    expect(translate('fr', 'disclosures.caption', { count: 1 })).toBe('1 entrée');
    expect(translate('fr', 'disclosures.caption', { count: 0 })).toBe('0 entrée'); // French counts zero in the singular
    expect(translate('fr', 'disclosures.caption', { count: 2 })).toBe('2 entrées');
    expect([0, 1, 2, 3, 11, 100].map((count) => translate('ar', 'disclosures.caption', { count })))
      .toEqual(['لا قيود', 'قيد واحد', 'قيدان', '3 قيود', '11 قيدًا', '100 قيد']);
  });
});

