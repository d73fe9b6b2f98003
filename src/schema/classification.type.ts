import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Agency, Handling } from './common.type.js';
import { PlacementApproach, SecurityLevel } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'Security category and, for violent extremist prisoners, the placement approach.' })
export class Classification {
  @Field(() => ID)
  id!: string;

  @Field(() => Agency)
  ownerAgency!: Agency;

  @Field(() => SecurityLevel, { nullable: true })
  securityCategory!: string | null;

  @Field(() => PlacementApproach, { nullable: true })
  placementApproach!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  decidedOn!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  reviewDate!: string | null;

  @Field(() => Handling)
  handling!: Handling;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}
