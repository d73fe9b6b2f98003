import type { RequestContext } from '../context/request-context.js';
import { ReleasePlanEntity, RiskAssessmentEntity, RiskFlagEntity } from '../entities/index.js';
import { fetchAccessible, RECORD_ALIAS } from '../enforcement/policed-reads.js';
import type { RecordView } from '../enforcement/record-view.js';
import type { SubjectType } from '../policies/subjects.js';
import { prisonersById } from '../records/prisoners.js';
import { presentReleasePlans } from '../records/release-plans.js';
import { presentRiskAssessments } from '../records/risk-assessments.js';
import { presentRiskFlags } from '../records/risk-flags.js';
import type { AlertEvent } from './alert-event.js';

/**
 * The record fields a subscription selects, read exactly as a query reads them: through the
 * policed reads (rows filtered in SQL by the caller's current policy) and presented per row
 * (fields masked, redactions noted, the record tracked for the disclosure log). The one place
 * where alerts read records — when the road of the policed reads changes, only this changes.
 * A record the recipient may not see now (NO_LONGER_SHARED, a record withdrawn) is a plain null.
 */

const ENTITIES = { RiskFlag: RiskFlagEntity, ReleasePlan: ReleasePlanEntity, RiskAssessment: RiskAssessmentEntity } as const;
const PRESENT = { RiskFlag: presentRiskFlags, ReleasePlan: presentReleasePlans, RiskAssessment: presentRiskAssessments } as const;

export type EventRecordSubject = keyof typeof ENTITIES;

/** The event's prisoner as the recipient may see it now. */
export async function prisonerOfEvent(ctx: RequestContext, event: AlertEvent): Promise<RecordView | null> {
  if (!event.prisonerId) return null;
  return prisonersById(ctx).load(event.prisonerId);
}

/** The event's own record, when it is of `subject`, as the recipient may see it now. */
export async function recordOfEvent(ctx: RequestContext, event: AlertEvent, subject: EventRecordSubject): Promise<RecordView | null> {
  if ((event.subject as SubjectType) !== subject) return null;
  const qb = ctx.dataSource.getRepository(ENTITIES[subject]).createQueryBuilder(RECORD_ALIAS)
    .where(`${RECORD_ALIAS}.id = :id`, { id: event.recordId });
  const rows = await fetchAccessible(ctx, subject, qb as never);
  return (PRESENT[subject] as (ctx: RequestContext, rows: never[]) => RecordView[])(ctx, rows as never[])[0] ?? null;
}
