import { RISK_LEVELS, type RiskLevel } from '../domain/enums.js';
import type { SubjectType } from '../policies/subjects.js';
import type { AlertType, ChangeKind } from './alert-event.js';
import type { Delivery } from './delivery-decision.js';

/**
 * What a subscriber (or a webhook endpoint) asks to be told of. Every part narrows; an empty
 * filter passes every event the recipient is entitled to. Filters test only what the recipient
 * may see (DeliveryFacts): a flag whose severity is withheld never passes `minSeverity`, a
 * record whose release date is withheld never passes `releaseWithinDays`, so a filter cannot
 * serve as an oracle for a withheld value.
 *
 * NO_LONGER_SHARED passes the severity and release-window parts: it carries no facts, concerns
 * only records the recipient could see, and is exactly what a recipient who filtered on them
 * must not miss.
 */
export interface AlertFilter {
  subjects?: readonly SubjectType[] | null;
  types?: readonly AlertType[] | null;
  changeKinds?: readonly ChangeKind[] | null;
  prisonerId?: string | null;
  minSeverity?: RiskLevel | null;
  /** Only records whose own release date (prisoner, release plan) is within this many days from today (UTC). */
  releaseWithinDays?: number | null;
}

const DAY_MS = 86_400_000;
const isoDate = (at: Date): string => at.toISOString().slice(0, 10);

export function matchesFilter(filter: AlertFilter, delivery: Extract<Delivery, { deliver: true }>, now: Date): boolean {
  const { event, facts } = delivery;
  if (filter.subjects?.length && !filter.subjects.includes(event.subject)) return false;
  if (filter.types?.length && !filter.types.includes(event.type)) return false;
  if (filter.changeKinds?.length && !filter.changeKinds.includes(event.change)) return false;
  if (filter.prisonerId && event.prisonerId !== filter.prisonerId) return false;
  if (event.type === 'NO_LONGER_SHARED') return true;
  if (filter.minSeverity) {
    if (!facts.severity || RISK_LEVELS.indexOf(facts.severity) < RISK_LEVELS.indexOf(filter.minSeverity)) return false;
  }
  if (filter.releaseWithinDays !== null && filter.releaseWithinDays !== undefined) {
    const date = facts.expectedReleaseDate;
    if (!date || date < isoDate(now) || date > isoDate(new Date(now.getTime() + filter.releaseWithinDays * DAY_MS))) return false;
  }
  return true;
}
