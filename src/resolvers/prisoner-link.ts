import type { RequestContext } from '../context/request-context.js';
import { prisonersById } from '../services/prisoners.js';
import { PRISONER_ID, type RecordView } from '../services/record-view.js';

/** The prisoner a record belongs to, resolved under the Prisoner policy: null when the caller may not see them. */
export async function prisonerOf(record: RecordView, ctx: RequestContext): Promise<RecordView | null> {
  const prisonerId = record[PRISONER_ID];
  return prisonerId ? prisonersById(ctx).load(prisonerId) : null;
}
