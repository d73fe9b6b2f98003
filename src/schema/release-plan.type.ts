import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { PlainText } from './validation.js';
import { LicenceConditionType, ReleaseType } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true })
export class LicenceCondition {
  @Field(() => LicenceConditionType)
  type!: string;

  @Field(() => String, { nullable: true })
  details!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Release and supervision arrangements.' })
export class ReleasePlan {
  @Field(() => ID)
  id!: string;

  @Field(() => Agency)
  ownerAgency!: Agency;

  @Field(() => GraphQLLocalDate, { nullable: true })
  expectedReleaseDate!: string | null;

  @Field(() => ReleaseType, { nullable: true })
  releaseType!: string | null;

  @Field(() => String, { nullable: true, description: 'Sensitive: shared only where a clause names it.' })
  releaseAddress!: string | null;

  @Field(() => String, { nullable: true })
  supervisingOffice!: string | null;

  @Field(() => [LicenceCondition], { nullable: true })
  licenceConditions!: LicenceCondition[] | null;

  @Field(() => [String], { nullable: true })
  postReleaseServices!: string[] | null;

  @Field(() => Handling)
  handling!: Handling;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}

export const ReleasePlanConnection = connectionOf(ReleasePlan, 'ReleasePlan');

@InputType()
export class ReleasePlanFilter {
  @Field(() => Int, { nullable: true, description: 'Expected release between today and this many days from now.' })
  @IsOptional() @Min(0) @Max(3660)
  releaseWithinDays?: number;

  @Field(() => String, { nullable: true })
  @IsOptional() @Length(1, 100) @PlainText()
  supervisingOffice?: string;
}
