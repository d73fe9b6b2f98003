import { PURPOSES, type Purpose } from '../domain/enums.js';
import { badUserInput } from '../errors.js';

/** Contract headers (docs/architecture.md §5). */
export const PURPOSE_HEADER = 'liaison-purpose';
export const CASE_REFERENCE_HEADER = 'liaison-case-reference';
export const DECISION_ID_HEADER = 'Liaison-Decision-Id';

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

export function bearerToken(authorization: string | undefined): string | null {
  const match = authorization ? /^Bearer\s+([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]+\.?[A-Za-z0-9\-_.+/=]*)\s*$/i.exec(authorization) : null;
  return match ? match[1]! : null;
}

export function purposeFrom(value: string | string[] | undefined): Purpose | null {
  const raw = single(value)?.trim();
  if (!raw) return null;
  if (!(PURPOSES as readonly string[]).includes(raw)) {
    throw badUserInput(`Liaison-Purpose must be one of ${PURPOSES.join(', ')}`, 400);
  }
  return raw as Purpose;
}

const CASE_REFERENCE = /^[\p{L}\p{N}][\p{L}\p{N} ._:/#-]{0,127}$/u;

/** A case reference: 1–128 printable characters (letters, digits, space and . _ : / # -). */
export function caseReferenceFrom(value: string | string[] | undefined): string | null {
  const raw = single(value)?.trim();
  if (!raw) return null;
  if (!CASE_REFERENCE.test(raw)) {
    throw badUserInput('Liaison-Case-Reference must be 1–128 letters, digits, spaces or . _ : / # -', 400);
  }
  return raw;
}
