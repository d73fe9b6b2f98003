import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { acknowledge, inbox, issued } from '../notices/notice-service.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';
import { Notice, NoticeFilter } from '../schema/notice.type.js';

/** Correction notices: the recipient agency's inbox and acknowledgement; the owner's view of who acknowledged. */
@Resolver(() => Notice)
export class NoticeResolver {
  @Query(() => [Notice], { description: 'Correction notices addressed to your agency, newest first: records your staff received were corrected or withdrawn.' })
  notices(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => NoticeFilter, { nullable: true, description: 'Only notices matching every condition given.' }) filter?: NoticeFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The id of the last notice of the previous page; omitted: the first page.' }) after?: string,
  ) {
    return inbox(ctx, filter ?? {}, first, after);
  }

  @Query(() => [Notice], { description: 'Notices issued about your agency\'s records, with who has and has not acknowledged (MOU_ADMIN; the inspectorate\'s auditors see every notice).' })
  issuedNotices(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => NoticeFilter, { nullable: true, description: 'Only notices matching every condition given.' }) filter?: NoticeFilter,
    @Arg('first', () => Int, { nullable: true, description: ARGUMENT.first }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The id of the last notice of the previous page; omitted: the first page.' }) after?: string,
  ) {
    return issued(ctx, filter ?? {}, first, after);
  }

  @Mutation(() => Notice, { description: 'Acknowledges a notice addressed to your agency (the first acknowledgement stands).' })
  acknowledgeNotice(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The notice\'s id.' }) id: string) {
    return acknowledge(ctx, id);
  }
}
