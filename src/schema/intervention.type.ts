import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Agency, Handling } from './common.type.js';
import { InterventionKind, InterventionStatus } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'Participation in a programme: status and dates are shareable, session notes are not.' })
export class Intervention {
  @Field(() => ID)
  id!: string;

  @Field(() => Agency)
  ownerAgency!: Agency;

  @Field(() => String, { nullable: true })
  programme!: string | null;

  @Field(() => InterventionKind, { nullable: true })
  kind!: string | null;

  @Field(() => InterventionStatus, { nullable: true })
  status!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startedOn!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endedOn!: string | null;

  @Field(() => String, { nullable: true })
  sessionNotes!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the record last changed.' })
  updatedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The record\'s key in its owner\'s system of record.' })
  externalId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Incremented by every change; quoted by updates (optimistic concurrency).' })
  revision!: number | null;

  @Field(() => Handling)
  handling!: Handling;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}
