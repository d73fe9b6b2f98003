import DataLoader from 'dataloader';
import type { RequestContext } from '../context/request-context.js';
import type { VepStatus } from '../domain/enums.js';
import { FacilityEntity, PrisonerEntity, PrisonerNameEntity } from '../entities/index.js';
import { notFound } from '../errors.js';
import { assertFilterable, fetchAccessible, RECORD_ALIAS } from '../enforcement/policed-reads.js';
import { filterChangedSince } from '../enforcement/changed-since.js';
import type { PageArgs } from '../enforcement/paging.js';
import { readConnection, readRecord, ROOT, type CompiledConnection, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter, valuesFilter } from '../enforcement/compiled-read/record-filters.js';
import type { ConnectionSelection, RecordSelection } from '../enforcement/compiled-read/selection.js';
import { recordId } from '../domain/input.js';
import { presentAll, type RecordView } from '../enforcement/record-view.js';
import { searchCandidates, type CandidateConnectionView, type PersonSearchTerms } from './person-search.js';

export interface PrisonerFilter {
  name?: string | null;
  prisonNumber?: string | null;
  nationalId?: string | null;
  vepStatus?: VepStatus[] | null;
  facilityCode?: string | null;
  /** Created or changed at or after this instant. */
  changedSince?: Date | null;
}

export interface FacilityView {
  code: string;
  name: string;
  securityLevel: string;
}

export interface NameView {
  value: string;
  script: string;
  kind: string;
}

export function presentPrisoners(ctx: RequestContext, rows: PrisonerEntity[]): RecordView[] {
  return presentAll(ctx, 'Prisoner', rows, (row) => ({
    prisonNumber: row.prisonNumber,
    nationalId: row.nationalId,
    fullName: row.fullName,
    names: () => namesOf(ctx).load(row.id),
    dateOfBirth: row.dateOfBirth,
    gender: row.gender,
    nationality: row.nationality,
    facility: () => (row.facilityId ? facilities(ctx).load(row.facilityId) : null),
    custodyStatus: row.custodyStatus,
    vepStatus: row.vepStatus,
    expectedReleaseDate: row.expectedReleaseDate,
    religion: row.religion,
    ethnicity: row.ethnicity,
    healthNotes: row.healthNotes,
    dependants: row.dependants,
  }));
}

/** Visible prisoners by id, batched per request; null for an id the caller may not see or that does not exist. */
export function prisonersById(ctx: RequestContext): DataLoader<string, RecordView | null> {
  return ctx.once('Prisoner:byId', () => new DataLoader<string, RecordView | null>(async (ids) => {
    const qb = ctx.dataSource.getRepository(PrisonerEntity).createQueryBuilder(RECORD_ALIAS)
      .where(`${RECORD_ALIAS}.id IN (:...ids)`, { ids: [...ids] });
    const views = new Map(presentPrisoners(ctx, await fetchAccessible(ctx, 'Prisoner', qb)).map((v) => [v.id as string, v]));
    return ids.map((id) => views.get(id) ?? null);
  }, { maxBatchSize: 200 }));
}

/**
 * One prisoner. An id the caller may not see answers exactly like an id that does not exist
 * (docs/architecture.md §2.3 rule 7), so ids cannot be probed.
 */
export async function getPrisoner(ctx: RequestContext, id: string, selection: RecordSelection): Promise<RecordView> {
  const view = await readRecord(ctx, 'Prisoner', recordId(id), selection);
  if (!view) {
    ctx.disclosures.deny({ code: 'NOT_FOUND', subject: 'Prisoner', detail: `prisoner ${id}` });
    throw notFound('Prisoner');
  }
  return view;
}

/**
 * Prisoners, by filter. With a name, the list is the person search's ranked candidates
 * (person-search.ts), each edge with its `match`; otherwise ordered by name (by id for a
 * caller who may not see every listed prisoner's name).
 */
export async function listPrisoners(
  ctx: RequestContext, filter: PrisonerFilter | null | undefined, page: PageArgs, selection: ConnectionSelection,
): Promise<CompiledConnection | CandidateConnectionView> {
  if (filter?.name) {
    const qb = ctx.dataSource.getRepository(PrisonerEntity).createQueryBuilder(RECORD_ALIAS);
    filterChangedSince(ctx, 'Prisoner', qb, filter.changedSince);
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
    return searchCandidates(ctx, qb, { name: filter.name }, 'prisoners', page, (rows) => presentPrisoners(ctx, rows));
  }
  const filters: RecordFilter[] = [...changedSinceFilter(ctx, 'Prisoner', filter?.changedSince)];
  if (filter?.prisonNumber) {
    assertFilterable(ctx, 'Prisoner', 'prisonNumber', ['prisonNumber']);
    filters.push({ sql: `${ROOT}.prison_number = :prisonNumber`, params: { prisonNumber: filter.prisonNumber } });
  }
  if (filter?.nationalId) {
    assertFilterable(ctx, 'Prisoner', 'nationalId', ['nationalId']);
    filters.push({ sql: `${ROOT}.national_id = :nationalId`, params: { nationalId: filter.nationalId } });
  }
  filters.push(...valuesFilter(ctx, 'Prisoner', 'vepStatus', 'vepStatus', filter?.vepStatus));
  if (filter?.facilityCode) {
    assertFilterable(ctx, 'Prisoner', 'facilityCode', ['facility']);
    filters.push({ sql: `${ROOT}.facility_id IN (SELECT f.id FROM facility f WHERE f.code = :facilityCode)`, params: { facilityCode: filter.facilityCode } });
  }
  return readConnection(ctx, 'Prisoner', filters, { field: 'fullName', direction: 'ASC' }, page, selection);
}

/** `personSearch`: ranked candidates for a name, optional date of birth and nationality. */
export function findPersons(ctx: RequestContext, terms: PersonSearchTerms, page: PageArgs): Promise<CandidateConnectionView> {
  const qb = ctx.dataSource.getRepository(PrisonerEntity).createQueryBuilder(RECORD_ALIAS);
  return searchCandidates(ctx, qb, terms, 'personSearch', page, (rows) => presentPrisoners(ctx, rows));
}

/** A prisoner's names; reached only through the `names` field of a prisoner the caller may see. */
function namesOf(ctx: RequestContext): DataLoader<string, NameView[]> {
  return ctx.once('Prisoner:names', () => new DataLoader<string, NameView[]>(async (ids) => {
    const rows = await ctx.dataSource.getRepository(PrisonerNameEntity).createQueryBuilder('n')
      .where('n.prisonerId IN (:...ids)', { ids: [...ids] })
      .orderBy('n.prisonerId').addOrderBy('n.kind').addOrderBy('n.value')
      .getMany();
    return ids.map((id) => rows.filter((r) => r.prisonerId === id).map(({ value, script, kind }) => ({ value, script, kind })));
  }));
}

/** Facilities are organisational data, not personal: loaded once per request. */
function facilities(ctx: RequestContext): DataLoader<string, FacilityView | null> {
  return ctx.once('Facility:byId', () => new DataLoader<string, FacilityView | null>(async (ids) => {
    const rows = await ctx.dataSource.getRepository(FacilityEntity).createQueryBuilder('f')
      .where('f.id IN (:...ids)', { ids: [...ids] }).getMany();
    const byId = new Map(rows.map((f) => [f.id, { code: f.code, name: f.name, securityLevel: f.securityLevel }]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}
