/**
 * Date-of-birth tolerance. Dates of birth are copied between systems by hand and from
 * documents that write the day and the month in either order, and a year is often a year
 * out: a candidate matches when its date is the one given, the same day and month a year
 * either side, or the day and month swapped (a year either side as well).
 */

export type DateOfBirthMatch = 'EXACT' | 'TOLERANT';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Every date a given date of birth accepts (the given date first). Throws on a malformed date. */
export function toleratedDates(given: string): string[] {
  const parts = ISO_DATE.exec(given);
  const exact = parts && isoDate(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  if (!parts || !exact) throw new RangeError(`not a date: ${given}`);
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  const dates = new Set<string>([exact]);
  for (const y of [year, year - 1, year + 1]) {
    for (const [m, d] of [[month, day], [day, month]] as const) {
      const date = isoDate(y, m, d);
      if (date) dates.add(date);
    }
  }
  return [...dates];
}

export function dateOfBirthMatch(given: string, recorded: string | null): DateOfBirthMatch | null {
  if (recorded === null) return null;
  if (recorded === given) return 'EXACT';
  return toleratedDates(given).includes(recorded) ? 'TOLERANT' : null;
}
