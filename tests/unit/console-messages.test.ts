import { describe, expect, it } from 'vitest';
import { ar } from '../../console/src/i18n/ar.js';
import { en } from '../../console/src/i18n/en.js';
import { fr } from '../../console/src/i18n/fr.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

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
});
