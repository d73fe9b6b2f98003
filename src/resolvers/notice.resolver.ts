import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../context/request-context.js';
import { serviceUnavailable } from '../errors.js';
import type { Notice as InboxNotice } from '../notices/notice-inbox.js';
import { acknowledge, inbox, issued, presentNotice } from '../notices/notice-service.js';
import { ARGUMENT } from '../schema/argument-descriptions.js';
import { Notice, NoticeFilter } from '../schema/notice.type.js';
import type { GatewayRoot } from './gateway-root.js';

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

  @Subscription(() => Notice, {
    description: 'Correction notices addressed to your agency as they are issued (over WebSocket, graphql-ws), whether or not you subscribed '
      + 'to the record: the notices the notices query lists. An escalated notice is sent again with escalated: true.',
    subscribe: ({ args, context, source }) => {
      const subscriptions = (source as GatewayRoot | undefined)?.notices;
      if (!subscriptions) throw serviceUnavailable();
      return subscriptions.open(context as RequestContext, args.after as string | undefined);
    },
  })
  noticeIssued(
    @Root() notice: InboxNotice,
    @Arg('after', () => ID, { nullable: true, description: 'Resume: first deliver, oldest first, the notices issued after this notice id.' }) _after?: string,
  ) {
    return presentNotice(notice);
  }
}
