import type { DobShift } from './names-eval-generate.js';

/** The date of birth a query of the evaluation set searches with: the target's, shifted as labelled. */
export function shiftedDate(date: string, shift: DobShift): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const iso = (year: number, month: number, day: number): string | null => {
    const t = new Date(Date.UTC(year, month - 1, day));
    return t.getUTCMonth() === month - 1 ? t.toISOString().slice(0, 10) : null;
  };
  switch (shift) {
    case 'EXACT': return date;
    case 'YEAR_MINUS': return iso(y - 1, m, d) ?? date;
    case 'YEAR_PLUS': return iso(y + 1, m, d) ?? date;
    case 'SWAP': return (d <= 12 ? iso(y, d, m) : null) ?? iso(y + 1, m, d) ?? date;
    case 'FAR': return iso(y + 7, m, Math.min(d, 28))!;
  }
}
