import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { RISK_FLAG_CATEGORIES, RISK_FLAG_STATUSES, type RiskFlagCategory as Category, type RiskFlagStatus as Status, type RiskLevel as Level } from '../domain/enums.js';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { PlausibleInstant } from './validation.js';
import { RiskFlagBasis, RiskFlagCategory, RiskFlagStatus, RiskLevel } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'A short, shareable risk marker on a prisoner. Fields a clause withholds are null and listed in extensions.liaison.redactions.' })
export class RiskFlag {
  @Field(() => ID)
  id!: string;

  @Field(() => Agency)
  ownerAgency!: Agency;

  @Field(() => RiskFlagCategory, { nullable: true })
  category!: string | null;

  @Field(() => RiskLevel, { nullable: true })
  severity!: string | null;

  @Field(() => RiskFlagStatus, { nullable: true })
  status!: string | null;

  @Field(() => RiskFlagBasis, { nullable: true })
  basis!: string | null;

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  raisedAt!: Date | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  reviewDate!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the review date has passed: the flag is stale until reviewed.' })
  stale!: boolean | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => Handling)
  handling!: Handling;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}

export const RiskFlagConnection = connectionOf(RiskFlag, 'RiskFlag');

@InputType()
export class RiskFlagFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional() @IsUUID()
  prisonerId?: string;

  @Field(() => [RiskFlagCategory], { nullable: true })
  @IsOptional() @ArrayMaxSize(RISK_FLAG_CATEGORIES.length)
  categories?: Category[];

  @Field(() => RiskLevel, { nullable: true, description: 'This severity and above.' })
  minSeverity?: Level;

  @Field(() => [RiskFlagStatus], { nullable: true })
  @IsOptional() @ArrayMaxSize(RISK_FLAG_STATUSES.length)
  status?: Status[];

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @IsOptional() @PlausibleInstant()
  updatedSince?: Date;
}
