import { GraphQLDateTimeISO, GraphQLLocalDate } from './date-scalars.js';
import { Field, ID, Int, InputType, ObjectType } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import type { RiskLevel as Level } from '../domain/enums.js';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { PlausibleInstant } from './validation.js';
import { RiskLevel } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'A domain of a risk-assessment tool, with its rating.' })
export class AssessmentDomain {
  @Field(() => String, { description: 'The tool\'s domain code.' })
  code!: string;

  @Field(() => String, { description: 'The rating in that domain.' })
  rating!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A structured professional judgement (VERA-2R, ERG22+): a personal assessment, kept apart from facts (LED Art. 7).',
})
export class RiskAssessment {
  @Field(() => ID, { description: 'The record\'s id (a UUID), stable across revisions.' })
  id!: string;

  @Field(() => Agency, { description: 'The agency that owns the record (its data controller); only it writes the record.' })
  ownerAgency!: Agency;

  @Field(() => String, { nullable: true, description: 'The assessment tool (e.g. ERG22+, VERA-2R).' })
  tool!: string | null;

  @Field(() => String, { nullable: true, description: 'The tool\'s version.' })
  toolVersion!: string | null;

  @Field(() => String, { nullable: true, description: 'Who assessed.' })
  assessor!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the assessment was made.' })
  assessedAt!: Date | null;

  @Field(() => RiskLevel, { nullable: true, description: 'The overall risk level.' })
  overallLevel!: string | null;

  @Field(() => [AssessmentDomain], { nullable: true, description: 'The rating of each domain of the tool.' })
  domains!: AssessmentDomain[] | null;

  @Field(() => String, { nullable: true, description: 'The part written to be shared.' })
  shareableSummary!: string | null;

  @Field(() => String, { nullable: true, description: 'Confidential narrative.' })
  narrative!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the assessment is due for review.' })
  nextReviewDate!: string | null;

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

export const RiskAssessmentConnection = connectionOf(RiskAssessment, 'RiskAssessment');

@InputType({ description: 'Conditions on risk assessments; every condition given must hold.' })
export class RiskAssessmentFilter {
  @Field(() => ID, { nullable: true, description: 'Assessments of this prisoner.' })
  @IsOptional() @IsUUID()
  prisonerId?: string;

  @Field(() => RiskLevel, { nullable: true, description: 'This overall level and above.' })
  minLevel?: Level;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Assessments made at or after this time.' })
  @IsOptional() @PlausibleInstant()
  assessedSince?: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Records created or changed at or after this instant.' })
  @IsOptional() @PlausibleInstant()
  changedSince?: Date;
}
