import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { RELEASE_PLAN_KIND } from '../publishing/kinds/release-plan.js';
import { createRecord, updateRecord, upsertRecords } from '../publishing/publish.js';
import { plainValues, receiptOf, recordInputOf, upsertSummary } from '../publishing/receipts.js';
import { publishingContextOf } from '../publishing/request-publishing.js';
import { UpsertResult, WriteReceipt } from '../schema/publishing.type.js';
import { ReleasePlanInput, ReleasePlanPatch } from '../schema/release-plan-input.type.js';

/** Release plans written by their owner (case managers). */
@Resolver()
export class ReleasePlanWritesResolver {
  @Mutation(() => WriteReceipt, { description: 'Creates a release plan for one of your agency\'s prisoners.' })
  async createReleasePlan(@Arg('input', () => ReleasePlanInput, { description: "The record's fields and keys; the owner is always your agency." }) input: ReleasePlanInput, @Ctx() ctx: RequestContext) {
    return receiptOf(RELEASE_PLAN_KIND, await createRecord(publishingContextOf(ctx), RELEASE_PLAN_KIND, recordInputOf(RELEASE_PLAN_KIND, input)));
  }

  @Mutation(() => WriteReceipt, { description: 'Changes a release plan at `revision` (CONFLICT if it moved on), e.g. its expected release date.' })
  async updateReleasePlan(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number,
    @Arg('patch', () => ReleasePlanPatch, { description: 'The fields to change: omitted fields are unchanged, null clears.' }) patch: ReleasePlanPatch,
    @Ctx() ctx: RequestContext,
    @Arg('correction', () => Boolean, { nullable: true, description: 'True when the earlier value was wrong (LED Art. 16): needs a reason.' }) correction?: boolean,
    @Arg('reason', () => String, { nullable: true, description: "Why: kept in the record's history." }) reason?: string,
  ) {
    return receiptOf(RELEASE_PLAN_KIND, await updateRecord(publishingContextOf(ctx), RELEASE_PLAN_KIND, id, revision, plainValues(RELEASE_PLAN_KIND, patch), { correction, reason }));
  }

  @Mutation(() => UpsertResult, { description: 'Creates or updates up to 500 release plans by externalId in one transaction; idempotent.' })
  async upsertReleasePlans(@Arg('records', () => [ReleasePlanInput], { description: 'Up to 500 records, each with its externalId.' }) records: ReleasePlanInput[], @Ctx() ctx: RequestContext) {
    return upsertSummary(await upsertRecords(publishingContextOf(ctx), RELEASE_PLAN_KIND, records.map((r) => recordInputOf(RELEASE_PLAN_KIND, r))));
  }
}
