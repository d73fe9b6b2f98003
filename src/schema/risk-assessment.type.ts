import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import type { RiskLevel as Level } from '../domain/enums.js';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { PlausibleInstant } from './validation.js';
import { RiskLevel } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true })
export class AssessmentDomain {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  rating!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A structured professional judgement (VERA-2R, ERG22+): a personal assessment, kept apart from facts (LED Art. 7).',
})
export class RiskAssessment {
  @Field(() => ID)
  id!: string;

  @Field(() => Agency)
  ownerAgency!: Agency;

  @Field(() => String, { nullable: true })
  tool!: string | null;

  @Field(() => String, { nullable: true })
  toolVersion!: string | null;

  @Field(() => String, { nullable: true })
  assessor!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  assessedAt!: Date | null;

  @Field(() => RiskLevel, { nullable: true })
  overallLevel!: string | null;

  @Field(() => [AssessmentDomain], { nullable: true })
  domains!: AssessmentDomain[] | null;

  @Field(() => String, { nullable: true, description: 'The part written to be shared.' })
  shareableSummary!: string | null;

  @Field(() => String, { nullable: true, description: 'Confidential narrative.' })
  narrative!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  nextReviewDate!: string | null;

  @Field(() => Handling)
  handling!: Handling;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}

export const RiskAssessmentConnection = connectionOf(RiskAssessment, 'RiskAssessment');

@InputType()
export class RiskAssessmentFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional() @IsUUID()
  prisonerId?: string;

  @Field(() => RiskLevel, { nullable: true, description: 'This overall level and above.' })
  minLevel?: Level;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @IsOptional() @PlausibleInstant()
  assessedSince?: Date;
}
