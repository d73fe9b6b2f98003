import { createContext, useContext } from 'react';
import { en, type MessageKey } from './en.js';
import { formatMessage, type Params } from './message-format.js';

export type { MessageKey };
export type Language = 'en' | 'fr' | 'ar';
export const LANGUAGES: { code: Language; name: string; dir: 'ltr' | 'rtl' }[] = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
];

/** English is built in; French and Arabic load when first chosen (kept out of the initial JavaScript). */
const CATALOGUES: Partial<Record<Language, Partial<Record<MessageKey, string>>>> = { en };

export async function loadCatalogue(language: Language): Promise<void> {
  if (CATALOGUES[language]) return;
  CATALOGUES[language] = language === 'fr' ? (await import('./fr.js')).fr : (await import('./ar.js')).ar;
}

export type { Params };
export type Translate = (key: MessageKey, params?: Params) => string;

/** A message in `language` (English where the catalogue has no translation yet), with plural forms chosen and `{name}` filled in. */
export function translate(language: Language, key: MessageKey, params: Params = {}): string {
  return formatMessage(language, CATALOGUES[language]?.[key] ?? en[key], params);
}

export const LanguageContext = createContext<{ language: Language; setLanguage(l: Language): void }>({
  language: 'en', setLanguage: () => undefined,
});

export function useT(): Translate {
  const { language } = useContext(LanguageContext);
  return (key, params) => translate(language, key, params);
}

/** Sets `lang` and `dir` on the document, so screen readers and the layout follow. */
export function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = LANGUAGES.find((l) => l.code === language)?.dir ?? 'ltr';
}
