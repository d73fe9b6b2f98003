import { GraphQLDateTimeISO, GraphQLLocalDate } from './date-scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Agency, Handling } from './common.type.js';
import { PlacementApproach, SecurityLevel } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'Security category and, for violent extremist prisoners, the placement approach.' })
export class Classification {
  @Field(() => ID, { description: 'The record\'s id (a UUID), stable across revisions.' })
  id!: string;

  @Field(() => Agency, { description: 'The agency that owns the record (its data controller); only it writes the record.' })
  ownerAgency!: Agency;

  @Field(() => SecurityLevel, { nullable: true, description: 'The prisoner\'s security category.' })
  securityCategory!: string | null;

  @Field(() => PlacementApproach, { nullable: true, description: 'How the prisoner is placed.' })
  placementApproach!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the classification was decided.' })
  decidedOn!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it is due for review.' })
  reviewDate!: string | null;

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
