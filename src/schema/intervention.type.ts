import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
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

  @Field(() => Handling)
  handling!: Handling;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}
