import type { SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { pageSize } from '../domain/input.js';
import { PrisonerEntity } from '../entities/index.js';
import type { VepStatus } from '../domain/enums.js';
import { badUserInput } from '../errors.js';
import { assertFilterable, fetchAccessible, fieldVisibleSql, RECORD_ALIAS } from '../enforcement/policed-reads.js';
import type { PageArgs } from '../enforcement/paging.js';
import type { RecordView } from '../enforcement/record-view.js';
import { NOTHING_SELECTED, readRecordsById } from '../enforcement/compiled-read/read-records.js';
import type { ConnectionSelection } from '../enforcement/compiled-read/selection.js';
import { decodeCursor, encodeCursor } from '../enforcement/compiled-read/opaque-cursor.js';
import { dateOfBirthMatch, toleratedDates } from '../names/core/date-of-birth.js';
import { nameKeys, type NameKeys, type PartKeys } from '../names/core/name-keys.js';
import { variantMatcher, type MatchMethod, type PartEquivalents } from '../names/core/ranking.js';
import { equivalentsOf } from '../names/store/given-name-equivalents.js';
import { candidateLookup } from './name-candidate-lookup.js';
import { similarForms } from '../names/store/name-part-forms.js';

/**
 * Finding a person across scripts and spellings: ranked candidates for a name (optionally a
 * date of birth and a nationality), each with the score and the reasons — which method
 * matched on which of the person's recorded name variants. A candidate is not an
 * identification: the officer judges the match.
 *
 * Under policy, in one statement: the candidates are the prisoners the caller may read
 * (`fetchAccessible` adds the row predicate), and a name variant counts only where the caller
 * may see the field it is held in (`fullName` or `names`) on that very row
 * (`fieldVisibleSql`) — a match on a hidden variant would reveal it. The same decision is
 * checked again in memory (fail closed). This candidate statement only chooses and ranks ids
 * (the one place outside the compiled read that selects prisoners under policy); the records a
 * page returns are read and presented by the compiled read (docs/architecture.md §3.2) with the
 * GraphQL selection of the results, so relations, masks and disclosures are those of every list.
 */

export interface PersonSearchTerms {
  name: string;
  /** YYYY-MM-DD; matched exactly, a year either side, or with day and month swapped. */
  dateOfBirth?: string | null;
  /** ISO 3166-1 alpha-3; candidates of another known nationality are left out. */
  nationality?: string | null;
}

/** The other filters of `prisoners(filter: {name, …})`, applied to the candidates. */
export interface CandidateFilter {
  prisonNumber?: string | null;
  nationalId?: string | null;
  vepStatus?: VepStatus[] | null;
  facilityCode?: string | null;
  changedSince?: Date | null;
}

export type ReasonMethod = MatchMethod | 'DATE_OF_BIRTH' | 'DATE_OF_BIRTH_TOLERANT';

export interface MatchedVariantView {
  field: 'fullName' | 'names';
  value: string;
  script: string;
  kind: string;
}

export interface MatchReasonView {
  method: ReasonMethod;
  /** 0–1: how strongly this part matched. */
  score: number;
  queryPart: string | null;
  matchedPart: string | null;
  /** The name variant that matched; null for a date-of-birth reason. */
  variant: MatchedVariantView | null;
}

export interface NameMatchView {
  score: number;
  reasons: MatchReasonView[];
}

export interface CandidateConnectionView {
  edges: { cursor: string; node: RecordView; match: NameMatchView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

/** Candidates ranked at most (the list a search returns, over its pages). */
export const MAX_CANDIDATES = 100;
/** Name variants scored at most, the best by the index lookup's pre-score first. */
const MAX_VARIANTS = 400;
/** A candidate needs at least this name score: most parts of the searched name matched. */
export const MIN_NAME_SCORE = 0.55;
const KEY = 'name_key';
const RANKED = 'ranked_key';

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

interface KeyRow {
  keyField: 'fullName' | 'names';
  keyValue: string;
  keyScript: string;
  keyKind: string;
  keyFolded: string;
  keyParts: PartKeys[];
}

interface Ranked {
  row: PrisonerEntity;
  score: number;
  reasons: MatchReasonView[];
}

/** The searched name's keys; null when nothing in it can be matched (punctuation, one letter): the search finds nobody. */
export function searchKeys(name: string): NameKeys | null {
  const keys = nameKeys(name);
  if (keys.parts.length > 8) throw badUserInput('name has too many parts (at most 8)');
  if (keys.parts.length === 0 || keys.parts.every((p) => p.skeletons.length === 0 && p.forms.every((f) => f.length < 2))) return null;
  return keys;
}

async function equivalentsFor(ctx: RequestContext, keys: NameKeys): Promise<(PartEquivalents | undefined)[]> {
  const latinForms = keys.parts.filter((p) => p.script === 'LATIN').flatMap((p) => p.forms);
  const found = await equivalentsOf(ctx.dataSource, latinForms);
  return keys.parts.map((p) => {
    const groups = p.forms.map((f) => found.get(f)).filter((g): g is PartEquivalents => g !== undefined);
    if (groups.length === 0) return undefined;
    return { forms: new Set(groups.flatMap((g) => [...g.forms])), skeletons: new Set(groups.flatMap((g) => [...g.skeletons])) };
  });
}

/**
 * Adds to `qb` (prisoners aliased `record`, other filters applied) the name-key lookup
 * (name-candidate-lookup.ts) and the variant-visibility condition; returns the extra columns
 * to select. The MAX_VARIANTS best by pre-score (parts hit, then trigram similarity) are scored.
 *
 * Two shapes of one statement, the same rows. When the prisoners are already narrowed by an
 * indexed filter (a date of birth: a handful of prisoners), their name keys are joined to
 * them. Otherwise the matching name keys are ranked by pre-score first (a subquery, ordered)
 * and prisoners are looked up, under policy, only until MAX_VARIANTS visible variants are
 * found: without this the planner reads every prisoner to hash them (its estimate of a
 * name's rows is too high), or starts parallel workers for a few thousand rows.
 */
function attachNameLookup(
  ctx: RequestContext, qb: SelectQueryBuilder<PrisonerEntity>, keys: NameKeys,
  equivalents: readonly (PartEquivalents | undefined)[], similar: readonly string[][], narrowed: boolean,
): [string, string][] {
  const alias = narrowed ? KEY : 'k';
  const lookup = candidateLookup(alias, keys.parts.map((p, i) => ({
    forms: [...new Set([...p.forms, ...(equivalents[i]?.forms ?? []), ...(similar[i] ?? [])])],
    skeletons: [...new Set([...p.skeletons, ...(equivalents[i]?.skeletons ?? [])])],
    phonetics: p.phonetics,
  })), Math.ceil(MIN_NAME_SCORE * keys.parts.length - 1e-9));
  const prescore = `${lookup.hits.map((h) => `(CASE WHEN ${h} THEN 1 ELSE 0 END)`).join(' + ')} + similarity(${alias}.search_text, :nameText)`;
  const params = { ...lookup.params, nameText: keys.searchText };
  if (narrowed) {
    qb.innerJoin('prisoner_name_key', KEY, `${KEY}.prisoner_id = ${RECORD_ALIAS}.id`).andWhere(`(${lookup.condition})`, params);
  } else {
    // Ranked narrow (id, prisoner, field, pre-score); the variant's text and keys are read
    // for the rows kept only.
    qb.innerJoin(
      `(SELECT k.id, k.prisoner_id, k.field, ${prescore} AS prescore
          FROM prisoner_name_key k WHERE ${lookup.condition} ORDER BY prescore DESC, k.id)`,
      RANKED, `${RANKED}.prisoner_id = ${RECORD_ALIAS}.id`,
    ).setParameters(params)
      .innerJoin('prisoner_name_key', KEY, `${KEY}.id = ${RANKED}.id`);
  }
  const fullName = fieldVisibleSql(ctx, 'Prisoner', 'fullName');
  const names = fieldVisibleSql(ctx, 'Prisoner', 'names');
  // A variant counts only where its field is visible on this row.
  const field = `${narrowed ? KEY : RANKED}.field`;
  qb.andWhere(`((${field} = 'fullName' AND (${fullName.sql})) OR (${field} = 'names' AND (${names.sql})))`, { ...fullName.params, ...names.params })
    .orderBy('prescore', 'DESC')
    .addOrderBy(`${narrowed ? KEY : RANKED}.id`, 'ASC')
    .limit(MAX_VARIANTS);
  return [
    [narrowed ? prescore : `${RANKED}.prescore`, 'prescore'],
    [`${KEY}.field`, 'keyField'], [`${KEY}.value`, 'keyValue'], [`${KEY}.script`, 'keyScript'],
    [`${KEY}.kind`, 'keyKind'], [`${KEY}.folded`, 'keyFolded'], [`${KEY}.parts`, 'keyParts'],
  ];
}

/** Scores the loaded variants and ranks their prisoners (best variant first). */
function rank(
  ctx: RequestContext, rows: readonly (PrisonerEntity & KeyRow)[], keys: NameKeys,
  equivalents: readonly (PartEquivalents | undefined)[], dateOfBirth: string | null,
): Ranked[] {
  const byPrisoner = new Map<string, { row: PrisonerEntity; variants: { score: number; reasons: MatchReasonView[] }[] }>();
  const matchVariant = variantMatcher(keys, equivalents);
  for (const row of rows) {
    // The SQL already kept only visible variants; memory agrees or the variant is dropped.
    if (!ctx.policy.decide('Prisoner', row).fields.has(row.keyField)) {
      ctx.log.error({ id: row.id, field: row.keyField }, 'policy disagreement: SQL matched a name variant whose field the policy withholds; ignored');
      continue;
    }
    const match = matchVariant({ folded: row.keyFolded, script: row.keyScript as NameKeys['script'], parts: row.keyParts, searchText: '' });
    if (!match || match.score < MIN_NAME_SCORE) continue;
    const variant: MatchedVariantView = { field: row.keyField, value: row.keyValue, script: row.keyScript, kind: row.keyKind };
    let entry = byPrisoner.get(row.id);
    if (!entry) byPrisoner.set(row.id, entry = { row, variants: [] });
    entry.variants.push({
      score: match.score,
      reasons: match.parts.map((p) => ({ method: p.method, score: round3(p.level), queryPart: p.queryPart, matchedPart: p.variantPart, variant })),
    });
  }
  const ranked: Ranked[] = [];
  for (const { row, variants } of byPrisoner.values()) {
    variants.sort((a, b) => b.score - a.score);
    const best = variants[0]!;
    let score = best.score;
    // The best variant explains the score; the next two say which other variants matched too.
    const seen = new Set<string>();
    const reasons = variants.flatMap((v) => v.reasons).filter((r) => {
      // One reason per method, part and variant text (fullName repeats the primary name).
      const key = `${r.method}|${r.queryPart}|${r.matchedPart}|${r.variant?.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).slice(0, 12);
    if (dateOfBirth) {
      const dob = dateOfBirthMatch(dateOfBirth, row.dateOfBirth);
      score = score * 0.9 + (dob === 'EXACT' ? 0.1 : dob === 'TOLERANT' ? 0.06 : 0.03);
      if (dob) reasons.unshift({ method: dob === 'EXACT' ? 'DATE_OF_BIRTH' : 'DATE_OF_BIRTH_TOLERANT', score: dob === 'EXACT' ? 1 : 0.6, queryPart: dateOfBirth, matchedPart: row.dateOfBirth, variant: null });
    }
    ranked.push({ row, score: round3(score), reasons });
  }
  // Equal scores by name only when the caller may see every candidate's name (a hidden name must not order the list), then by id.
  const byName = ctx.policy.canFilterOn('Prisoner', 'fullName');
  return ranked.sort((a, b) => b.score - a.score
    || (byName ? (a.row.fullName < b.row.fullName ? -1 : a.row.fullName > b.row.fullName ? 1 : 0) : 0)
    || (a.row.id < b.row.id ? -1 : 1));
}

/**
 * The candidate statement: prisoners aliased `record`, `filter` applied (each refused unless
 * the caller may see its field on every row). `fetchAccessible` adds the policy.
 */
function candidateStatement(ctx: RequestContext, filter: CandidateFilter): SelectQueryBuilder<PrisonerEntity> {
  const qb = ctx.dataSource.getRepository(PrisonerEntity).createQueryBuilder(RECORD_ALIAS);
  if (filter.changedSince) {
    assertFilterable(ctx, 'Prisoner', 'changedSince', ['updatedAt']);
    qb.andWhere(`${RECORD_ALIAS}.updatedAt >= :changedSince`, { changedSince: filter.changedSince });
  }
  if (filter.prisonNumber) {
    assertFilterable(ctx, 'Prisoner', 'prisonNumber', ['prisonNumber']);
    qb.andWhere(`${RECORD_ALIAS}.prisonNumber = :prisonNumber`, { prisonNumber: filter.prisonNumber });
  }
  if (filter.nationalId) {
    assertFilterable(ctx, 'Prisoner', 'nationalId', ['nationalId']);
    qb.andWhere(`${RECORD_ALIAS}.nationalId = :nationalId`, { nationalId: filter.nationalId });
  }
  if (filter.vepStatus) {
    assertFilterable(ctx, 'Prisoner', 'vepStatus', ['vepStatus']);
    qb.andWhere(filter.vepStatus.length ? `${RECORD_ALIAS}.vepStatus IN (:...vepStatus)` : 'FALSE', { vepStatus: filter.vepStatus });
  }
  if (filter.facilityCode) {
    assertFilterable(ctx, 'Prisoner', 'facilityCode', ['facility']);
    qb.andWhere(`${RECORD_ALIAS}.facilityId IN (SELECT f.id FROM facility f WHERE f.code = :facilityCode)`, { facilityCode: filter.facilityCode });
  }
  return qb;
}

/**
 * Ranked candidates among the prisoners `filter` selects (other filters already applied), as a
 * connection: at most MAX_CANDIDATES over all pages, best first; `totalCount` counts them.
 * The candidates of the page returned go into the disclosure log (the search's terms are
 * logged with every search's: its arguments).
 */
export async function searchCandidates(
  ctx: RequestContext,
  filter: CandidateFilter,
  terms: PersonSearchTerms,
  /** The searching root field (personSearch, prisoners), as the disclosure log names it. */
  field: string,
  page: PageArgs,
  /** What the request selected of the results (the compiled read presents them with it). */
  selection: ConnectionSelection,
): Promise<CandidateConnectionView> {
  const first = pageSize(page.first);
  const qb = candidateStatement(ctx, filter);
  const keys = searchKeys(terms.name);
  const dateOfBirth = terms.dateOfBirth ?? null;
  if (dateOfBirth) {
    assertFilterable(ctx, 'Prisoner', 'dateOfBirth', ['dateOfBirth']);
    let dates: string[];
    try {
      dates = toleratedDates(dateOfBirth);
    } catch {
      throw badUserInput('dateOfBirth is not a date');
    }
    qb.andWhere(`(${RECORD_ALIAS}.dateOfBirth IS NULL OR ${RECORD_ALIAS}.dateOfBirth IN (:...searchDates))`, { searchDates: dates });
  }
  if (terms.nationality) {
    assertFilterable(ctx, 'Prisoner', 'nationality', ['nationality']);
    qb.andWhere(`(${RECORD_ALIAS}.nationality IS NULL OR ${RECORD_ALIAS}.nationality = :searchNationality)`, { searchNationality: terms.nationality });
  }
  let ranked: Ranked[] = [];
  if (keys) {
    const [equivalents, similar] = await Promise.all([equivalentsFor(ctx, keys), similarForms(ctx.dataSource, keys.parts.map((p) => p.forms[0]!))]);
    const also = attachNameLookup(ctx, qb, keys, equivalents, similar, dateOfBirth !== null);
    const rows = await fetchAccessible(ctx, 'Prisoner', qb, also) as (PrisonerEntity & KeyRow)[];
    ranked = rank(ctx, rows, keys, equivalents, dateOfBirth).slice(0, MAX_CANDIDATES);
  } else {
    // Nothing to match: nobody, after the same gates (purpose, case reference) as any search.
    await fetchAccessible(ctx, 'Prisoner', qb.andWhere('FALSE'));
  }

  // Cursors are ordinal, as every list's (opaque-cursor.ts): "after the n-th candidate", no record id.
  const start = page.after ? decodeCursor(ctx, 'Prisoner', page.after) : 0;
  const pageRows = ranked.slice(start, start + first);
  // Only what the response reveals is read and presented: every edge, or else the endCursor's record.
  const shown = selection.edges ? pageRows : selection.endCursor ? pageRows.slice(-1) : [];
  const node = selection.edges ? selection.node ?? NOTHING_SELECTED : NOTHING_SELECTED;
  const views = await readRecordsById(ctx, 'Prisoner', shown.map((c) => c.row.id), node);
  if (selection.totalCount) {
    // The count reveals every ranked candidate: each is tracked (logged, charged) as a list's count is.
    const counted = ranked.filter((c) => !views.has(c.row.id)).map((c) => c.row.id);
    if (counted.length > 0) await readRecordsById(ctx, 'Prisoner', counted, NOTHING_SELECTED);
  }
  const edges = shown.flatMap((c) => {
    const node = views.get(c.row.id);
    const position = start + pageRows.indexOf(c) + 1;
    return node ? [{ cursor: encodeCursor(ctx, 'Prisoner', position), node, match: { score: c.score, reasons: c.reasons } }] : [];
  });
  ctx.disclosures.candidatesReturned({
    field,
    candidates: edges.map((e) => ({ prisonerId: e.node.id as string, score: Math.round(e.match.score * 1000) })),
  });
  return {
    edges,
    pageInfo: { hasNextPage: start + first < ranked.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: async () => ranked.length,
  };
}
