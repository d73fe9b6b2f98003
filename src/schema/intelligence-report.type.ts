import { GraphQLDateTimeISO } from './date-scalars.js';
import { Field, ID, Int, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, IsUUID, Length } from 'class-validator';
import { INTELLIGENCE_PRIORITIES, type IntelligencePriority as Priority } from '../domain/enums.js';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { PlainText, PlausibleInstant } from './validation.js';
import { GradingScheme, IntelligencePriority } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'Sanitised, graded intelligence. The source\'s identity never leaves the originator.' })
export class IntelligenceReport {
  @Field(() => ID, { description: 'The record\'s id (a UUID), stable across revisions.' })
  id!: string;

  @Field(() => Agency, { description: 'The agency that owns the record (its data controller); only it writes the record.' })
  ownerAgency!: Agency;

  @Field(() => GradingScheme, { nullable: true, description: 'The grading scheme its evaluation and handling code follow.' })
  gradingScheme!: string | null;

  @Field(() => String, { nullable: true, description: 'Source evaluation under the grading scheme (e.g. 1–3 under UK 3x5x2).' })
  sourceEvaluation!: string | null;

  @Field(() => String, { nullable: true, description: 'Intelligence assessment under the grading scheme (e.g. A–E under UK 3x5x2).' })
  intelligenceAssessment!: string | null;

  @Field(() => String, { nullable: true, description: 'Handling code under the grading scheme (e.g. P or C).' })
  handlingCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The sanitised intelligence, as the originator published it for sharing.' })
  sanitisedText!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion: never leaves the originating agency.' })
  sourceReference!: string | null;

  @Field(() => IntelligencePriority, { nullable: true, description: 'How urgently it should be acted on.' })
  priority!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the report was recorded.' })
  createdAt!: Date | null;

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

export const IntelligenceReportConnection = connectionOf(IntelligenceReport, 'IntelligenceReport');

@InputType({ description: 'Conditions on intelligence reports; every condition given must hold.' })
export class IntelligenceReportFilter {
  @Field(() => ID, { nullable: true, description: 'Reports about this prisoner.' })
  @IsOptional() @IsUUID()
  prisonerId?: string;

  @Field(() => [String], { nullable: true, description: 'Reports with one of these handling codes.' })
  @IsOptional() @ArrayMaxSize(10) @Length(1, 8, { each: true }) @PlainText({ each: true })
  handlingCodes?: string[];

  @Field(() => [IntelligencePriority], { nullable: true, description: 'Reports of these priorities.' })
  @IsOptional() @ArrayMaxSize(INTELLIGENCE_PRIORITIES.length)
  priorities?: Priority[];

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Reports recorded at or after this time.' })
  @IsOptional() @PlausibleInstant()
  createdSince?: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Records created or changed at or after this instant.' })
  @IsOptional() @PlausibleInstant()
  changedSince?: Date;
}
