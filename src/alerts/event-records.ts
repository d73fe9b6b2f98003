import type { RequestContext } from '../context/request-context.js';
import { readRecord } from '../enforcement/compiled-read/read-records.js';
import type { RecordSelection } from '../enforcement/compiled-read/selection.js';
import type { RecordView } from '../enforcement/record-view.js';
import type { SubjectType } from '../policies/subjects.js';
import type { AlertEvent } from './alert-event.js';

/**
 * The records a subscription event selects, read exactly as a query reads them: by the
 * compiled read (docs/architecture.md §3.2) with the subscription's selection — rows filtered
 * by the recipient's current policy, fields masked in the statement, relations read in it,
 * the record tracked for the disclosure log. A record the recipient may not see now
 * (NO_LONGER_SHARED, a record withdrawn) is a plain null.
 */

export type EventRecordSubject = 'RiskFlag' | 'ReleasePlan' | 'RiskAssessment';

/** The event's prisoner as the recipient may see it now. */
export async function prisonerOfEvent(ctx: RequestContext, event: AlertEvent, selection: RecordSelection): Promise<RecordView | null> {
  if (!event.prisonerId) return null;
  return readRecord(ctx, 'Prisoner', event.prisonerId, selection);
}

/** The event's own record, when it is of `subject`, as the recipient may see it now. */
export async function recordOfEvent(
  ctx: RequestContext, event: AlertEvent, subject: EventRecordSubject, selection: RecordSelection,
): Promise<RecordView | null> {
  if ((event.subject as SubjectType) !== subject) return null;
  return readRecord(ctx, subject, event.recordId, selection);
}
