import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, IsUUID, Length } from 'class-validator';
import { INTELLIGENCE_PRIORITIES, type IntelligencePriority as Priority } from '../domain/enums.js';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { PlainText, PlausibleInstant } from './validation.js';
import { GradingScheme, IntelligencePriority } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'Sanitised, graded intelligence. The source\'s identity never leaves the originator.' })
export class IntelligenceReport {
  @Field(() => ID)
  id!: string;

  @Field(() => Agency)
  ownerAgency!: Agency;

  @Field(() => GradingScheme, { nullable: true })
  gradingScheme!: string | null;

  @Field(() => String, { nullable: true, description: 'Source evaluation under the grading scheme (e.g. 1–3 under UK 3x5x2).' })
  sourceEvaluation!: string | null;

  @Field(() => String, { nullable: true, description: 'Intelligence assessment under the grading scheme (e.g. A–E under UK 3x5x2).' })
  intelligenceAssessment!: string | null;

  @Field(() => String, { nullable: true, description: 'Handling code under the grading scheme (e.g. P or C).' })
  handlingCode!: string | null;

  @Field(() => String, { nullable: true })
  sanitisedText!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion: never leaves the originating agency.' })
  sourceReference!: string | null;

  @Field(() => IntelligencePriority, { nullable: true })
  priority!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  createdAt!: Date | null;

  @Field(() => Handling)
  handling!: Handling;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}

export const IntelligenceReportConnection = connectionOf(IntelligenceReport, 'IntelligenceReport');

@InputType()
export class IntelligenceReportFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional() @IsUUID()
  prisonerId?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional() @ArrayMaxSize(10) @Length(1, 8, { each: true }) @PlainText({ each: true })
  handlingCodes?: string[];

  @Field(() => [IntelligencePriority], { nullable: true })
  @IsOptional() @ArrayMaxSize(INTELLIGENCE_PRIORITIES.length)
  priorities?: Priority[];

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @IsOptional() @PlausibleInstant()
  createdSince?: Date;
}
