import { createHash } from 'node:crypto';
import type { RequestContext } from '../../context/request-context.js';
import { badUserInput } from '../../errors.js';
import type { SubjectType } from '../../policies/subjects.js';

/**
 * Cursors are ordinal: "after the n-th record of this list", bound to the list's subject and
 * to the policy it was read under (agency, roles, purpose, case reference or not). A cursor
 * carries no record id and no sort value, so it discloses nothing that the page itself did
 * not; a cursor from another list or another policy is refused as malformed input.
 */

/** At most this deep into a list (a bounded OFFSET). */
export const MAX_CURSOR_POSITION = 100_000;
const MAX_CURSOR_LENGTH = 128;

function policyBinding(ctx: RequestContext, subject: SubjectType): string {
  return ctx.once(`cursorBinding:${subject}`, () => createHash('sha256')
    .update(JSON.stringify([subject, ctx.principal.agencyCode, [...ctx.principal.roles].sort(), ctx.purpose, ctx.caseReference !== null]))
    .digest('base64url').slice(0, 16));
}

export function encodeCursor(ctx: RequestContext, subject: SubjectType, position: number): string {
  return Buffer.from(JSON.stringify([subject, position, policyBinding(ctx, subject)])).toString('base64url');
}

/** The position a cursor names (records before it), or a BAD_USER_INPUT refusal. */
export function decodeCursor(ctx: RequestContext, subject: SubjectType, cursor: string): number {
  try {
    const decoded = cursor.length <= MAX_CURSOR_LENGTH ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown : null;
    if (Array.isArray(decoded) && decoded.length === 3 && decoded[0] === subject
      && Number.isSafeInteger(decoded[1]) && (decoded[1] as number) >= 0 && (decoded[1] as number) <= MAX_CURSOR_POSITION
      && decoded[2] === policyBinding(ctx, subject)) {
      return decoded[1] as number;
    }
  } catch {
    // fall through
  }
  throw badUserInput('after is not a cursor of this list');
}
