import type { AssessmentDomainRating } from '../entities/risk-assessment.entity.js';
import type {
  Gender, GradingScheme, IntelligencePriority, InterventionStatus, LicenceConditionType, NameKind, NameScript,
  ReleaseType, RiskFlagBasis, RiskFlagCategory, RiskFlagStatus, RiskLevel, Tlp, VepStatus,
} from '../domain/enums.js';
import { extraArabicVariants } from './demo-name-variants.js';
import { createRandom, type Random } from './random.js';
import type {
  DemoPopulation, DemoPopulationOptions, FacilityRow, HandlingColumns,
  IntelligenceReportRow, IntelligenceReportSubjectRow, InterventionRow, LicenceConditionRow,
  PrisonerRow, ReleasePlanRow, RiskAssessmentRow, RiskFlagRow,
} from './demo-rows.js';
import {
  ARABIC_FAMILY, ARABIC_FEMALE, ARABIC_MALE, ARABIC_NATIONALITIES, ARABIC_ORIGIN_RELIGIONS,
  CONCERN_FLAG_CATEGORIES, CYRILLIC_FAMILY, CYRILLIC_MALE, CYRILLIC_NATIONALITIES, DEPENDANT_PHRASES,
  DOMAIN_RATINGS, ERG_DOMAINS, FACILITY_FOR_CATEGORY, FLAG_SUMMARIES, GENERAL_FLAG_CATEGORIES,
  GENERAL_INTERVENTIONS, GENERAL_LICENCE_CONDITIONS, HEALTH_NOTES, INTELLIGENCE_TEXT, LATIN_ORIGINS,
  LICENCE_DETAILS, NARRATIVE_NOTES, OVERALL_LEVEL, PLACEMENTS, POST_RELEASE_SERVICES, PROGRAMMES,
  RISK_LEVEL_ORDER, SECURITY_CATEGORY, SESSION_NOTES, SHAREABLE_SUMMARY_NOTES, STREETS, ScriptName, TOWNS,
  UK_3X5X2_ASSESSMENTS, VEP_FLAG_CATEGORIES, VEP_INTERVENTIONS, VEP_LICENCE_CONDITIONS, VERA_DOMAINS, Weights,
} from './demo-vocabulary.js';

/**
 * The synthetic prisoner population of the demo data set (docs/architecture.md §2.6), as plain rows
 * keyed by the GatewayCore migration's column names. Pure: no database, no clock (everything
 * is relative to `options.now`), no global randomness.
 *
 * Determinism: for a given seed and size the same rows come out, and the random draws never
 * depend on `now` — so the ids (and every non-date value) are the same whenever the demo is
 * loaded, and a demo prisoner can be named by id in documentation and bug reports.
 *
 * Every person, address, note and report here is invented. Free text carries a
 * "[SYNTHETIC]" marker so that a leak of, say, health notes is easy to spot in a response.
 * VEP status is drawn independently of name origin, religion and ethnicity: the demo must not
 * teach anyone a stereotype.
 */

/** The demo's seed; `liaison seed` defaults to it too, so `npm start` and the CLI load the same data. */
export const DEFAULT_DEMO_SEED = 1;
export const DEFAULT_DEMO_PRISONERS = 240;
export const PRISONS_AGENCY = 'PRISONS';
export const POLICE_AGENCY = 'POLICE';

export type { ClassificationRow, DemoPopulation, DemoPopulationOptions, FacilityRow, HandlingColumns, IntelligenceReportRow, IntelligenceReportSubjectRow, InterventionRow, LicenceConditionRow, PrisonerNameRow, PrisonerRow, ReleasePlanRow, RiskAssessmentRow, RiskFlagRow } from './demo-rows.js';
// ---------------------------------------------------------------------------------------------
// Dates: DATE columns are 'YYYY-MM-DD' in UTC (as the policy engine's $daysFromNow computes
// them); timestamps keep millisecond precision (timestamptz(3)).
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** Memo of dateFromNow for the latest `now` (a pure function's cache: results never differ). */
const dateCache = new Map<number, Map<number, string>>();

/** The UTC calendar date `days` after (negative: before) `now`. */
export function dateFromNow(now: Date, days: number): string {
  const time = now.getTime();
  let cache = dateCache.get(time);
  if (!cache) {
    // Millions of calls for a large population fall on a few thousand distinct days.
    cache = new Map();
    dateCache.clear();
    dateCache.set(time, cache);
  }
  let date = cache.get(days);
  if (date === undefined) {
    date = new Date(time + days * DAY_MS).toISOString().slice(0, 10);
    cache.set(days, date);
  }
  return date;
}

/** A past instant `days` whole days before now, at a random time of that day (ms precision). */
function instantDaysAgo(rng: Random, now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS - rng.int(0, DAY_MS - 1));
}

/** Whole days from `now` back to `at` (≥ 0). */
const daysBefore = (now: Date, at: Date): number => Math.floor((now.getTime() - at.getTime()) / DAY_MS);

/** Splits n into integer counts proportional to the weights (largest-remainder method). */
export function apportion<T>(n: number, entries: readonly (readonly [T, number])[]): Map<T, number> {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  const exact = entries.map(([value, w]) => ({ value, exact: (n * w) / total }));
  const counts = new Map(exact.map(({ value, exact: e }) => [value, Math.floor(e)] as [T, number]));
  let left = n - [...counts.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...exact].sort((a, b) => (b.exact % 1) - (a.exact % 1));
  for (const { value } of byRemainder) {
    if (left <= 0) break;
    counts.set(value, counts.get(value)! + 1);
    left--;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The mixes the acceptance journeys rely on (docs/architecture.md §2.6 and the seeding brief).
// ---------------------------------------------------------------------------------------------

/** The statuses the PRISONS → POLICE MoU shares. */
const SHARED_VEP: ReadonlySet<VepStatus> = new Set(['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP']);
const isSharedVep = (status: VepStatus): boolean => SHARED_VEP.has(status);

const VEP_MIX: readonly (readonly [VepStatus, number])[] = [
  ['TERRORISM_CONVICTION', 10], ['TERRORISM_CONNECTED', 8], ['ASSESSED_VEP', 10], ['OF_CONCERN', 12], ['NONE', 60],
];

/**
 * Release buckets, chosen to sit clear of the MoU boundaries (0, 90, 180 days) so that a demo
 * seeded one day still falls in the same bucket the next day.
 */
type ReleaseBucket = 'DUE_90' | 'DUE_180' | 'LATER' | 'REMAND';
const RELEASE_MIX: readonly (readonly [ReleaseBucket, number])[] = [
  ['DUE_90', 15], ['DUE_180', 15], ['LATER', 60], ['REMAND', 10],
];
const RELEASE_DAYS: Readonly<Record<Exclude<ReleaseBucket, 'REMAND'>, readonly [number, number]>> = {
  DUE_90: [2, 88],
  DUE_180: [93, 177],
  LATER: [185, 3650],
};

export const DEMO_FACILITIES: readonly Omit<FacilityRow, 'id' | 'owner_agency_code'>[] = [
  { code: 'HMP-NORTHGATE', name: 'HMP Northgate', security_level: 'MAXIMUM' },
  { code: 'HMP-RIVERSIDE', name: 'HMP Riverside', security_level: 'HIGH' },
  { code: 'HMP-EASTFIELD', name: 'HMP Eastfield', security_level: 'MEDIUM' },
];

export const SUPERVISING_OFFICES = ['PROBATION-NORTH', 'PROBATION-CENTRAL', 'PROBATION-SOUTH', 'PROBATION-WEST'] as const;

// ---------------------------------------------------------------------------------------------
// Generation.
// ---------------------------------------------------------------------------------------------

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Prison numbers like A1234BC; the first letter skewed as real series are. */
const PRISON_NUMBER_PREFIXES = ['A', 'A', 'B', 'B', 'C', 'G'];
/** National-insurance-style prefixes (no D, F, I, Q, U or V). */
const NI_LETTERS = 'ABCEGHJKLMNPRSTWXYZ';

function syntheticText(text: string): string {
  return `[SYNTHETIC] ${text}`;
}

/** Draws a value not in `taken` (and records it); the generators' space is far larger than N. */
function unique(taken: Set<string>, draw: () => string): string {
  for (;;) {
    const value = draw();
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

interface Profile {
  vep: VepStatus;
  bucket: ReleaseBucket;
  red: boolean;
}

/**
 * Who is who: exact proportions of VEP status and release bucket, shuffled, with every
 * (VEP status × bucket) pair present when the population is big enough — the acceptance
 * journeys need, e.g., a convicted terrorist due for release within 90 days. A few pins are
 * RED-marked prisoners in the places where they prove TLP limits (a VEP; due within 180 days).
 */
function drawProfiles(rng: Random, count: number): Profile[] {
  const vepPool = new Map(apportion(count, VEP_MIX));
  const bucketPool = new Map(apportion(count, RELEASE_MIX));
  const pinned: Profile[] = [];
  const pin = (vep: VepStatus, bucket: ReleaseBucket, red: boolean): void => {
    if ((vepPool.get(vep) ?? 0) < 1 || (bucketPool.get(bucket) ?? 0) < 1) return;
    vepPool.set(vep, vepPool.get(vep)! - 1);
    bucketPool.set(bucket, bucketPool.get(bucket)! - 1);
    pinned.push({ vep, bucket, red });
  };
  for (const [vep] of VEP_MIX) for (const [bucket] of RELEASE_MIX) pin(vep, bucket, false);
  pin('TERRORISM_CONVICTION', 'LATER', true);
  pin('ASSESSED_VEP', 'DUE_90', true);
  pin('NONE', 'DUE_180', true);

  const expand = <T>(pool: Map<T, number>): T[] => [...pool].flatMap(([value, k]) => Array<T>(k).fill(value));
  const veps = rng.shuffle(expand(vepPool));
  const buckets = rng.shuffle(expand(bucketPool));
  const rest = veps.map((vep, i): Profile => ({ vep, bucket: buckets[i]!, red: rng.chance(0.03) }));
  return rng.shuffle([...pinned, ...rest]);
}

interface Identity {
  /** The parts of an Arabic-script name (given first, family last), for further variants. */
  arabicParts?: readonly ScriptName[];
  fullName: string;
  names: { value: string; script: NameScript; kind: NameKind }[];
  nationality: string;
  ethnicity: string;
  religion: readonly (readonly [string, number])[];
}

/** All Latin spellings of a multi-part name (the cartesian product of each part's spellings). */
function spellings(parts: readonly ScriptName[]): string[] {
  return parts.reduce<string[]>(
    (acc, part) => acc.flatMap((prefix) => part.latin.map((p) => (prefix ? `${prefix} ${p}` : p))),
    [''],
  );
}

/**
 * A name in its own script with a Latin primary form (full_name) and 1–2 other
 * transliterations, e.g. محمد عثمان → "Mohamed Osman", also "Muhammad Uthman".
 */
function scriptIdentity(rng: Random, parts: readonly ScriptName[], script: NameScript): Pick<Identity, 'fullName' | 'names'> {
  const all = rng.shuffle(spellings(parts));
  const fullName = all[0]!;
  const variants = all.slice(1, 1 + rng.int(1, 2));
  return {
    fullName,
    names: [
      { value: fullName, script: 'LATIN', kind: 'PRIMARY' },
      { value: parts.map((p) => p.native).join(' '), script, kind: 'PRIMARY' },
      ...variants.map((value) => ({ value, script: 'LATIN' as const, kind: 'TRANSLITERATION' as const })),
    ],
  };
}

function drawIdentity(rng: Random, gender: Gender): Identity {
  const origin = rng.weighted<'ARABIC' | 'CYRILLIC' | 'LATIN'>([['ARABIC', 53], ['CYRILLIC', gender === 'MALE' ? 5 : 0], ['LATIN', 45]]);
  if (origin === 'ARABIC') {
    const given = rng.pick(gender === 'FEMALE' ? ARABIC_FEMALE : ARABIC_MALE);
    // A patronymic middle name (the father's given name) for some, as on many Arab documents.
    const parts = rng.chance(0.3) ? [given, rng.pick(ARABIC_MALE), rng.pick(ARABIC_FAMILY)] : [given, rng.pick(ARABIC_FAMILY)];
    const identity = scriptIdentity(rng, parts, 'ARABIC');
    // A kunya ("Abu Yusuf", father of Yusuf) used as an alias by some men.
    if (gender === 'MALE' && rng.chance(0.12)) {
      identity.names.push({ value: `Abu ${rng.pick(ARABIC_MALE).latin[0]!}`, script: 'LATIN', kind: 'ALIAS' });
    }
    const nationality = rng.weighted(ARABIC_NATIONALITIES);
    return { ...identity, arabicParts: parts, nationality, ethnicity: rng.chance(0.85) ? 'Arab' : 'Other — any other ethnic group', religion: ARABIC_ORIGIN_RELIGIONS };
  }
  if (origin === 'CYRILLIC') {
    const given = rng.pick(CYRILLIC_MALE);
    const identity = scriptIdentity(rng, [given, rng.pick(CYRILLIC_FAMILY)], 'CYRILLIC');
    const nationality = rng.weighted(CYRILLIC_NATIONALITIES);
    const religion: Weights<string> = given.native === 'Магомед' || given.native === 'Рустам' || given.native === 'Тимур'
      ? [['Muslim', 80], ['No religion', 20]]
      : [['Christian — Orthodox', 60], ['No religion', 40]];
    return { ...identity, nationality, ethnicity: 'White — Other', religion };
  }
  const o = rng.weighted(LATIN_ORIGINS);
  const fullName = `${rng.pick(gender === 'FEMALE' ? o.female : o.male)} ${rng.pick(o.family)}`;
  const names: Identity['names'] = [{ value: fullName, script: 'LATIN', kind: 'PRIMARY' }];
  if (rng.chance(0.1)) {
    names.push({ value: `${rng.pick(gender === 'FEMALE' ? o.female : o.male)} ${rng.pick(o.family)}`, script: 'LATIN', kind: 'ALIAS' });
  }
  const nationality = o.nationality === 'GBR' || rng.chance(0.85) ? o.nationality : 'GBR';
  return { fullName, names, nationality, ethnicity: rng.pick(o.ethnicity), religion: o.religion };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The handling marks for a record, from a TLP mix (handling code: none; onward: mostly NONE). */
function handling(rng: Random, tlps: Weights<Tlp>, onwardConsent = 0.08): HandlingColumns {
  return {
    tlp: rng.weighted(tlps),
    handling_code: null,
    onward_disclosure: rng.chance(onwardConsent) ? 'WITH_ORIGINATOR_CONSENT' : 'NONE',
  };
}

const FLAG_TLPS: Weights<Tlp> = [['GREEN', 25], ['AMBER', 58], ['AMBER_STRICT', 12], ['RED', 5]];
const ASSESSMENT_TLPS: Weights<Tlp> = [['GREEN', 5], ['AMBER', 80], ['AMBER_STRICT', 12], ['RED', 3]];
const PLAN_TLPS: Weights<Tlp> = [['AMBER', 90], ['AMBER_STRICT', 6], ['RED', 4]];
const RECORD_TLPS: Weights<Tlp> = [['GREEN', 10], ['AMBER', 85], ['AMBER_STRICT', 5]];
const REPORT_TLPS: Weights<Tlp> = [['AMBER', 55], ['AMBER_STRICT', 35], ['RED', 10]];

const FLAG_COUNT: Readonly<Record<VepStatus, Weights<number>>> = {
  // Means ≈ 4.9 (shared VEPs), 4.2 (of concern), 3.5 (none): about 4 per prisoner overall.
  TERRORISM_CONVICTION: [[2, 10], [3, 15], [4, 20], [5, 20], [6, 15], [7, 10], [8, 10]],
  TERRORISM_CONNECTED: [[2, 10], [3, 15], [4, 20], [5, 20], [6, 15], [7, 10], [8, 10]],
  ASSESSED_VEP: [[2, 10], [3, 15], [4, 20], [5, 20], [6, 15], [7, 10], [8, 10]],
  OF_CONCERN: [[1, 8], [2, 12], [3, 15], [4, 20], [5, 20], [6, 15], [7, 10]],
  NONE: [[0, 8], [1, 10], [2, 15], [3, 17], [4, 18], [5, 15], [6, 10], [7, 5], [8, 2]],
};

const SEVERITY: Weights<RiskLevel> = [['LOW', 25], ['MODERATE', 40], ['HIGH', 25], ['VERY_HIGH', 10]];
const VEP_SEVERITY: Weights<RiskLevel> = [['MODERATE', 25], ['HIGH', 50], ['VERY_HIGH', 25]];

function basisFor(rng: Random, category: RiskFlagCategory, vep: VepStatus): RiskFlagBasis {
  if (category === 'RADICALISATION_INFLUENCE' || category === 'WEAPONS_EXPLOSIVES_SKILLS') {
    return vep === 'TERRORISM_CONVICTION'
      ? rng.weighted([['CONVICTION', 50], ['STRUCTURED_ASSESSMENT', 30], ['GRADED_INTELLIGENCE', 20]])
      : rng.weighted([['STRUCTURED_ASSESSMENT', 40], ['GRADED_INTELLIGENCE', 40], ['OBSERVATION', 20]]);
  }
  if (category === 'VIOLENCE' || category === 'HOSTAGE_TAKING') {
    return rng.weighted([['ADJUDICATED_INCIDENT', 45], ['CONVICTION', 30], ['OBSERVATION', 15], ['GRADED_INTELLIGENCE', 10]]);
  }
  return rng.weighted([['OBSERVATION', 40], ['ADJUDICATED_INCIDENT', 20], ['GRADED_INTELLIGENCE', 25], ['STRUCTURED_ASSESSMENT', 15]]);
}

interface FlagContext {
  rng: Random;
  now: Date;
  prisonerId: string;
  vep: VepStatus;
}

/**
 * One risk flag. Status ≈ 70% ACTIVE, 20% EXPIRED, 10% WITHDRAWN; raised in the past three
 * years; an active flag's review date is mostly ahead, sometimes past (a stale flag, which
 * the UI must show as stale); an expired flag's review date lies between raising and now.
 */
function drawFlag(ctx: FlagContext, forced?: { category: RiskFlagCategory; status: RiskFlagStatus }): RiskFlagRow {
  const { rng, now, vep } = ctx;
  const categories = isSharedVep(vep) ? VEP_FLAG_CATEGORIES : vep === 'OF_CONCERN' ? CONCERN_FLAG_CATEGORIES : GENERAL_FLAG_CATEGORIES;
  const category = forced?.category ?? rng.weighted(categories);
  const status = forced?.status ?? rng.weighted<RiskFlagStatus>([['ACTIVE', 70], ['EXPIRED', 20], ['WITHDRAWN', 10]]);
  const severity = rng.weighted(isSharedVep(vep) && category !== 'SELF_HARM' ? VEP_SEVERITY : SEVERITY);
  const raisedDaysAgo = rng.int(1, 3 * 365);
  const raisedAt = instantDaysAgo(rng, now, raisedDaysAgo);
  const pastSinceRaised = (): string => dateFromNow(now, -rng.int(0, raisedDaysAgo - 1));
  let reviewDate: string | null;
  if (status === 'ACTIVE') {
    reviewDate = rng.chance(0.85) ? dateFromNow(now, rng.int(7, 365)) : dateFromNow(now, -rng.int(1, Math.min(120, raisedDaysAgo)));
  } else if (status === 'EXPIRED') {
    reviewDate = pastSinceRaised();
  } else {
    reviewDate = rng.chance(0.5) ? pastSinceRaised() : null;
  }
  // Last touched somewhere between raising and now: `updatedSince` filters find a spread.
  const updatedAt = new Date(raisedAt.getTime() + Math.floor(rng.next() * (now.getTime() - raisedAt.getTime())));
  return {
    id: rng.uuid(),
    owner_agency_code: PRISONS_AGENCY,
    prisoner_id: ctx.prisonerId,
    category,
    severity,
    status,
    basis: basisFor(rng, category, vep),
    summary: syntheticText(rng.pick(FLAG_SUMMARIES[category])),
    raised_at: raisedAt,
    review_date: reviewDate,
    ...handling(rng, FLAG_TLPS),
    created_at: raisedAt,
    updated_at: updatedAt,
  };
}

function drawAssessments(rng: Random, now: Date, prisonerId: string, vep: VepStatus): RiskAssessmentRow[] {
  const count = rng.weighted(isSharedVep(vep) ? [[1, 25], [2, 40], [3, 35]] : [[0, 5], [1, 20], [2, 45], [3, 30]]);
  const rows: RiskAssessmentRow[] = [];
  let daysAgo = rng.int(5, 300); // the latest first, then each earlier one 5–13 months before
  for (let i = 0; i < count; i++) {
    const vera = rng.chance(0.6);
    const level = rng.weighted(OVERALL_LEVEL[vep]);
    // Domain ratings scatter around the overall judgement (VERY_HIGH overall: centred on HIGH).
    const centre = Math.min(2, RISK_LEVEL_ORDER.indexOf(level));
    const domains = (vera ? VERA_DOMAINS : ERG_DOMAINS).map((code): AssessmentDomainRating => ({
      code,
      rating: DOMAIN_RATINGS[Math.min(2, Math.max(0, centre + rng.int(-1, 1)))]!,
    }));
    const assessedAt = instantDaysAgo(rng, now, daysAgo);
    const reviewInterval = level === 'HIGH' || level === 'VERY_HIGH' ? 180 : 365;
    const tool = vera ? 'VERA-2R' : 'ERG22+';
    rows.push({
      id: rng.uuid(),
      owner_agency_code: PRISONS_AGENCY,
      prisoner_id: prisonerId,
      tool,
      tool_version: vera ? '2' : '1',
      assessor: `Forensic psychologist FP-${pad(rng.int(1, 60), 3)}`,
      assessed_at: assessedAt,
      overall_level: level,
      domains,
      shareable_summary: syntheticText(`${tool} review: overall ${level.toLowerCase().replace('_', ' ')} risk. ${rng.pick(SHAREABLE_SUMMARY_NOTES)}`),
      narrative: `[SYNTHETIC — CONFIDENTIAL NARRATIVE] ${rng.pick(NARRATIVE_NOTES)} ${rng.pick(NARRATIVE_NOTES)}`,
      next_review_date: dateFromNow(now, reviewInterval - daysBefore(now, assessedAt)),
      ...handling(rng, ASSESSMENT_TLPS, 0.03),
    });
    daysAgo += rng.int(150, 400);
  }
  return rows;
}

function drawReleasePlan(rng: Random, prisoner: PrisonerRow): { plan: ReleasePlanRow; conditions: LicenceConditionRow[] } {
  const vep = prisoner.vep_status;
  const sharedVep = isSharedVep(vep);
  const releaseType: ReleaseType = prisoner.nationality !== 'GBR' && rng.chance(0.25)
    ? 'DEPORTATION'
    : rng.weighted<ReleaseType>(vep === 'TERRORISM_CONVICTION'
      ? [['END_OF_SENTENCE', 40], ['PAROLE', 40], ['AUTOMATIC', 20]]
      : sharedVep
        ? [['AUTOMATIC', 60], ['PAROLE', 25], ['END_OF_SENTENCE', 15]]
        : [['AUTOMATIC', 60], ['PAROLE', 15], ['END_OF_SENTENCE', 10], ['HOME_DETENTION_CURFEW', 15]]);
  const address = sharedVep && rng.chance(0.4)
    ? `Approved Premises, ${rng.int(1, 90)} ${rng.pick(STREETS)}, ${rng.pick(TOWNS)}`
    : `${rng.int(1, 220)} ${rng.pick(STREETS)}, ${rng.pick(TOWNS)} ${rng.pick(['NX', 'EB', 'WM', 'SF', 'KF'])}${rng.int(1, 20)} ${rng.int(1, 9)}${LETTERS[rng.int(0, 25)]}${LETTERS[rng.int(0, 25)]}`;
  const services = rng.sample(
    sharedVep ? POST_RELEASE_SERVICES : POST_RELEASE_SERVICES.filter((s) => s !== 'DESISTANCE_DISENGAGEMENT'),
    rng.weighted([[0, 15], [1, 35], [2, 35], [3, 15]]),
  );
  if (sharedVep && !services.includes('MENTORING') && rng.chance(0.6)) services.unshift('MENTORING');
  const plan: ReleasePlanRow = {
    id: rng.uuid(),
    owner_agency_code: PRISONS_AGENCY,
    prisoner_id: prisoner.id,
    expected_release_date: prisoner.expected_release_date!,
    release_type: releaseType,
    release_address: syntheticText(address),
    supervising_office: rng.pick(SUPERVISING_OFFICES),
    post_release_services: services,
    ...handling(rng, PLAN_TLPS, 0),
  };

  // 1–4 distinct conditions; approved residence first when present, as licences list it.
  const count = rng.int(1, 4);
  const types: LicenceConditionType[] = rng.chance(0.85) ? ['APPROVED_RESIDENCE'] : [];
  const pool = sharedVep ? VEP_LICENCE_CONDITIONS : GENERAL_LICENCE_CONDITIONS;
  while (types.length < count) {
    const type = rng.weighted(pool);
    if (!types.includes(type)) types.push(type);
  }
  const conditions = types.map((type, position): LicenceConditionRow => ({
    id: rng.uuid(),
    release_plan_id: plan.id,
    position,
    type,
    details: syntheticText(rng.pick(LICENCE_DETAILS[type])),
  }));
  return { plan, conditions };
}

function drawInterventions(rng: Random, now: Date, prisonerId: string, vep: VepStatus): InterventionRow[] {
  const vepLike = vep !== 'NONE';
  const count = rng.weighted(vepLike ? [[0, 10], [1, 35], [2, 35], [3, 20]] : [[0, 25], [1, 40], [2, 25], [3, 10]]);
  return Array.from({ length: count }, (): InterventionRow => {
    const kind = rng.weighted(vepLike ? VEP_INTERVENTIONS : GENERAL_INTERVENTIONS);
    const status = rng.weighted<InterventionStatus>([['REFERRED', 15], ['ACTIVE', 35], ['COMPLETED', 40], ['WITHDRAWN', 10]]);
    const startedDaysAgo = rng.int(30, 900);
    const lengthDays = rng.int(20, Math.max(21, startedDaysAgo - 1));
    return {
      id: rng.uuid(),
      owner_agency_code: PRISONS_AGENCY,
      prisoner_id: prisonerId,
      programme: rng.pick(PROGRAMMES[kind]),
      kind,
      status,
      started_on: status === 'REFERRED' ? null : dateFromNow(now, -startedDaysAgo),
      ended_on: status === 'COMPLETED' || status === 'WITHDRAWN' ? dateFromNow(now, -startedDaysAgo + Math.min(lengthDays, startedDaysAgo - 1)) : null,
      session_notes: `[SYNTHETIC — CONFIDENTIAL SESSION NOTES] ${rng.pick(SESSION_NOTES)}`,
      ...handling(rng, RECORD_TLPS, 0),
    };
  });
}

interface Grading {
  grading_scheme: GradingScheme;
  source_evaluation: string;
  intelligence_assessment: string;
  handling_code: string;
}

function drawGrading(rng: Random, forcedHandling?: 'P' | 'C'): Grading {
  const scheme = forcedHandling ? 'UK_3X5X2' : rng.weighted<GradingScheme>([['UK_3X5X2', 85], ['EUROPOL', 10], ['UK_5X5X5', 5]]);
  switch (scheme) {
    case 'UK_3X5X2':
      return {
        grading_scheme: scheme,
        source_evaluation: rng.weighted([['1', 30], ['2', 50], ['3', 20]]),
        intelligence_assessment: rng.weighted(UK_3X5X2_ASSESSMENTS),
        handling_code: forcedHandling ?? (rng.chance(0.7) ? 'P' : 'C'),
      };
    case 'EUROPOL':
      return {
        grading_scheme: scheme,
        source_evaluation: rng.pick(['A', 'B', 'C', 'X']),
        intelligence_assessment: String(rng.int(1, 4)),
        handling_code: rng.pick(['H0', 'H1', 'H2', 'H3']),
      };
    case 'UK_5X5X5':
      return {
        grading_scheme: scheme,
        source_evaluation: rng.pick(['A', 'B', 'C', 'D', 'E']),
        intelligence_assessment: String(rng.int(1, 5)),
        handling_code: String(rng.int(1, 5)),
      };
  }
}

function drawSourceReference(rng: Random): string {
  const kind = rng.weighted([['CHIS', 70], ['TECH', 15], ['OPEN', 5], ['PARTNER', 10]]);
  return `${kind}-${pad(rng.int(1, 9999), 4)}`;
}

/**
 * Intelligence reports (≈ N/3), owned by POLICE, each about 1–3 prisoners, mostly VEPs. The
 * first reports are pinned so the journeys always find: a handling-code P and a C report about
 * a VEP, and a RED P report (above the POLICE → PRISONS clause's AMBER_STRICT limit).
 */
function drawIntelligence(rng: Random, now: Date, count: number, prisoners: readonly PrisonerRow[]): {
  reports: IntelligenceReportRow[];
  subjects: IntelligenceReportSubjectRow[];
} {
  const vepIds = prisoners.filter((p) => isSharedVep(p.vep_status)).map((p) => p.id);
  const concernIds = prisoners.filter((p) => p.vep_status !== 'NONE').map((p) => p.id);
  const allIds = prisoners.map((p) => p.id);
  const pins: readonly { handling: 'P' | 'C'; tlp: Tlp }[] = [
    { handling: 'P', tlp: 'AMBER' }, { handling: 'C', tlp: 'AMBER' }, { handling: 'P', tlp: 'RED' },
    { handling: 'P', tlp: 'AMBER_STRICT' }, { handling: 'C', tlp: 'RED' },
  ];
  const reports: IntelligenceReportRow[] = [];
  const subjects: IntelligenceReportSubjectRow[] = [];
  for (let i = 0; i < count; i++) {
    const pinnedSpec = pins[i];
    const grading = drawGrading(rng, pinnedSpec?.handling);
    const report: IntelligenceReportRow = {
      id: rng.uuid(),
      owner_agency_code: POLICE_AGENCY,
      ...grading,
      sanitised_text: syntheticText(rng.pick(INTELLIGENCE_TEXT)),
      source_reference: drawSourceReference(rng),
      priority: rng.weighted<IntelligencePriority>([['ROUTINE', 60], ['PRIORITY', 30], ['IMMEDIATE', 10]]),
      tlp: pinnedSpec?.tlp ?? rng.weighted(REPORT_TLPS),
      onward_disclosure: rng.chance(0.15) ? 'WITH_ORIGINATOR_CONSENT' : 'NONE',
      created_at: instantDaysAgo(rng, now, rng.int(1, 730)),
    };
    reports.push(report);
    const about = new Set<string>();
    const wanted = rng.weighted([[1, 60], [2, 30], [3, 10]]);
    // The first subject of a pinned report is a VEP, whatever the mix below would give.
    if (pinnedSpec && vepIds.length > 0) about.add(rng.pick(vepIds));
    for (let attempt = 0; about.size < Math.min(wanted, allIds.length) && attempt < 20; attempt++) {
      const pool = rng.weighted<readonly string[]>([[vepIds, 60], [concernIds, 25], [allIds, 15]]);
      if (pool.length > 0) about.add(rng.pick(pool));
    }
    for (const prisonerId of about) subjects.push({ report_id: report.id, prisoner_id: prisonerId });
  }
  return { reports, subjects };
}

/**
 * Makes sure at least one row satisfies `wanted`, by changing the first `candidate` if none
 * does. Uses no randomness, so ids stay independent of whether a fix was needed.
 */
function ensureSome<T>(rows: T[], wanted: (row: T) => boolean, candidate: (row: T) => boolean, change: (row: T) => void): void {
  if (rows.some(wanted)) return;
  const row = rows.find(candidate);
  if (row) change(row);
}

export function generateDemoPopulation(options: DemoPopulationOptions): DemoPopulation {
  const { now } = options;
  const count = options.prisoners;
  if (!Number.isInteger(count) || count < 0) throw new Error(`generateDemoPopulation: prisoners must be a non-negative integer, got ${count}`);
  if (Number.isNaN(now.getTime())) throw new Error('generateDemoPopulation: now is an invalid Date');

  // One independent stream per concern: tuning how flags are drawn does not change who the
  // prisoners are, nor their ids.
  const root = createRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const rngFacilities = root.fork();
  const rngProfiles = root.fork();
  const rngPrisoners = root.fork();
  const rngFlags = root.fork();
  const rngAssessments = root.fork();
  const rngPlans = root.fork();
  const rngInterventions = root.fork();
  const rngIntelligence = root.fork();
  // Forked last: further name variants (issue 15) change no other stream.
  const rngNameVariants = root.fork();

  const facilities: FacilityRow[] = DEMO_FACILITIES.map((f) => ({ id: rngFacilities.uuid(), owner_agency_code: PRISONS_AGENCY, ...f }));
  const profiles = drawProfiles(rngProfiles, count);

  const population: DemoPopulation = {
    facilities, prisoners: [], prisonerNames: [], classifications: [], riskFlags: [], riskAssessments: [],
    releasePlans: [], licenceConditions: [], interventions: [], intelligenceReports: [], intelligenceReportSubjects: [],
  };
  const prisonNumbers = new Set<string>();
  const nationalIds = new Set<string>();
  /** Each shared VEP's anchor flag (active radicalisation/violence): kept visible to the police clause. */
  const anchorFlags = new Set<string>();

  for (const profile of profiles) {
    const rng = rngPrisoners;
    const { vep, bucket } = profile;
    const gender: Gender = rng.chance(0.08) ? 'FEMALE' : 'MALE';
    const identity = drawIdentity(rng, gender);
    const id = rng.uuid();
    const releaseDays = bucket === 'REMAND' ? null : rng.int(...RELEASE_DAYS[bucket]);
    const category = rng.weighted(SECURITY_CATEGORY[vep]);
    const placement = isSharedVep(vep) ? rng.weighted(PLACEMENTS) : vep === 'OF_CONCERN' && rng.chance(0.2) ? 'INTEGRATION' : null;
    const decidedDaysAgo = rng.int(10, 700);

    const prisoner: PrisonerRow = {
      id,
      owner_agency_code: PRISONS_AGENCY,
      prison_number: unique(prisonNumbers, () => `${rng.pick(PRISON_NUMBER_PREFIXES)}${pad(rng.int(0, 9999), 4)}${LETTERS[rng.int(0, 25)]}${LETTERS[rng.int(0, 25)]}`),
      national_id: rng.chance(identity.nationality === 'GBR' ? 0.97 : 0.65)
        ? unique(nationalIds, () => `${NI_LETTERS[rng.int(0, NI_LETTERS.length - 1)]}${NI_LETTERS[rng.int(0, NI_LETTERS.length - 1)]}${pad(rng.int(0, 999_999), 6)}${'ABCD'[rng.int(0, 3)]}`)
        : null,
      full_name: identity.fullName,
      date_of_birth: dateFromNow(now, -(rng.int(19, 68) * 365 + rng.int(0, 364))),
      gender,
      nationality: identity.nationality,
      facility_id: facilities[FACILITY_FOR_CATEGORY[category]]!.id,
      custody_status: bucket === 'REMAND' ? 'REMAND' : rng.chance(0.07) ? 'RECALLED' : 'SENTENCED',
      vep_status: vep,
      expected_release_date: releaseDays === null ? null : dateFromNow(now, releaseDays),
      religion: rng.chance(0.92) ? rng.weighted(identity.religion) : null,
      ethnicity: rng.chance(0.9) ? identity.ethnicity : null,
      health_notes: rng.chance(0.85) ? syntheticText(rng.pick(HEALTH_NOTES)) : null,
      dependants: rng.chance(gender === 'FEMALE' ? 0.95 : 0.8) ? syntheticText(rng.pick(DEPENDANT_PHRASES)(rng)) : null,
      tlp: profile.red ? 'RED' : 'AMBER',
      handling_code: null,
      onward_disclosure: 'NONE',
    };
    population.prisoners.push(prisoner);
    for (const name of identity.names) population.prisonerNames.push({ id: rng.uuid(), prisoner_id: id, ...name });
    if (identity.arabicParts) {
      for (const name of extraArabicVariants(rngNameVariants, identity.arabicParts, identity.names.map((n) => n.value))) {
        population.prisonerNames.push({ id: rngNameVariants.uuid(), prisoner_id: id, ...name });
      }
    }
    population.classifications.push({
      id: rng.uuid(),
      owner_agency_code: PRISONS_AGENCY,
      prisoner_id: id,
      security_category: category,
      placement_approach: placement,
      decided_on: dateFromNow(now, -decidedDaysAgo),
      review_date: dateFromNow(now, -decidedDaysAgo + (category === 'MAXIMUM' ? 180 : 365)),
      ...handling(rng, RECORD_TLPS, 0),
    });

    const flagCtx: FlagContext = { rng: rngFlags, now, prisonerId: id, vep };
    const flagCount = rngFlags.weighted(FLAG_COUNT[vep]);
    for (let f = 0; f < flagCount; f++) {
      if (f === 0 && isSharedVep(vep)) {
        const anchor = drawFlag(flagCtx, {
          category: vep === 'TERRORISM_CONNECTED' ? rngFlags.pick(['RADICALISATION_INFLUENCE', 'VIOLENCE'] as const) : 'RADICALISATION_INFLUENCE',
          status: 'ACTIVE',
        });
        if (anchor.tlp === 'RED' || anchor.tlp === 'AMBER_STRICT') anchor.tlp = 'AMBER';
        anchorFlags.add(anchor.id);
        population.riskFlags.push(anchor);
      } else {
        population.riskFlags.push(drawFlag(flagCtx));
      }
    }
    population.riskAssessments.push(...drawAssessments(rngAssessments, now, id, vep));
    if (prisoner.expected_release_date !== null) {
      const { plan, conditions } = drawReleasePlan(rngPlans, prisoner);
      population.releasePlans.push(plan);
      population.licenceConditions.push(...conditions);
    }
    population.interventions.push(...drawInterventions(rngInterventions, now, id, vep));
  }

  const reportCount = count === 0 ? 0 : Math.max(1, Math.round(count / 3));
  const { reports, subjects } = drawIntelligence(rngIntelligence, now, reportCount, population.prisoners);
  population.intelligenceReports = reports;
  population.intelligenceReportSubjects = subjects;

  guaranteeShowcases(population, now, anchorFlags);
  return population;
}

/**
 * Rows the acceptance journeys need to find in any population big enough to hold them, even
 * if the draw happened not to produce them: RED and AMBER_STRICT active flags on shared VEPs
 * (above the police clause's AMBER limit), a RED active flag and a RED release plan of
 * prisoners due within 180 days (the probation clause's limit), and a stale active flag.
 */
function guaranteeShowcases(population: DemoPopulation, now: Date, anchorFlags: ReadonlySet<string>): void {
  const today = dateFromNow(now, 0);
  const horizon = dateFromNow(now, 180);
  const byId = new Map(population.prisoners.map((p) => [p.id, p]));
  const sharedVepFlag = (f: RiskFlagRow): boolean => isSharedVep(byId.get(f.prisoner_id)!.vep_status);
  const dueSoon = (f: RiskFlagRow): boolean => {
    const date = byId.get(f.prisoner_id)!.expected_release_date;
    return date !== null && date >= today && date <= horizon;
  };
  const changeable = (f: RiskFlagRow): boolean =>
    f.status === 'ACTIVE' && !anchorFlags.has(f.id) && f.tlp !== 'RED' && f.tlp !== 'AMBER_STRICT';

  for (const tlp of ['RED', 'AMBER_STRICT'] as const) {
    ensureSome(population.riskFlags,
      (f) => f.status === 'ACTIVE' && f.tlp === tlp && sharedVepFlag(f),
      (f) => changeable(f) && sharedVepFlag(f),
      (f) => { f.tlp = tlp; });
  }
  ensureSome(population.riskFlags,
    (f) => f.status === 'ACTIVE' && f.tlp === 'RED' && dueSoon(f),
    (f) => changeable(f) && dueSoon(f),
    (f) => { f.tlp = 'RED'; });
  ensureSome(population.riskFlags,
    (f) => f.status === 'ACTIVE' && f.review_date !== null && f.review_date < today,
    (f) => f.status === 'ACTIVE' && !anchorFlags.has(f.id),
    (f) => { f.review_date = dateFromNow(now, -30); });
  ensureSome(population.releasePlans,
    (p) => p.tlp === 'RED' && p.expected_release_date <= horizon,
    (p) => p.expected_release_date <= horizon,
    (p) => { p.tlp = 'RED'; });
}
