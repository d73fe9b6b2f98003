import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { Mou, MouConnection } from '../schema/mou.type.js';
import { MouImpact } from '../schema/mou-impact.type.js';
import { MouFilter } from '../schema/mou-inputs.type.js';
import { previewMouImpact } from '../mou/impact-preview.js';
import { getMou, listMous, versionsOf } from '../mou/queries.js';
import type { MouView } from '../mou/views.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';

/** Reading MoUs: the two parties' staff and the inspectorate's auditors; to anyone else an MoU does not exist. */
@Resolver(() => Mou)
export class MouResolver {
  @Query(() => MouConnection, { description: 'The MoU versions you may see (your agency is a party, or you are an inspectorate auditor), by reference and version, a page at a time.' })
  mous(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => MouFilter, { nullable: true, description: ARGUMENT.mouFilter }) filter?: MouFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: ARGUMENT.after }) after?: string,
  ) {
    return listMous(ctx, filter, { first, after });
  }

  @Query(() => Mou, { nullable: true, description: 'One MoU version by id, or by reference (latest version unless version is given); null with NOT_FOUND when absent or not visible to you (indistinguishable).' })
  mou(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true, description: ARGUMENT.mouId }) id?: string,
    @Arg('reference', () => String, { nullable: true, description: ARGUMENT.mouReference }) reference?: string,
    @Arg('version', () => Int, { nullable: true, description: ARGUMENT.mouVersion }) version?: number,
  ) {
    return getMou(ctx, { id, reference, version });
  }

  @Query(() => MouImpact, { description: 'What the recipient would gain and lose if this draft, pending or approved version came into force in place of the version in force now. MOU_ADMINs of either party and inspectorate auditors.' })
  mouImpact(@Arg('id', () => ID, { description: ARGUMENT.mouId }) id: string, @Ctx() ctx: RequestContext) {
    return previewMouImpact(ctx, id);
  }

  @FieldResolver(() => [Mou], { description: 'Every version of this MoU (same reference), oldest first.' })
  versions(@Root() mou: MouView, @Ctx() ctx: RequestContext) {
    return versionsOf(ctx, mou.reference);
  }
}
