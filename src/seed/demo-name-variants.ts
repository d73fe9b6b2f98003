import type { NameKind, NameScript } from '../domain/enums.js';
import type { Random } from './random.js';
import type { ScriptName } from './demo-vocabulary.js';

/**
 * More of the ways partner administrations write one Arabic name (issue 15): French and
 * Maghreb or Sahel spellings (Youcef, Hocine, Abderrahmane, Oumar, Fatoumata), English ones
 * written apart (Abdul Rahman, Al Hassan), and the family name first in capitals, as French
 * administrative documents write it ("EL MASRI Mohamed"). Drawn from a stream of their own,
 * so that adding them changed no other value or id of the demo data.
 */

/** French-style spellings by the name in Arabic script. */
export const FRENCH_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  'محمد': ['Mouhamed', 'Mohamed', 'Mamadou'],
  'أحمد': ['Ahmed', 'Ahmadou'],
  'عبد الرحمن': ['Abderrahmane', 'Abderahmane'],
  'يوسف': ['Youcef', 'Youssouf'],
  'عمر': ['Oumar', 'Omar'],
  'علي': ['Aly', 'Ali'],
  'خالد': ['Khaled'],
  'إبراهيم': ['Brahim', 'Ibrahima'],
  'حسن': ['Hacen', 'Hassane'],
  'حسين': ['Hocine', 'Houcine'],
  'مصطفى': ['Moustapha', 'Mustapha'],
  'عبد الله': ['Abdellah', 'Abdoulaye'],
  'طارق': ['Tarek'],
  'سعيد': ['Saïd'],
  'كريم': ['Karim'],
  'ياسين': ['Yacine'],
  'بلال': ['Bilel'],
  'حمزة': ['Hamza'],
  'فيصل': ['Fayçal'],
  'إسماعيل': ['Smaïl', 'Ismaïl'],
  'فاطمة': ['Fatoumata', 'Fatma'],
  'عائشة': ['Aïcha', 'Aïssatou'],
  'مريم': ['Meriem', 'Mariama'],
  'خديجة': ['Khadidja'],
  'نور': ['Nour'],
  'زينب': ['Zineb'],
  'سارة': ['Sarah'],
  'ليلى': ['Leïla'],
  'الحسن': ['El Hassane', 'Elhassan'],
  'المصري': ['El Masri'],
  'الشامي': ['Chami', 'Echami'],
  'حداد': ['Haddad'],
  'منصور': ['Mansour'],
  'العلي': ['El Ali'],
  'قاسم': ['Kacem', 'Kassem'],
  'صالح': ['Salah', 'Saleh'],
  'عثمان': ['Othmane', 'Ousmane'],
  'الزهراني': ['Ezzahrani'],
  'حمدان': ['Hamdane'],
  'الخطيب': ['El Khatib'],
  'ناصر': ['Nacer', 'Nasser'],
  'بن علي': ['Benali', 'Ben Ali'],
  'الأنصاري': ['El Ansari'],
  'التميمي': ['Ettamimi', 'Tamimi'],
  'الجبوري': ['El Jbouri'],
  'بوزيد': ['Bouzid', 'Bou Zid'],
};

/** English spellings written apart or with the article spelt out. */
export const ENGLISH_APART: Readonly<Record<string, readonly string[]>> = {
  'عبد الرحمن': ['Abdul Rahman', 'Abdur Rahman'],
  'عبد الله': ['Abdul Lah', 'Abd Allah'],
  'الحسن': ['Al Hassan'],
  'المصري': ['Al Masri'],
  'الشامي': ['Ash-Shami'],
  'العلي': ['Al Ali'],
  'الزهراني': ['Az-Zahrani'],
  'الخطيب': ['Al Khatib'],
  'الأنصاري': ['Al Ansari'],
  'التميمي': ['At-Tamimi'],
  'الجبوري': ['Al Jubouri'],
};

export interface NameVariant {
  value: string;
  script: NameScript;
  kind: NameKind;
}

const spellingOf = (rng: Random, part: ScriptName, table: Readonly<Record<string, readonly string[]>>): string =>
  rng.pick(table[part.native] ?? part.latin);

/**
 * Further variants of an Arabic name (its parts, given name first, family name last), none
 * repeating `existing`: a French-style spelling (60 %), an English one with particles apart
 * (for names that have them, 50 %), the family name first (25 %).
 */
export function extraArabicVariants(rng: Random, parts: readonly ScriptName[], existing: readonly string[]): NameVariant[] {
  const seen = new Set(existing.map((v) => v.toLowerCase()));
  const out: NameVariant[] = [];
  const add = (value: string): void => {
    if (seen.has(value.toLowerCase())) return;
    seen.add(value.toLowerCase());
    out.push({ value, script: 'LATIN', kind: 'TRANSLITERATION' });
  };
  if (rng.chance(0.6)) add(parts.map((p) => spellingOf(rng, p, FRENCH_SPELLINGS)).join(' '));
  if (parts.some((p) => ENGLISH_APART[p.native]) && rng.chance(0.5)) add(parts.map((p) => spellingOf(rng, p, ENGLISH_APART)).join(' '));
  if (parts.length > 1 && rng.chance(0.25)) {
    const family = parts[parts.length - 1]!;
    add(`${spellingOf(rng, family, FRENCH_SPELLINGS).toUpperCase()} ${parts.slice(0, -1).map((p) => rng.pick(p.latin)).join(' ')}`);
  }
  return out;
}
