import { GraphQLDateTimeISO } from './date-scalars.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ALERT_TYPES } from '../alerts/alert-event.js';
import { graphqlEnum, RiskLevel, SubjectType } from './enums.type.js';

export const AlertType = graphqlEnum(ALERT_TYPES, 'AlertType', 'What happened to a record, as far as the recipient may know.');
export const ChangeKind = graphqlEnum(['CREATE', 'UPDATE', 'CORRECTION', 'WITHDRAWAL'] as const, 'ChangeKind', 'The kind of change the owner made.');

@ObjectType({
  description: 'A change to a record the recipient is entitled to hear of, decided with its current access when delivered. '
    + 'Minimal: ids, kind and time; content comes from the ordinary queries, or from the record fields below '
    + '(masked per row as a query would be, each delivery logged as a disclosure before it is sent).',
})
export class RecordChange {
  @Field(() => ID, { description: 'Stable event id (the same change always has the same id); pass it as `after` to resume.' })
  id!: string;

  @Field(() => AlertType, { description: 'What happened, as far as the recipient may know.' })
  type!: string;

  @Field(() => ChangeKind, { description: 'The kind of change the owner made.' })
  change!: string;

  @Field(() => SubjectType, { description: 'The kind of record that changed.' })
  subject!: string;

  @Field(() => ID, { description: 'The record that changed.' })
  recordId!: string;

  @Field(() => ID, { nullable: true, description: 'The prisoner the record belongs to; null when the recipient may not see that prisoner.' })
  prisonerId!: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When the owner committed the change.' })
  occurredAt!: Date;

  @Field(() => [String], { description: 'The changed fields the recipient may see (none for NO_LONGER_SHARED).' })
  fields!: string[];
}

@InputType({ description: 'Narrows record changes; every part is optional and parts combine with AND.' })
export class RecordChangeFilter {
  @Field(() => [SubjectType], { nullable: true, description: 'Only changes to these kinds of record.' })
  subjects?: string[];

  @Field(() => [AlertType], { nullable: true, description: 'Only these types of event.' })
  types?: string[];

  @Field(() => [ChangeKind], { nullable: true, description: 'Only these kinds of change.' })
  changeKinds?: string[];

  @Field(() => ID, { nullable: true, description: 'Only changes concerning this prisoner.' })
  prisonerId?: string;

  @Field(() => RiskLevel, { nullable: true, description: 'Only risk flags at least this severe (whose severity the recipient may see).' })
  minSeverity?: string;

  @Field(() => Int, { nullable: true, description: 'Only prisoners and release plans whose release date is between today and this many days from now (0–3660).' })
  releaseWithinDays?: number;
}
