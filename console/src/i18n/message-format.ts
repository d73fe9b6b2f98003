/** The message notation of the catalogues: `{name}` placeholders and ICU-style plural forms (no DOM, no React). */

export type Params = Record<string, string | number>;

/**
 * Plural forms, in ICU MessageFormat's notation: `{count, plural, one {# entry} other {# entries}}`,
 * `#` standing for the number. The form is chosen by the language's own rules (Intl.PluralRules:
 * English and French have two forms, Arabic six), an exact `=n` form first; `other` otherwise.
 */
const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /(=?\w+)\s*\{([^{}]*)\}/g;
const pluralRules = new Map<string, Intl.PluralRules>();

function pluralForm(language: string, count: number, forms: string): string {
  const byCategory = new Map([...forms.matchAll(PLURAL_FORM)].map((m) => [m[1]!, m[2]!]));
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, rules = new Intl.PluralRules(language));
  const form = byCategory.get(`=${count}`) ?? byCategory.get(rules.select(count)) ?? byCategory.get('other') ?? '#';
  return form.replace(/#/g, String(count));
}

/** `text` in `language` with its plural forms chosen and its `{name}` placeholders filled in from `params`. */
export function formatMessage(language: string, text: string, params: Params = {}): string {
  return text
    .replace(PLURAL, (whole, name: string, forms: string) =>
      (name in params && Number.isFinite(Number(params[name])) ? pluralForm(language, Number(params[name]), forms) : whole))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
