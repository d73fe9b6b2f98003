import type { RequestContext } from '../context/request-context.js';
import type { VepStatus } from '../domain/enums.js';
import { notFound } from '../errors.js';
import { assertFilterable } from '../enforcement/policed-reads.js';
import type { PageArgs } from '../enforcement/paging.js';
import { readConnection, readRecord, ROOT, type CompiledConnection, type RecordFilter } from '../enforcement/compiled-read/read-records.js';
import { changedSinceFilter, valuesFilter } from '../enforcement/compiled-read/record-filters.js';
import type { ConnectionSelection, RecordSelection } from '../enforcement/compiled-read/selection.js';
import { recordId } from '../domain/input.js';
import type { RecordView } from '../enforcement/record-view.js';
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
  if (filter?.name) return searchCandidates(ctx, filter, { name: filter.name }, 'prisoners', page, selection);
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
export function findPersons(
  ctx: RequestContext, terms: PersonSearchTerms, page: PageArgs, selection: ConnectionSelection,
): Promise<CandidateConnectionView> {
  return searchCandidates(ctx, {}, terms, 'personSearch', page, selection);
}
