import { PURPOSES, type Purpose } from '../domain/enums.js';
import { badUserInput } from '../errors.js';

/** Contract headers (ARCHITECTURE.md §5). */
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
/** Header bytes above ASCII: Node reads them as Latin-1, so UTF-8 text would arrive garbled. */
const NON_ASCII = /[^\x20-\x7e]/;

/**
 * A case reference: 1–128 letters (any script), digits, spaces and . _ : / # -. HTTP header
 * values are bytes, not text: a reference outside ASCII (قضية-٤٢, ДЕЛО-42) is sent
 * percent-encoded as UTF-8 (`encodeURIComponent`), which `%` (never part of a reference)
 * announces. It is stored decoded, in Unicode normal form C.
 */
export function caseReferenceFrom(value: string | string[] | undefined): string | null {
  const raw = single(value)?.trim();
  if (!raw) return null;
  if (NON_ASCII.test(raw)) {
    throw badUserInput('Liaison-Case-Reference must be ASCII: percent-encode a reference in another script as UTF-8 (e.g. encodeURIComponent)', 400);
  }
  let text = raw;
  if (raw.includes('%')) {
    try {
      text = decodeURIComponent(raw).normalize('NFC');
    } catch {
      throw badUserInput('Liaison-Case-Reference is not valid percent-encoded UTF-8', 400);
    }
  }
  if (!CASE_REFERENCE.test(text)) {
    throw badUserInput('Liaison-Case-Reference must be 1–128 letters, digits, spaces or . _ : / # - (percent-encoded as UTF-8 outside ASCII)', 400);
  }
  return text;
}
