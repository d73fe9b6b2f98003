import { GraphQLDateTimeISO, GraphQLLocalDate } from './date-scalars.js';
import { Field, ID, Int, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { RISK_FLAG_CATEGORIES, RISK_FLAG_STATUSES, type RiskFlagCategory as Category, type RiskFlagStatus as Status, type RiskLevel as Level } from '../domain/enums.js';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { PlausibleInstant } from './validation.js';
import { RiskFlagBasis, RiskFlagCategory, RiskFlagStatus, RiskLevel } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'A short, shareable risk marker on a prisoner. Fields a clause withholds are null and listed in extensions.liaison.redactions.' })
export class RiskFlag {
  @Field(() => ID, { description: 'The record\'s id (a UUID), stable across revisions.' })
  id!: string;

  @Field(() => Agency, { description: 'The agency that owns the record (its data controller); only it writes the record.' })
  ownerAgency!: Agency;

  @Field(() => RiskFlagCategory, { nullable: true, description: 'What the flag warns of.' })
  category!: string | null;

  @Field(() => RiskLevel, { nullable: true, description: 'How severe the risk is.' })
  severity!: string | null;

  @Field(() => RiskFlagStatus, { nullable: true, description: 'Whether the flag is in force.' })
  status!: string | null;

  @Field(() => RiskFlagBasis, { nullable: true, description: 'What the flag rests on.' })
  basis!: string | null;

  @Field(() => String, { nullable: true, description: 'The warning in a few words, written to be shared.' })
  summary!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the flag was raised.' })
  raisedAt!: Date | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the flag is due for review.' })
  reviewDate!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the review date has passed: the flag is stale until reviewed.' })
  stale!: boolean | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the flag last changed.' })
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

export const RiskFlagConnection = connectionOf(RiskFlag, 'RiskFlag');

@InputType({ description: 'Conditions on risk flags; every condition given must hold.' })
export class RiskFlagFilter {
  @Field(() => ID, { nullable: true, description: 'Flags on this prisoner.' })
  @IsOptional() @IsUUID()
  prisonerId?: string;

  @Field(() => [RiskFlagCategory], { nullable: true, description: 'Flags of these categories.' })
  @IsOptional() @ArrayMaxSize(RISK_FLAG_CATEGORIES.length)
  categories?: Category[];

  @Field(() => RiskLevel, { nullable: true, description: 'This severity and above.' })
  minSeverity?: Level;

  @Field(() => [RiskFlagStatus], { nullable: true, description: 'Flags in this status.' })
  @IsOptional() @ArrayMaxSize(RISK_FLAG_STATUSES.length)
  status?: Status[];

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Flags changed at or after this time.' })
  @IsOptional() @PlausibleInstant()
  updatedSince?: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Records created or changed at or after this instant.' })
  @IsOptional() @PlausibleInstant()
  changedSince?: Date;
}
