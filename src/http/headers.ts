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
const NON_ASCII = /[^\x00-\x7f]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a header value. HTTP header values are bytes, which Node hands over as Latin-1:
 * bytes that form valid UTF-8 (what curl and most clients send for "قضية-42") are read as
 * UTF-8, anything else as the Latin-1 Node read. Any client can also send the UTF-8
 * percent-encoded (`encodeURIComponent`), which `%` (never part of a reference) announces.
 */
function headerText(raw: string): string {
  if (raw.includes('%')) {
    try {
      return decodeURIComponent(raw);
    } catch {
      throw badUserInput('Liaison-Case-Reference is not valid percent-encoded UTF-8', 400);
    }
  }
  if (!NON_ASCII.test(raw)) return raw;
  try {
    return strictUtf8.decode(Buffer.from(raw, 'latin1'));
  } catch {
    return raw;
  }
}

/**
 * A case reference: 1–128 letters (any script), digits, spaces and . _ : / # -, stored in
 * Unicode normal form C.
 */
export function caseReferenceFrom(value: string | string[] | undefined): string | null {
  const raw = single(value)?.trim();
  if (!raw) return null;
  const text = headerText(raw).normalize('NFC');
  if (!CASE_REFERENCE.test(text)) {
    throw badUserInput('Liaison-Case-Reference must be 1–128 letters, digits, spaces or . _ : / # - (percent-encoded as UTF-8 outside ASCII)', 400);
  }
  return text;
}
