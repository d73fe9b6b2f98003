import type { ChangeEvent } from '../feed/change-feed.js';

/**
 * An endpoint's event filter (pure): the kinds of record and of change it wants, optionally
 * some prisoners only. An empty list means "any". Correction notices ignore the filter: an
 * agency is told of a correction to data it received whether or not it asked (LED Art. 7(3)).
 */
export interface EventFilter {
  subjects?: string[];
  changes?: ChangeEvent['change'][];
  prisonerIds?: string[];
}

export function matchesFilter(filter: EventFilter, change: ChangeEvent): boolean {
  if (filter.subjects?.length && !filter.subjects.includes(change.subject)) return false;
  if (filter.changes?.length && !filter.changes.includes(change.change)) return false;
  if (filter.prisonerIds?.length && !(change.prisonerId && filter.prisonerIds.includes(change.prisonerId))
    && !(change.subject === 'Prisoner' && filter.prisonerIds.includes(change.recordId))) return false;
  return true;
}
