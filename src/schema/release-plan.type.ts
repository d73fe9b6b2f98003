import { GraphQLDateTimeISO, GraphQLLocalDate } from './date-scalars.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { PlainText, PlausibleInstant } from './validation.js';
import { LicenceConditionType, ReleaseType } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'A condition of release on licence.' })
export class LicenceCondition {
  @Field(() => LicenceConditionType, { description: 'The kind of condition.' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'The condition\'s terms (area, hours, names), when it has any.' })
  details!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Release and supervision arrangements.' })
export class ReleasePlan {
  @Field(() => ID, { description: 'The record\'s id (a UUID), stable across revisions.' })
  id!: string;

  @Field(() => Agency, { description: 'The agency that owns the record (its data controller); only it writes the record.' })
  ownerAgency!: Agency;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The expected release date.' })
  expectedReleaseDate!: string | null;

  @Field(() => ReleaseType, { nullable: true, description: 'How the prisoner is to be released.' })
  releaseType!: string | null;

  @Field(() => String, { nullable: true, description: 'Sensitive: shared only where a clause names it.' })
  releaseAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'The probation office that will supervise.' })
  supervisingOffice!: string | null;

  @Field(() => [LicenceCondition], { nullable: true, description: 'The licence conditions, in order.' })
  licenceConditions!: LicenceCondition[] | null;

  @Field(() => [String], { nullable: true, description: 'Services arranged for after release.' })
  postReleaseServices!: string[] | null;

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

export const ReleasePlanConnection = connectionOf(ReleasePlan, 'ReleasePlan');

@InputType({ description: 'Conditions on release plans; every condition given must hold.' })
export class ReleasePlanFilter {
  @Field(() => Int, { nullable: true, description: 'Expected release between today and this many days from now.' })
  @IsOptional() @Min(0) @Max(3660)
  releaseWithinDays?: number;

  @Field(() => String, { nullable: true, description: 'Plans supervised by this office.' })
  @IsOptional() @Length(1, 100) @PlainText()
  supervisingOffice?: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Records created or changed at or after this instant.' })
  @IsOptional() @PlausibleInstant()
  changedSince?: Date;
}
