import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../context/request-context.js';
import { PRISONER_ID, type RecordView } from '../enforcement/record-view.js';
import { relationOf } from '../enforcement/compiled-read/present-compiled.js';
import { withhold } from './record-field-resolver.js';

/**
 * The prisoner a record belongs to, resolved under the Prisoner policy. Every flag,
 * assessment and release plan has one, so when the caller may not see them the field is
 * withheld like any other — `null` plus a NO_CLAUSE redaction — which tells nothing the record
 * did not already. (Optional relations such as a prisoner's release plan stay a plain `null`:
 * a redaction there would betray that a hidden record exists.)
 */
export function prisonerOf(record: RecordView, ctx: RequestContext, info: GraphQLResolveInfo): RecordView | null {
  // Read with the record by the same statement (synchronous: no promise per record of a page).
  if (!record[PRISONER_ID]) return null;
  const prisoner = relationOf<RecordView | null>(ctx, record, 'prisoner');
  return prisoner ?? withhold(record, 'NO_CLAUSE', ctx, info);
}
