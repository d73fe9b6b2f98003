import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Resolver, Root, Subscription } from 'type-graphql';
import type { AlertEvent } from '../alerts/alert-event.js';
import type { DeliveredAlert } from '../alerts/alert-dispatcher.js';
import { prisonerOfEvent, recordOfEvent } from '../alerts/event-records.js';
import type { RecordChangeFilterInput } from '../alerts/subscriptions.js';
import type { RequestContext } from '../context/request-context.js';
import { selectedRecord } from '../enforcement/compiled-read/selection.js';
import { serviceUnavailable } from '../errors.js';
import { RecordChange, RecordChangeFilter } from '../schema/alert.type.js';
import { Prisoner } from '../schema/prisoner.type.js';
import { ReleasePlan } from '../schema/release-plan.type.js';
import { RiskAssessment } from '../schema/risk-assessment.type.js';
import { RiskFlag } from '../schema/risk-flag.type.js';
import type { GatewayRoot } from './gateway-root.js';

@Resolver(() => RecordChange)
export class AlertResolver {
  @Subscription(() => RecordChange, {
    description: 'Changes to records the caller is entitled to see, as they are committed (over WebSocket, graphql-ws). '
      + 'Each is decided with the caller\'s access at delivery: a suspended MoU stops them at once; a record that leaves the '
      + 'caller\'s view gives NO_LONGER_SHARED, only to those who could see it before.',
    subscribe: ({ args, context, source }) => {
      const subscriptions = (source as GatewayRoot | undefined)?.recordChanges;
      if (!subscriptions) throw serviceUnavailable();
      return subscriptions.open(context as RequestContext, args.filter as RecordChangeFilterInput | undefined, args.after as string | undefined);
    },
  })
  recordChanges(
    @Root() delivered: DeliveredAlert,
    @Arg('filter', () => RecordChangeFilter, { nullable: true, description: 'Which changes; all the caller may see when omitted.' }) _filter?: RecordChangeFilter,
    @Arg('after', () => ID, { nullable: true, description: 'Resume: first deliver the changes after this event id that the caller may see now.' }) _after?: string,
  ): AlertEvent {
    return delivered.event;
  }

  @FieldResolver(() => Prisoner, { nullable: true, description: 'The prisoner as the caller may see them now (a disclosure, logged before the event is sent).' })
  prisoner(@Root() event: AlertEvent, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return prisonerOfEvent(ctx, event, selectedRecord('Prisoner', info));
  }

  @FieldResolver(() => RiskFlag, { nullable: true, description: 'The flag, for a change to a flag, as the caller may see it now.' })
  riskFlag(@Root() event: AlertEvent, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return recordOfEvent(ctx, event, 'RiskFlag', selectedRecord('RiskFlag', info));
  }

  @FieldResolver(() => ReleasePlan, { nullable: true, description: 'The release plan, for a change to one, as the caller may see it now.' })
  releasePlan(@Root() event: AlertEvent, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return recordOfEvent(ctx, event, 'ReleasePlan', selectedRecord('ReleasePlan', info));
  }

  @FieldResolver(() => RiskAssessment, { nullable: true, description: 'The assessment, for a change to one, as the caller may see it now.' })
  riskAssessment(@Root() event: AlertEvent, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return recordOfEvent(ctx, event, 'RiskAssessment', selectedRecord('RiskAssessment', info));
  }
}
