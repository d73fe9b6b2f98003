import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { Mou } from '../schema/mou.type.js';
import { MouClauseInput, MouClausePatch, MouDraftInput, MouTermsPatch } from '../schema/mou-inputs.type.js';
import { addMouClause, createMouDraft, removeMouClause, updateMouClause, updateMouDraft } from '../mou/drafts.js';
import { amendMou, approveMou, resumeMou, submitMou, suspendMou, terminateMou } from '../mou/transitions.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

/**
 * MoU administration for MOU_ADMINs (no Liaison-Purpose needed: no personal data is read).
 * Every call, successful or refused, is in the admin audit log; a refusal names its rule in
 * the message and in `extensions.rule`.
 */
@Resolver(() => Mou)
export class MouLifecycleResolver {
  @Mutation(() => Mou, { description: 'Drafts a new MoU (version 1) from your agency, as provider. MOU_ADMIN.' })
  createMouDraft(@Arg('input', () => MouDraftInput, { description: ARGUMENT.mouDraft }) input: MouDraftInput, @Ctx() ctx: RequestContext) {
    return createMouDraft(ctx, input);
  }

  @Mutation(() => Mou, { description: 'Changes a DRAFT or PENDING_APPROVAL MoU\'s terms; voids approvals and returns it to DRAFT. Provider\'s MOU_ADMIN.' })
  updateMouDraft(@Arg('id', () => ID, { description: ARGUMENT.mouId }) id: string, @Arg('patch', () => MouTermsPatch, { description: ARGUMENT.termsPatch }) patch: MouTermsPatch, @Ctx() ctx: RequestContext) {
    return updateMouDraft(ctx, id, patch);
  }

  @Mutation(() => Mou, { description: 'Adds a clause to a DRAFT or PENDING_APPROVAL MoU; voids approvals. Provider\'s MOU_ADMIN.' })
  addMouClause(@Arg('mouId', () => ID, { description: ARGUMENT.mouId }) mouId: string, @Arg('clause', () => MouClauseInput, { description: ARGUMENT.clause }) clause: MouClauseInput, @Ctx() ctx: RequestContext) {
    return addMouClause(ctx, mouId, clause);
  }

  @Mutation(() => Mou, { description: 'Changes a clause of a DRAFT or PENDING_APPROVAL MoU; voids approvals. Provider\'s MOU_ADMIN.' })
  updateMouClause(@Arg('clauseId', () => ID, { description: ARGUMENT.clauseId }) clauseId: string, @Arg('patch', () => MouClausePatch, { description: ARGUMENT.clausePatch }) patch: MouClausePatch, @Ctx() ctx: RequestContext) {
    return updateMouClause(ctx, clauseId, patch);
  }

  @Mutation(() => Mou, { description: 'Removes a clause from a DRAFT or PENDING_APPROVAL MoU; voids approvals. Provider\'s MOU_ADMIN.' })
  removeMouClause(@Arg('clauseId', () => ID, { description: ARGUMENT.clauseId }) clauseId: string, @Ctx() ctx: RequestContext) {
    return removeMouClause(ctx, clauseId);
  }

  @Mutation(() => Mou, { description: 'DRAFT → PENDING_APPROVAL, once the text is complete and valid. Provider\'s MOU_ADMIN.' })
  submitMou(@Arg('id', () => ID, { description: ARGUMENT.mouId }) id: string, @Ctx() ctx: RequestContext, @Arg('reason', () => String, { nullable: true, description: ARGUMENT.reasonOptional }) reason?: string) {
    return submitMou(ctx, id, reason ?? null);
  }

  @Mutation(() => Mou, { description: 'Approves for your agency. With both parties\' approvals: APPROVED, and ACTIVE from validFrom. Not by an author of the version; one person approves for one party. MOU_ADMIN of either party.' })
  approveMou(@Arg('id', () => ID, { description: ARGUMENT.mouId }) id: string, @Ctx() ctx: RequestContext, @Arg('reason', () => String, { nullable: true, description: ARGUMENT.reasonOptional }) reason?: string) {
    return approveMou(ctx, id, reason ?? null);
  }

  @Mutation(() => Mou, { description: 'ACTIVE → SUSPENDED at once, everywhere; a reason is required. MOU_ADMIN of either party.' })
  suspendMou(@Arg('id', () => ID, { description: ARGUMENT.mouId }) id: string, @Arg('reason', () => String, { description: ARGUMENT.reasonRequired }) reason: string, @Ctx() ctx: RequestContext) {
    return suspendMou(ctx, id, reason);
  }

  @Mutation(() => Mou, { description: 'SUSPENDED → ACTIVE. MOU_ADMIN of the party that suspended it.' })
  resumeMou(@Arg('id', () => ID, { description: ARGUMENT.mouId }) id: string, @Ctx() ctx: RequestContext, @Arg('reason', () => String, { nullable: true, description: ARGUMENT.reasonOptional }) reason?: string) {
    return resumeMou(ctx, id, reason ?? null);
  }

  @Mutation(() => Mou, { description: 'Ends the MoU for good (from any status but EXPIRED, TERMINATED, SUPERSEDED); a reason is required. MOU_ADMIN of either party.' })
  terminateMou(@Arg('id', () => ID, { description: ARGUMENT.mouId }) id: string, @Arg('reason', () => String, { description: ARGUMENT.reasonRequired }) reason: string, @Ctx() ctx: RequestContext) {
    return terminateMou(ctx, id, reason);
  }

  @Mutation(() => Mou, { description: 'Creates version n+1 of an ACTIVE or SUSPENDED MoU as a DRAFT copy; n stays in force until n+1 is activated, then is SUPERSEDED. Provider\'s MOU_ADMIN.' })
  amendMou(@Arg('id', () => ID, { description: ARGUMENT.mouId }) id: string, @Ctx() ctx: RequestContext, @Arg('reason', () => String, { nullable: true, description: ARGUMENT.reasonOptional }) reason?: string) {
    return amendMou(ctx, id, reason ?? null);
  }
}
