import { GraphQLDateTimeISO, GraphQLLocalDate } from './date-scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Agency, Handling } from './common.type.js';
import { InterventionKind, InterventionStatus } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'Participation in a programme: status and dates are shareable, session notes are not.' })
export class Intervention {
  @Field(() => ID, { description: 'The record\'s id (a UUID), stable across revisions.' })
  id!: string;

  @Field(() => Agency, { description: 'The agency that owns the record (its data controller); only it writes the record.' })
  ownerAgency!: Agency;

  @Field(() => String, { nullable: true, description: 'The programme\'s name.' })
  programme!: string | null;

  @Field(() => InterventionKind, { nullable: true, description: 'The kind of programme.' })
  kind!: string | null;

  @Field(() => InterventionStatus, { nullable: true, description: 'Participation status.' })
  status!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When participation started.' })
  startedOn!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it ended.' })
  endedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Notes from the sessions.' })
  sessionNotes!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the record last changed.' })
  updatedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The record\'s key in its owner\'s system of record.' })
  externalId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Incremented by every change; quoted by updates (optimistic concurrency).' })
  revision!: number | null;

  @Field(() => Handling, { description: 'Handling marks that travel with the record: the stricter of the record\'s and the granting clause\'s.' })
  handling!: Handling;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}
