/**
 * Name parts as they are matched: the particles that transliterations write joined, apart or
 * not at all are resolved, so "Abd al-Rahman", "Abdul Rahman", "Abdulrahman" and
 * "Abderrahmane" are one part, and "Al Hassan", "Al-Hassan" and "Hassan" another.
 *
 * - Connectives of descent (bin, ben, ibn, bint, ould; بن ابن بنت ولد) and the article (al, el,
 *   ul; ال) carry no identity: dropped. The article assimilated to a sun letter ("ash-Shami",
 *   "ar-Rahman", "as-Sayed") is dropped when the next part starts with its consonant.
 * - Abd ("servant of", عبد) is one name with the part it governs: "abd" + that part, its
 *   article dropped, whether written apart ("Abd Allah", "Abdel Kader") or joined
 *   ("Abdallah", "Abdelkader", "Abderrahmane").
 * - Abu / Abou / Bou ("father of", ابو بو) likewise joins the part after it.
 * - A joined article or connective that may also be the start of an ordinary name
 *   ("Alhassan" / "Albert", "Benali" / "Benjamin") is kept, with the part without it as an
 *   alternative form.
 *
 * Input: the parts of a normalised name (normalise.ts), in one script.
 */

export interface ResolvedPart {
  /** The part as matched (forms[0]) and alternative readings. */
  forms: string[];
}

const LATIN_DROPPED = new Set(['al', 'el', 'ul', 'il', 'bin', 'ben', 'ibn', 'bint', 'bent', 'ould', 'wuld', 'walad', 'ibnu']);
/** Articles assimilated to a sun letter: dropped before a part starting with their consonant. */
const LATIN_SUN_ARTICLES = new Map([
  ['ad', 'd'], ['an', 'n'], ['ar', 'r'], ['as', 's'], ['ash', 'sh'], ['at', 't'], ['az', 'z'], ['ath', 'th'], ['adh', 'dh'],
  ['ed', 'd'], ['en', 'n'], ['er', 'r'], ['es', 's'], ['esh', 'sh'], ['et', 't'], ['ez', 'z'],
  ['ud', 'd'], ['un', 'n'], ['ur', 'r'], ['us', 's'], ['ush', 'sh'], ['ut', 't'], ['uz', 'z'],
]);
const LATIN_ABD = new Set(['abd', 'abdul', 'abdel', 'abdal', 'abdoul', 'abdol', 'abdil', 'abdu', 'abdou', 'abdur', 'abder', 'abdar', 'abdus', 'abdes']);
const LATIN_ABU = new Set(['abu', 'abou', 'abo', 'bou', 'bu']);

const ARABIC_DROPPED = new Set(['بن', 'ابن', 'بنت', 'ولد']);
const ARABIC_ABD = 'عبد';
const ARABIC_ABU = new Set(['ابو', 'بو']);
const ARABIC_ARTICLE = 'ال';

/** A joined article left after "abd": Abd|ul|lah, Abd|el|kader, Abd|er|rahmane (assimilated). */
function stripLatinArticle(rest: string): string {
  const lateral = /^(?:ou|[aeiou])l(?=[a-z]{2,})/;
  if (lateral.test(rest)) return rest.replace(lateral, '');
  const assimilated = /^(?:ou|[aeiou])([rsztdn])(?=\1[a-z]{2,})/;
  return rest.replace(assimilated, '');
}

function stripArabicArticle(part: string): string {
  return part.startsWith(ARABIC_ARTICLE) && part.length > 3 ? part.slice(ARABIC_ARTICLE.length) : part;
}

function resolveLatin(parts: readonly string[]): ResolvedPart[] {
  const out: ResolvedPart[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (LATIN_DROPPED.has(part)) continue;
    const sun = LATIN_SUN_ARTICLES.get(part);
    if (sun && next && next.startsWith(sun)) continue;
    if (LATIN_ABD.has(part) || LATIN_ABU.has(part)) {
      // Skip an article written apart ("Abd al-Rahman", "Abd ar-Rahman").
      let j = i + 1;
      while (j < parts.length && (LATIN_DROPPED.has(parts[j]!) || (LATIN_SUN_ARTICLES.has(parts[j]!) && parts[j + 1]?.startsWith(LATIN_SUN_ARTICLES.get(parts[j]!)!)))) j++;
      const governed = parts[j];
      if (governed) {
        out.push({ forms: [LATIN_ABD.has(part) ? `abd${stripLatinArticle(governed)}` : `${part}${governed}`] });
        i = j;
        continue;
      }
    }
    if (part.startsWith('abd') && part.length > 4) {
      out.push({ forms: [`abd${stripLatinArticle(part.slice(3))}`] });
      continue;
    }
    const forms = [part];
    const joinedArticle = /^(?:al|el)([^aeiou][a-z]{2,})$/.exec(part);
    if (joinedArticle) forms.push(joinedArticle[1]!);
    const joinedConnective = /^(?:ben|bin)([a-z]{3,})$/.exec(part);
    if (joinedConnective) forms.push(joinedConnective[1]!);
    out.push({ forms });
  }
  return out;
}

function resolveArabic(parts: readonly string[]): ResolvedPart[] {
  const out: ResolvedPart[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (ARABIC_DROPPED.has(part)) continue;
    if ((part === ARABIC_ABD || ARABIC_ABU.has(part)) && next) {
      out.push({ forms: [`${part}${stripArabicArticle(next)}`] });
      i++;
      continue;
    }
    if (part.startsWith(ARABIC_ABD) && part.length > ARABIC_ABD.length + 1) {
      out.push({ forms: [`${ARABIC_ABD}${stripArabicArticle(part.slice(ARABIC_ABD.length))}`] });
      continue;
    }
    out.push({ forms: [stripArabicArticle(part)] });
  }
  return out;
}

/**
 * The parts of a name as matched. A name made only of particles ("Ben", "Al") keeps them:
 * nothing else identifies it.
 */
export function resolveParticles(parts: readonly string[], script: 'ARABIC' | 'OTHER'): ResolvedPart[] {
  const resolved = script === 'ARABIC' ? resolveArabic(parts) : resolveLatin(parts);
  return resolved.length > 0 ? resolved : parts.map((part) => ({ forms: [part] }));
}
