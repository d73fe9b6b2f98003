import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { PRISONER_KIND } from '../publishing/kinds/prisoner.js';
import { createRecord, updateRecord, upsertRecords } from '../publishing/publish.js';
import { plainValues, receiptOf, recordInputOf, upsertSummary } from '../publishing/receipts.js';
import { publishingContextOf } from '../publishing/request-publishing.js';
import { PrisonerInput, PrisonerPatch } from '../schema/prisoner-input.type.js';
import { UpsertResult, WriteReceipt } from '../schema/publishing.type.js';

/** Prisoner files written by their owner (case managers; health notes by health staff). */
@Resolver()
export class PrisonerWritesResolver {
  @Mutation(() => WriteReceipt, { description: 'Registers a prisoner of your agency. Owner: your agency.' })
  async registerPrisoner(@Arg('input', () => PrisonerInput, { description: "The record's fields and keys; the owner is always your agency." }) input: PrisonerInput, @Ctx() ctx: RequestContext) {
    const record = recordInputOf(PRISONER_KIND, input);
    return receiptOf(PRISONER_KIND, await createRecord(publishingContextOf(ctx), PRISONER_KIND, { ...record, externalId: record.externalId ?? input.prisonNumber }));
  }

  @Mutation(() => WriteReceipt, { description: 'Changes a prisoner at `revision` (CONFLICT if it moved on). `correction: true` with a reason: the earlier value was wrong.' })
  async updatePrisoner(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number,
    @Arg('patch', () => PrisonerPatch, { description: 'The fields to change: omitted fields are unchanged, null clears.' }) patch: PrisonerPatch,
    @Ctx() ctx: RequestContext,
    @Arg('correction', () => Boolean, { nullable: true, description: 'True when the earlier value was wrong (LED Art. 16): needs a reason.' }) correction?: boolean,
    @Arg('reason', () => String, { nullable: true, description: "Why: kept in the record's history." }) reason?: string,
  ) {
    return receiptOf(PRISONER_KIND, await updateRecord(publishingContextOf(ctx), PRISONER_KIND, id, revision, plainValues(PRISONER_KIND, patch), { correction, reason }));
  }

  @Mutation(() => UpsertResult, { description: 'Creates or updates up to 500 prisoners by externalId in one transaction; idempotent.' })
  async upsertPrisoners(@Arg('records', () => [PrisonerInput], { description: 'Up to 500 records, each with its externalId.' }) records: PrisonerInput[], @Ctx() ctx: RequestContext) {
    return upsertSummary(await upsertRecords(publishingContextOf(ctx), PRISONER_KIND, records.map((r) => recordInputOf(PRISONER_KIND, r))));
  }
}
