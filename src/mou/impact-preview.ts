import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { notFound } from '../errors.js';
import { CompiledPolicy } from '../policies/compiled-policy.js';
import { fieldsGrantedBy, planImpact, type ImpactAudience } from '../policies/impact-plan.js';
import { canSeeMou, describeMou, isParty, MOU_ADMIN_ROLE, type MouActor } from './rules/mou-lifecycle.js';
import { isStatutoryField } from '../policies/statutory-exclusions.js';
import { SUBJECTS, type SubjectType } from '../policies/subjects.js';
import { recordId } from '../domain/input.js';
import { administer, refuse, subjectOf } from './administration.js';
import { loadMouRecord, mouActorOf, policyClausesOf, type MouRecord } from './records.js';
import { mouView, type MouView } from './views.js';
import { agencyRef, type AgencyRef } from '../enforcement/record-view.js';
import { countPolicyChange } from '../enforcement/compiled-read/count-policy-change.js';

/**
 * Impact preview (issue 3, item 4): what the recipient's staff would gain and lose if a draft
 * (or amendment) came into force in place of what is in force now — per role × purpose, per
 * kind of record: rows, fields, sample record ids. Rows and fields are counted in PostgreSQL by
 * the compiler (`countPolicyChange`, src/enforcement/compiled-read/) with the before/after
 * policies' compiled predicates — the row filter and field masks a compiled read by that
 * audience would run — on the provider's records.
 *
 * Sample ids go only to the provider's administrators (the data controller) and the
 * inspectorate: a recipient does not learn which records it might receive.
 */

export interface FieldChangeView {
  field: string;
  rowsGained: number;
  rowsLost: number;
}

export interface SubjectImpactView {
  subject: SubjectType;
  rowsBefore: number;
  rowsAfter: number;
  rowsGained: number;
  rowsLost: number;
  /** Fields some clause of the provider grants after but none did before (and the reverse). */
  fieldsGained: string[];
  fieldsLost: string[];
  /** Per field, rows on which it becomes readable or stops being readable (only fields that change). */
  fieldChanges: FieldChangeView[];
  sampleGainedIds: string[] | null;
  sampleLostIds: string[] | null;
}

export interface ImpactAudienceView {
  role: string;
  purpose: string;
  subjects: SubjectImpactView[];
}

export interface MouImpactView {
  mou: MouView;
  provider: AgencyRef;
  recipient: AgencyRef;
  /** The version in force now that the draft would replace, if any. */
  replacesVersion: number | null;
  evaluatedAt: Date;
  policyRevision: number;
  sampleIdsDisclosed: boolean;
  audiences: ImpactAudienceView[];
}

const SAMPLE_SIZE = 5;
const PREVIEWABLE = new Set(['DRAFT', 'PENDING_APPROVAL', 'APPROVED']);

function audienceRefusal(actor: MouActor, record: MouRecord) {
  if (!canSeeMou(actor, record.mou)) return { code: 'NOT_FOUND' as const, rule: 'NOT_A_PARTY' as const, message: 'MoU not found' };
  if (!actor.oversight && !(actor.roles.includes(MOU_ADMIN_ROLE) && isParty(actor.agencyCode, record.mou))) {
    return {
      code: 'FORBIDDEN' as const, rule: 'MOU_ADMIN_REQUIRED' as const,
      message: `Refused (MOU_ADMIN_REQUIRED): previewing ${describeMou(record.mou)} needs the ${MOU_ADMIN_ROLE} role of ${record.mou.providerAgencyCode} or ${record.mou.recipientAgencyCode}, or the inspectorate's AUDITOR role`,
    };
  }
  if (!PREVIEWABLE.has(record.mou.status)) {
    return {
      code: 'BAD_USER_INPUT' as const, rule: 'IMPACT_PREVIEW_STATUS' as const,
      message: `Refused (IMPACT_PREVIEW_STATUS): ${describeMou(record.mou)} is ${record.mou.status}; a preview compares a version not yet in force (DRAFT, PENDING_APPROVAL or APPROVED) with what is in force now`,
    };
  }
  return null;
}

/** `mouImpact`. */
export function previewMouImpact(ctx: RequestContext, id: string): Promise<MouImpactView> {
  const actor = mouActorOf(ctx);
  return administer(ctx, 'PREVIEW_IMPACT', { id }, async (tx, journal, scope) => {
    scope.mouId = recordId(id);
    const record = await loadMouRecord(tx, scope.mouId);
    if (!record) throw notFound('MoU');
    scope.record = record;
    refuse(audienceRefusal(actor, record));
    const { mou } = record;
    const plan = planImpact(ctx.snapshot, policyClausesOf(record), ctx.now, mou);
    const disclose = actor.oversight || actor.agencyCode === mou.providerAgencyCode;
    const audiences: ImpactAudienceView[] = [];
    for (const audience of plan.audiences) {
      const subjects: SubjectImpactView[] = [];
      for (const subject of plan.subjects) {
        subjects.push(await subjectImpact(tx, audience, subject, mou.providerAgencyCode, disclose));
      }
      audiences.push({ role: audience.role, purpose: audience.purpose, subjects });
    }
    const replaced = plan.replaced[0]?.mou.version ?? null;
    await journal.record({
      action: 'PREVIEW_IMPACT', mou: subjectOf(record), request: { id },
      after: {
        replacesVersion: replaced,
        audiences: audiences.map((a) => ({
          role: a.role, purpose: a.purpose,
          subjects: a.subjects.map((s) => ({ subject: s.subject, rowsGained: s.rowsGained, rowsLost: s.rowsLost, fieldsGained: s.fieldsGained, fieldsLost: s.fieldsLost })),
        })),
      },
    });
    return {
      mou: mouView(ctx, record),
      provider: agencyRef(ctx, mou.providerAgencyCode),
      recipient: agencyRef(ctx, mou.recipientAgencyCode),
      replacesVersion: replaced,
      evaluatedAt: ctx.now,
      policyRevision: ctx.snapshot.revision,
      sampleIdsDisclosed: disclose,
      audiences,
    };
  }, { isolation: 'REPEATABLE READ' }); // one consistent view of the data for every count
}

/** Fields worth counting: grantable, not statutory (never shared), not the id (it follows the row). */
const countedFields = (subject: SubjectType): string[] =>
  SUBJECTS[subject].fields.filter((f) => f !== 'id' && !isStatutoryField(subject, f));

async function subjectImpact(
  tx: EntityManager, audience: ImpactAudience, subject: SubjectType, provider: string, disclose: boolean,
): Promise<SubjectImpactView> {
  const counts = await countPolicyChange(tx, {
    subject, ownerAgencyCode: provider,
    before: new CompiledPolicy(audience.before), after: new CompiledPolicy(audience.after),
    fields: countedFields(subject), sampleSize: disclose ? SAMPLE_SIZE : 0,
  });
  const grantedBefore = fieldsGrantedBy(audience.before, subject, provider);
  const grantedAfter = fieldsGrantedBy(audience.after, subject, provider);
  return {
    subject,
    rowsBefore: counts.rowsBefore,
    rowsAfter: counts.rowsAfter,
    rowsGained: counts.rowsGained,
    rowsLost: counts.rowsLost,
    fieldsGained: SUBJECTS[subject].fields.filter((f) => grantedAfter.has(f) && !grantedBefore.has(f)),
    fieldsLost: SUBJECTS[subject].fields.filter((f) => grantedBefore.has(f) && !grantedAfter.has(f)),
    fieldChanges: counts.fields.filter((c) => c.rowsGained > 0 || c.rowsLost > 0),
    sampleGainedIds: counts.sampleGainedIds,
    sampleLostIds: counts.sampleLostIds,
  };
}
