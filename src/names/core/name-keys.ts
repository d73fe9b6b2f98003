import { foldName, normaliseName, scriptOf, type NameScriptKind } from './normalise.js';
import { resolveParticles } from './particles.js';
import { phoneticCodes } from './phonetic.js';
import { consonantSkeleton } from './skeleton.js';
import { transliterate } from './transliterate.js';

/**
 * The matching keys of one written name (a name variant, or a search's name): computed once
 * when the name is written and stored beside it (store/name-key-store.ts), and the same way
 * for a query, so that a search compares keys, never raw text.
 */

/** One part of a name, in every form it is matched by. */
export interface PartKeys {
  script: NameScriptKind;
  /** Normalised forms in the part's own script (the first is the part as written; others are alternative readings). */
  forms: string[];
  /** The forms in Latin letters (transliterated when the part is in another script). */
  latin: string[];
  /** Consonant skeletons of the Latin forms. */
  skeletons: string[];
  /** Double Metaphone codes of the Latin forms; none for Arabic script (compared by skeleton). */
  phonetics: string[];
}

export interface NameKeys {
  /** NFKC, case-folded: for an exact match. */
  folded: string;
  /** The script of most of the name's letters. */
  script: NameScriptKind;
  parts: PartKeys[];
  /** The parts' first Latin forms, space-separated: trigram similarity compares these. */
  searchText: string;
}

/** Version of the key computation; stored keys of another version are recomputed (`liaison names rekey`). */
export const NAME_KEY_VERSION = 1;

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

export function nameKeys(value: string): NameKeys {
  const normalised = normaliseName(value);
  const rawParts = normalised ? normalised.split(' ') : [];
  const scripts = rawParts.map(scriptOf);
  const counts = new Map<NameScriptKind, number>();
  for (const s of scripts) counts.set(s, (counts.get(s) ?? 0) + 1);
  const script = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'OTHER';
  // Particles are resolved per run of parts in one script (a name may mix scripts).
  const resolved: ReturnType<typeof resolveParticles> = [];
  for (let start = 0; start < rawParts.length;) {
    const arabic = scripts[start] === 'ARABIC';
    let end = start + 1;
    while (end < rawParts.length && (scripts[end] === 'ARABIC') === arabic) end++;
    resolved.push(...resolveParticles(rawParts.slice(start, end), arabic ? 'ARABIC' : 'OTHER'));
    start = end;
  }
  const parts = resolved.map(({ forms }): PartKeys => {
    const partScript = scriptOf(forms[0]!);
    const latin = unique(forms.map((form) => (partScript === 'LATIN' ? form : transliterate(form))).filter(Boolean));
    return {
      script: partScript,
      forms,
      latin,
      skeletons: unique(latin.map(consonantSkeleton).filter(Boolean)),
      phonetics: partScript === 'ARABIC' ? [] : unique(latin.flatMap(phoneticCodes)),
    };
  });
  return {
    folded: foldName(value),
    script,
    parts,
    searchText: parts.map((p) => p.latin[0] ?? p.forms[0]!).join(' '),
  };
}

/** Every form, skeleton and phonetic code of a name, flattened: the stored, indexed arrays. */
export function flatKeys(keys: NameKeys): { forms: string[]; skeletons: string[]; phonetics: string[] } {
  return {
    forms: unique(keys.parts.flatMap((p) => p.forms)),
    skeletons: unique(keys.parts.flatMap((p) => p.skeletons)),
    phonetics: unique(keys.parts.flatMap((p) => p.phonetics)),
  };
}

/** A key as the lookup column holds it: `f:` form, `s:` skeleton, `p:` phonetic code. */
export const lookupKey = (kind: 'f' | 's' | 'p', value: string): string => `${kind}:${value}`;

/** A key held by two or more different parts of a name, as the lookup column holds it. */
export const repeatedLookupKey = (key: string): string => `2${key}`;

/**
 * Every key of a name in one array, as stored (`prisoner_name_key.lookup_keys`) and indexed
 * (one GIN index): each form, skeleton and phonetic code prefixed with its kind, and — marked
 * `2` — each one that two or more different parts hold ("Ali Ben Ali": `2f:ali`; "Hassan
 * Hussein": `2s:hsn`). A search for two parts sharing a key ("Ali … Ali", "Hassan Husain")
 * asks for a name holding that key twice, rather than every name holding it once.
 */
export function lookupKeys(keys: NameKeys): string[] {
  const held = new Map<string, number>();
  for (const part of keys.parts) {
    const own = new Set([
      ...part.forms.map((f) => lookupKey('f', f)), ...part.skeletons.map((s) => lookupKey('s', s)), ...part.phonetics.map((p) => lookupKey('p', p)),
    ]);
    for (const key of own) held.set(key, (held.get(key) ?? 0) + 1);
  }
  return [...held.keys(), ...[...held].filter(([, n]) => n >= 2).map(([key]) => repeatedLookupKey(key))];
}
