import { badUserInput, queryTooComplex } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isRecordId = (value: string): boolean => UUID.test(value);

/** A record id: a UUID. A malformed id is bad input; a well-formed unknown one is NOT_FOUND elsewhere. */
export function recordId(value: string, argument = 'id'): string {
  if (!UUID.test(value)) throw badUserInput(`${argument} must be a record id (a UUID)`);
  return value.toLowerCase();
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * A page size. Over 100 is a query limit (QUERY_TOO_COMPLEX), refused before any resolver by
 * the cost check (limits/query-cost.ts) and again here; a negative size is malformed input.
 */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`);
  if (first > MAX_PAGE_SIZE) throw queryTooComplex(`Page too large: at most ${MAX_PAGE_SIZE} records per page`);
  return first;
}

/** Escapes LIKE wildcards so that a search for "50%_off" matches those characters literally. */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
