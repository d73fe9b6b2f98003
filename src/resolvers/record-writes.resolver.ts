import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { withdrawRecord } from '../publishing/publish.js';
import { receiptOf } from '../publishing/receipts.js';
import { recordHistory } from '../publishing/record-history.js';
import { recordKindOf } from '../publishing/record-kinds.js';
import { publishingContextOf } from '../publishing/request-publishing.js';
import { SubjectType } from '../schema/enums.type.js';
import { RecordHistory, WriteReceipt } from '../schema/publishing.type.js';

/** What every kind of record shares: withdrawal and history. */
@Resolver()
export class RecordWritesResolver {
  @Mutation(() => WriteReceipt, { description: 'Withdraws one of your agency\'s records at `revision`, with a reason (raised in error, court order, retention ended): it disappears for every recipient and your ordinary staff at once; its keepers and auditors see the tombstone in recordHistory.' })
  async withdrawRecord(
    @Arg('subject', () => SubjectType, { description: 'The kind of record.' }) subject: string,
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('revision', () => Int, { description: 'The revision you last read; another one is a CONFLICT and nothing changes.' }) revision: number,
    @Arg('reason', () => String, { description: 'Why it is withdrawn (raised in error, court order, retention ended): kept on the tombstone.' }) reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    const kind = recordKindOf(subject);
    return receiptOf(kind, await withdrawRecord(publishingContextOf(ctx), kind, id, revision, reason));
  }

  @Query(() => RecordHistory, { description: 'Every revision of a record (who, when, channel, reason, fields before and after) and its tombstone if withdrawn. For the owner\'s keepers of the record and for auditors (who see no values).' })
  recordHistory(@Arg('subject', () => SubjectType, { description: 'The kind of record.' }) subject: string, @Arg('id', () => ID, { description: "The record's id." }) id: string, @Ctx() ctx: RequestContext) {
    return recordHistory(ctx, subject, id);
  }
}
