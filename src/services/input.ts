import { badUserInput } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id: a UUID. A malformed id is bad input; a well-formed unknown one is NOT_FOUND elsewhere. */
export function recordId(value: string, argument = 'id'): string {
  if (!UUID.test(value)) throw badUserInput(`${argument} must be a record id (a UUID)`);
  return value.toLowerCase();
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Escapes LIKE wildcards so that a search for "50%_off" matches those characters literally. */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
