import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGLISH_APART, FRENCH_SPELLINGS } from '../src/seed/demo-name-variants.js';
import { DEFAULT_DEMO_SEED, generateDemoPopulation } from '../src/seed/demo-population.js';
import { ARABIC_FAMILY, ARABIC_FEMALE, ARABIC_MALE, type ScriptName } from '../src/seed/demo-vocabulary.js';
import { createRandom, type Random } from '../src/seed/random.js';

/**
 * Generates the labelled evaluation set of `npm run bench:names` (bench/names-eval-set.json,
 * committed) from the demo population of 50,000 prisoners (seed 1) — the data set the bench
 * seeds, whose ids and names do not depend on the day it is seeded. Deterministic: run it
 * again (`npm run build && node dist/bench/names-eval-generate.js`) and the file is the same.
 *
 * Dates of birth are relative to the seeding day, so a query names whose date of birth it
 * uses (`dob.of`) and how it is altered (`dob.shift`); the bench reads the date from the
 * database when it runs.
 */

export type EvalCategory =
  | 'ARABIC_TO_LATIN' | 'ARABIC_SCRIPT_VARIANT' | 'FRENCH_TRANSLITERATION' | 'TYPO' | 'REORDERED' | 'PARTICLES'
  | 'NAME_ONLY_UNIQUE' | 'NON_MATCHING_NAME' | 'NON_MATCHING_DATE';

export type DobShift = 'EXACT' | 'YEAR_MINUS' | 'YEAR_PLUS' | 'SWAP' | 'FAR';

export interface EvalQuery {
  id: number;
  category: EvalCategory;
  name: string;
  /** The prisoner the query should find first; null for a query that should find nobody. */
  target: string | null;
  dob: { of: string; shift: DobShift } | null;
}

export const EVAL_SET_FILE = fileURLToPath(new URL('../../bench/names-eval-set.json', import.meta.url));
const PRISONERS = 50_000;
const COUNTS: Readonly<Record<EvalCategory, number>> = {
  ARABIC_TO_LATIN: 100, ARABIC_SCRIPT_VARIANT: 80, FRENCH_TRANSLITERATION: 80, TYPO: 80, REORDERED: 60, PARTICLES: 60,
  NAME_ONLY_UNIQUE: 60, NON_MATCHING_NAME: 50, NON_MATCHING_DATE: 50,
};

const VOCABULARY = [...ARABIC_MALE, ...ARABIC_FEMALE, ...ARABIC_FAMILY];
const BY_NATIVE = new Map(VOCABULARY.map((n) => [n.native, n]));

/** The vocabulary entries an Arabic-script name was drawn from (longest match first). */
function partsOf(native: string): ScriptName[] | null {
  const words = native.split(' ');
  const parts: ScriptName[] = [];
  for (let i = 0; i < words.length;) {
    const two = BY_NATIVE.get(`${words[i]} ${words[i + 1]}`);
    if (two && i + 1 < words.length) { parts.push(two); i += 2; continue; }
    const one = BY_NATIVE.get(words[i]!);
    if (!one) return null;
    parts.push(one);
    i++;
  }
  return parts;
}

function typo(rng: Random, name: string): string {
  const parts = name.split(' ');
  const candidates = parts.map((p, i) => [p, i] as const).filter(([p]) => p.length >= 5);
  if (candidates.length === 0) return name;
  const [part, index] = rng.pick(candidates);
  const at = rng.int(1, part.length - 2);
  const letters = 'aeioumnrstlhdk';
  const edit = rng.int(0, 2);
  const changed = edit === 0 ? part.slice(0, at) + part.slice(at + 1) // deletion
    : edit === 1 ? part.slice(0, at) + part[at + 1] + part[at] + part.slice(at + 2) // transposition
      : part.slice(0, at) + rng.pick([...letters].filter((l) => l !== part[at]!.toLowerCase())) + part.slice(at + 1); // substitution
  parts[index] = changed;
  return parts.join(' ');
}

/** The name written differently in Arabic script: joined or split Abd, hamza, taa marbuta, alef maqsura, article, harakat. */
function arabicVariant(rng: Random, native: string): string {
  // Family name first, the parts kept whole (عبد الرحمن is one part).
  const parts = partsOf(native);
  if (parts && parts.length > 1 && rng.chance(0.25)) native = [parts.at(-1)!.native, ...parts.slice(0, -1).map((p) => p.native)].join(' ');
  const edits: ((s: string) => string)[] = [
    (s) => s.replace(/عبد /g, 'عبد'),
    (s) => s.replace(/[أإآ]/g, 'ا'),
    (s) => s.replace(/ة/g, 'ه'),
    (s) => s.replace(/ى/g, 'ي'),
    (s) => s.replace(/(^| )ال/g, '$1'),
    (s) => s.replace(/محمد/g, 'مُحَمَّد').replace(/أحمد/g, 'أَحْمَد'),
  ];
  let out = native;
  for (const edit of rng.shuffle(edits)) {
    const next = edit(out);
    if (next !== out) { out = next; if (rng.chance(0.5)) break; }
  }
  return out;
}

function particleVariant(name: string): string | null {
  const rules: [RegExp, string][] = [
    [/\bAbd al-Rahman\b/, 'Abdalrahman'], [/\bAbdulrahman\b/, 'Abdul Rahman'], [/\bAbdelrahman\b/, 'Abd el Rahman'],
    [/\bAbd Allah\b/, 'Abdallah'], [/\bAbdullah\b/, 'Abd Allah'], [/\bAbdallah\b/, 'Abdullah'],
    [/\b(?:Al|El)-(\w+)/, '$1'], [/\bAl(?=[bcdfghjklmnpqrstvwxyz]\w{2,})(\w+)/, 'Al $1'], [/\bBen Ali\b/, 'Benali'], [/\bBin Ali\b/, 'Ali'],
    [/\bAsh-Shami\b/, 'Shami'], [/\bBou Zid\b/, 'Bouzid'], [/\bBouzid\b/, 'Bou Zid'],
  ];
  for (const [pattern, replacement] of rules) if (pattern.test(name)) return name.replace(pattern, replacement);
  return null;
}

const DOB_SHIFTS: readonly DobShift[] = ['EXACT', 'EXACT', 'YEAR_MINUS', 'YEAR_PLUS', 'SWAP'];

export function generateEvalSet(): EvalQuery[] {
  const population = generateDemoPopulation({ prisoners: PRISONERS, now: new Date('2026-01-01T00:00:00Z'), seed: DEFAULT_DEMO_SEED });
  const namesOf = new Map<string, { value: string; script: string }[]>();
  for (const n of population.prisonerNames) {
    let list = namesOf.get(n.prisoner_id);
    if (!list) namesOf.set(n.prisoner_id, list = []);
    list.push({ value: n.value, script: n.script });
  }
  const nativeOf = (id: string): string | undefined => namesOf.get(id)?.find((n) => n.script === 'ARABIC')?.value;
  const nativeCount = new Map<string, number>();
  for (const p of population.prisoners) {
    const key = nativeOf(p.id) ?? p.full_name.toLowerCase();
    nativeCount.set(key, (nativeCount.get(key) ?? 0) + 1);
  }
  const rng = createRandom(15);
  const order = rng.shuffle(population.prisoners);
  const used = new Set<string>();
  const queries: EvalQuery[] = [];
  const push = (category: EvalCategory, name: string, target: string | null, dob: EvalQuery['dob']) => {
    queries.push({ id: queries.length + 1, category, name, target, dob });
    if (target) used.add(target);
  };
  const dobOf = (id: string): EvalQuery['dob'] => ({ of: id, shift: rng.pick(DOB_SHIFTS) });
  const take = (category: EvalCategory, make: (p: (typeof order)[number]) => string | null, withDob = true) => {
    let made = 0;
    for (const p of order) {
      if (made >= COUNTS[category]) break;
      if (used.has(p.id)) continue;
      const name = make(p);
      if (!name) continue;
      push(category, name, p.id, withDob ? dobOf(p.id) : null);
      made++;
    }
  };
  const stored = (id: string) => new Set((namesOf.get(id) ?? []).map((n) => n.value.toLowerCase()));

  take('ARABIC_TO_LATIN', (p) => {
    const native = nativeOf(p.id);
    const parts = native && partsOf(native);
    if (!parts) return null;
    const have = stored(p.id);
    for (let i = 0; i < 6; i++) {
      const name = parts.map((part) => rng.pick(part.latin)).join(' ');
      if (!have.has(name.toLowerCase())) return name;
    }
    return null;
  });
  take('ARABIC_SCRIPT_VARIANT', (p) => {
    const native = nativeOf(p.id);
    if (!native) return null;
    const name = arabicVariant(rng, native);
    return name === native ? null : name;
  });
  take('FRENCH_TRANSLITERATION', (p) => {
    const native = nativeOf(p.id);
    const parts = native && partsOf(native);
    return parts ? parts.map((part) => rng.pick(FRENCH_SPELLINGS[part.native] ?? part.latin)).join(' ') : null;
  });
  take('TYPO', (p) => {
    const name = typo(rng, p.full_name);
    return name === p.full_name ? null : name;
  });
  take('REORDERED', (p) => {
    const parts = p.full_name.split(' ');
    if (parts.length < 2) return null;
    return [parts[parts.length - 1]!.toUpperCase(), ...parts.slice(0, -1)].join(' ');
  });
  take('PARTICLES', (p) => {
    const native = nativeOf(p.id);
    const parts = native && partsOf(native);
    const english = parts ? parts.map((part) => rng.pick(ENGLISH_APART[part.native] ?? part.latin)).join(' ') : null;
    return particleVariant(p.full_name) ?? (english && english !== p.full_name && /\b(Abdul|Abdur|Abd|Al|Ash|At|Az) /.test(english) ? english : null);
  });
  take('NAME_ONLY_UNIQUE', (p) => {
    const native = nativeOf(p.id);
    if (!native || nativeCount.get(native) !== 1) return null;
    const parts = partsOf(native);
    return parts ? parts.map((part) => rng.pick(part.latin)).join(' ') : null;
  }, false);

  // Names nobody holds: a given name and a family name never drawn together.
  const held = new Set(population.prisonerNames.filter((n) => n.script === 'ARABIC').map((n) => n.value));
  let absent = 0;
  for (let attempt = 0; absent < COUNTS.NON_MATCHING_NAME && attempt < 10_000; attempt++) {
    const given = rng.pick([...ARABIC_MALE, ...ARABIC_FEMALE]);
    const middle = rng.pick(ARABIC_MALE);
    const family = rng.pick(ARABIC_FAMILY);
    const native = `${given.native} ${middle.native} ${family.native}`;
    if (held.has(native) || [...held].some((h) => h.startsWith(`${given.native} `) && h.endsWith(` ${family.native}`) && h.includes(middle.native))) continue;
    held.add(native);
    push('NON_MATCHING_NAME', `${rng.pick(given.latin)} ${rng.pick(middle.latin)} ${rng.pick(family.latin)}`, null, null);
    absent++;
  }
  // A real person's name with a date of birth seven years off: nobody of that name was born then.
  let farDates = 0;
  for (const p of order) {
    if (farDates >= COUNTS.NON_MATCHING_DATE) break;
    const native = nativeOf(p.id);
    if (!native || used.has(p.id) || (nativeCount.get(native) ?? 0) !== 1) continue;
    push('NON_MATCHING_DATE', p.full_name, null, { of: p.id, shift: 'FAR' });
    used.add(p.id);
    farDates++;
  }
  return queries;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const queries = generateEvalSet();
  writeFileSync(EVAL_SET_FILE, `${JSON.stringify({ prisoners: PRISONERS, seed: DEFAULT_DEMO_SEED, counts: COUNTS, queries }, null, 1)}\n`);
  console.log(`wrote ${queries.length} queries to ${EVAL_SET_FILE}`);
}
