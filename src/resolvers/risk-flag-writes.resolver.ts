import { GraphQLLocalDate } from '../schema/date-scalars.js';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { RISK_FLAG_KIND } from '../publishing/kinds/risk-flag.js';
import { createRecord, updateRecord, upsertRecords } from '../publishing/publish.js';
import { receiptOf, recordInputOf, upsertSummary, plainValues } from '../publishing/receipts.js';
import { publishingContextOf } from '../publishing/request-publishing.js';
import { RiskLevel } from '../schema/enums.type.js';
import { UpsertResult, WriteReceipt } from '../schema/publishing.type.js';
import { RiskFlagInput, RiskFlagPatch } from '../schema/risk-flag-input.type.js';

/**
 * Risk flags written by their owner: raise, update (or correct), review, close, upsert.
 * Withdrawal is `withdrawRecord`. Only staff of the owning agency whose roles allow it write.
 */
@Resolver()
export class RiskFlagWritesResolver {
  @Mutation(() => WriteReceipt, { description: 'Raises a risk flag on one of your agency\'s prisoners. Owner: your agency.' })
  async raiseRiskFlag(@Arg('input', () => RiskFlagInput, { description: "The record's fields and keys; the owner is always your agency." }) input: RiskFlagInput, @Ctx() ctx: RequestContext) {
    return receiptOf(RISK_FLAG_KIND, await createRecord(publishingContextOf(ctx), RISK_FLAG_KIND, recordInputOf(RISK_FLAG_KIND, input)));
  }

  @Mutation(() => WriteReceipt, { description: 'Changes a flag at `revision` (CONFLICT if it moved on). `correction: true` with a reason: the earlier value was wrong.' })
  async updateRiskFlag(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number,
    @Arg('patch', () => RiskFlagPatch, { description: 'The fields to change: omitted fields are unchanged, null clears.' }) patch: RiskFlagPatch,
    @Ctx() ctx: RequestContext,
    @Arg('correction', () => Boolean, { nullable: true, description: 'True when the earlier value was wrong (LED Art. 16): needs a reason.' }) correction?: boolean,
    @Arg('reason', () => String, { nullable: true, description: "Why: kept in the record's history." }) reason?: string,
  ) {
    const result = await updateRecord(publishingContextOf(ctx), RISK_FLAG_KIND, id, revision, plainValues(RISK_FLAG_KIND, patch), { correction, reason });
    return receiptOf(RISK_FLAG_KIND, result);
  }

  @Mutation(() => WriteReceipt, { description: 'Records a review: the next review date and, if it changed, the severity.' })
  async reviewRiskFlag(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number,
    @Arg('reviewDate', () => GraphQLLocalDate, { description: 'The next review date.' }) reviewDate: string,
    @Ctx() ctx: RequestContext,
    @Arg('severity', () => RiskLevel, { nullable: true, description: 'The severity after the review, if it changed.' }) severity?: string,
    @Arg('reason', () => String, { nullable: true, description: "Why: kept in the record's history." }) reason?: string,
  ) {
    const values = severity ? { reviewDate, severity } : { reviewDate };
    return receiptOf(RISK_FLAG_KIND, await updateRecord(publishingContextOf(ctx), RISK_FLAG_KIND, id, revision, values, { reason }));
  }

  @Mutation(() => WriteReceipt, { description: 'Closes a flag that no longer applies (status EXPIRED); it stays on record and shared as EXPIRED.' })
  async closeRiskFlag(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number,
    @Ctx() ctx: RequestContext,
    @Arg('reason', () => String, { nullable: true, description: "Why: kept in the record's history." }) reason?: string,
  ) {
    return receiptOf(RISK_FLAG_KIND, await updateRecord(publishingContextOf(ctx), RISK_FLAG_KIND, id, revision, { status: 'EXPIRED' }, { reason }));
  }

  @Mutation(() => UpsertResult, { description: 'Creates or updates up to 500 flags by externalId in one transaction; idempotent. Rejected records come back with every problem.' })
  async upsertRiskFlags(@Arg('records', () => [RiskFlagInput], { description: 'Up to 500 records, each with its externalId.' }) records: RiskFlagInput[], @Ctx() ctx: RequestContext) {
    return upsertSummary(await upsertRecords(publishingContextOf(ctx), RISK_FLAG_KIND, records.map((r) => recordInputOf(RISK_FLAG_KIND, r))));
  }
}
