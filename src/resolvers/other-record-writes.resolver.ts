import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { CLASSIFICATION_KIND } from '../publishing/kinds/classification.js';
import { INTELLIGENCE_REPORT_KIND } from '../publishing/kinds/intelligence-report.js';
import { INTERVENTION_KIND } from '../publishing/kinds/intervention.js';
import { RISK_ASSESSMENT_KIND } from '../publishing/kinds/risk-assessment.js';
import { createRecord, updateRecord, upsertRecords } from '../publishing/publish.js';
import { plainValues, receiptOf, recordInputOf, upsertSummary } from '../publishing/receipts.js';
import { publishingContextOf } from '../publishing/request-publishing.js';
import { UpsertResult, WriteReceipt } from '../schema/publishing.type.js';
import {
  ClassificationInput, ClassificationPatch, IntelligenceReportInput, IntelligenceReportPatch, InterventionInput, InterventionPatch,
  RiskAssessmentInput, RiskAssessmentPatch,
} from '../schema/record-inputs.type.js';

const UPDATE_DESCRIPTION = 'at `revision` (CONFLICT if it moved on); `correction: true` with a reason: the earlier value was wrong.';

/** Assessments, classifications, interventions and intelligence reports written by their owner. */
@Resolver()
export class OtherRecordWritesResolver {
  @Mutation(() => WriteReceipt, { description: 'Records a risk assessment of one of your prisoners. CASE_MANAGER.' })
  async createRiskAssessment(@Arg('input', () => RiskAssessmentInput, { description: "The record's fields and keys; the owner is always your agency." }) input: RiskAssessmentInput, @Ctx() ctx: RequestContext) {
    return receiptOf(RISK_ASSESSMENT_KIND, await createRecord(publishingContextOf(ctx), RISK_ASSESSMENT_KIND, recordInputOf(RISK_ASSESSMENT_KIND, input)));
  }

  @Mutation(() => WriteReceipt, { description: `Changes a risk assessment ${UPDATE_DESCRIPTION}` })
  async updateRiskAssessment(
    @Arg('id', () => ID, { description: "The record's id." }) id: string, @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number, @Arg('patch', () => RiskAssessmentPatch, { description: 'The fields to change: omitted fields are unchanged, null clears.' }) patch: RiskAssessmentPatch, @Ctx() ctx: RequestContext,
    @Arg('correction', () => Boolean, { nullable: true, description: 'True when the earlier value was wrong (LED Art. 16): needs a reason.' }) correction?: boolean, @Arg('reason', () => String, { nullable: true, description: "Why: kept in the record's history." }) reason?: string,
  ) {
    return receiptOf(RISK_ASSESSMENT_KIND, await updateRecord(publishingContextOf(ctx), RISK_ASSESSMENT_KIND, id, revision, plainValues(RISK_ASSESSMENT_KIND, patch), { correction, reason }));
  }

  @Mutation(() => UpsertResult, { description: 'Creates or updates up to 500 risk assessments by externalId; idempotent.' })
  async upsertRiskAssessments(@Arg('records', () => [RiskAssessmentInput], { description: 'Up to 500 records, each with its externalId.' }) records: RiskAssessmentInput[], @Ctx() ctx: RequestContext) {
    return upsertSummary(await upsertRecords(publishingContextOf(ctx), RISK_ASSESSMENT_KIND, records.map((r) => recordInputOf(RISK_ASSESSMENT_KIND, r))));
  }

  @Mutation(() => WriteReceipt, { description: 'Records a classification of one of your prisoners. SECURITY_OFFICER.' })
  async createClassification(@Arg('input', () => ClassificationInput, { description: "The record's fields and keys; the owner is always your agency." }) input: ClassificationInput, @Ctx() ctx: RequestContext) {
    return receiptOf(CLASSIFICATION_KIND, await createRecord(publishingContextOf(ctx), CLASSIFICATION_KIND, recordInputOf(CLASSIFICATION_KIND, input)));
  }

  @Mutation(() => WriteReceipt, { description: `Changes a classification ${UPDATE_DESCRIPTION}` })
  async updateClassification(
    @Arg('id', () => ID, { description: "The record's id." }) id: string, @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number, @Arg('patch', () => ClassificationPatch, { description: 'The fields to change: omitted fields are unchanged, null clears.' }) patch: ClassificationPatch, @Ctx() ctx: RequestContext,
    @Arg('correction', () => Boolean, { nullable: true, description: 'True when the earlier value was wrong (LED Art. 16): needs a reason.' }) correction?: boolean, @Arg('reason', () => String, { nullable: true, description: "Why: kept in the record's history." }) reason?: string,
  ) {
    return receiptOf(CLASSIFICATION_KIND, await updateRecord(publishingContextOf(ctx), CLASSIFICATION_KIND, id, revision, plainValues(CLASSIFICATION_KIND, patch), { correction, reason }));
  }

  @Mutation(() => WriteReceipt, { description: 'Records a prisoner\'s participation in a programme. CASE_MANAGER.' })
  async createIntervention(@Arg('input', () => InterventionInput, { description: "The record's fields and keys; the owner is always your agency." }) input: InterventionInput, @Ctx() ctx: RequestContext) {
    return receiptOf(INTERVENTION_KIND, await createRecord(publishingContextOf(ctx), INTERVENTION_KIND, recordInputOf(INTERVENTION_KIND, input)));
  }

  @Mutation(() => WriteReceipt, { description: `Changes an intervention ${UPDATE_DESCRIPTION}` })
  async updateIntervention(
    @Arg('id', () => ID, { description: "The record's id." }) id: string, @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number, @Arg('patch', () => InterventionPatch, { description: 'The fields to change: omitted fields are unchanged, null clears.' }) patch: InterventionPatch, @Ctx() ctx: RequestContext,
    @Arg('correction', () => Boolean, { nullable: true, description: 'True when the earlier value was wrong (LED Art. 16): needs a reason.' }) correction?: boolean, @Arg('reason', () => String, { nullable: true, description: "Why: kept in the record's history." }) reason?: string,
  ) {
    return receiptOf(INTERVENTION_KIND, await updateRecord(publishingContextOf(ctx), INTERVENTION_KIND, id, revision, plainValues(INTERVENTION_KIND, patch), { correction, reason }));
  }

  @Mutation(() => WriteReceipt, { description: 'Shares a graded, sanitised intelligence report about prisoners of your agency (named by external id). SECURITY_OFFICER, INTELLIGENCE_OFFICER.' })
  async createIntelligenceReport(@Arg('input', () => IntelligenceReportInput, { description: "The record's fields and keys; the owner is always your agency." }) input: IntelligenceReportInput, @Ctx() ctx: RequestContext) {
    return receiptOf(INTELLIGENCE_REPORT_KIND, await createRecord(publishingContextOf(ctx), INTELLIGENCE_REPORT_KIND, recordInputOf(INTELLIGENCE_REPORT_KIND, input)));
  }

  @Mutation(() => WriteReceipt, { description: `Changes an intelligence report ${UPDATE_DESCRIPTION}` })
  async updateIntelligenceReport(
    @Arg('id', () => ID, { description: "The record's id." }) id: string, @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number, @Arg('patch', () => IntelligenceReportPatch, { description: 'The fields to change: omitted fields are unchanged, null clears.' }) patch: IntelligenceReportPatch, @Ctx() ctx: RequestContext,
    @Arg('correction', () => Boolean, { nullable: true, description: 'True when the earlier value was wrong (LED Art. 16): needs a reason.' }) correction?: boolean, @Arg('reason', () => String, { nullable: true, description: "Why: kept in the record's history." }) reason?: string,
  ) {
    return receiptOf(INTELLIGENCE_REPORT_KIND, await updateRecord(publishingContextOf(ctx), INTELLIGENCE_REPORT_KIND, id, revision, plainValues(INTELLIGENCE_REPORT_KIND, patch), { correction, reason }));
  }
}
