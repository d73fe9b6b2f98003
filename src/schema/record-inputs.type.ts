import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import {
  GradingScheme, IntelligencePriority, InterventionKind, InterventionStatus, OnwardDisclosure, PlacementApproach, RiskLevel,
  SecurityLevel, Tlp,
} from './enums.type.js';

/**
 * Inputs of the kinds of record written with no more than their own fields (assessments,
 * classifications, interventions, intelligence reports). In a patch, a field left out is
 * unchanged and null clears it; the owner is always the caller's agency.
 */

@InputType({ description: 'Handling marks (LED Art. 9) a record carries; defaults AMBER / NONE.' })
class HandlingPatch {
  @Field(() => Tlp, { nullable: true })
  tlp?: string | null;

  @Field(() => String, { nullable: true })
  handlingCode?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true })
  onwardDisclosure?: string | null;
}

@InputType({ description: 'A domain rating of an assessment.' })
export class AssessmentDomainInput {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  rating!: string;
}

@InputType()
export class RiskAssessmentPatch extends HandlingPatch {
  @Field(() => String, { nullable: true }) tool?: string | null;
  @Field(() => String, { nullable: true }) toolVersion?: string | null;
  @Field(() => String, { nullable: true }) assessor?: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) assessedAt?: Date | null;
  @Field(() => RiskLevel, { nullable: true }) overallLevel?: string | null;
  @Field(() => [AssessmentDomainInput], { nullable: true }) domains?: AssessmentDomainInput[] | null;
  @Field(() => String, { nullable: true }) shareableSummary?: string | null;
  @Field(() => String, { nullable: true }) narrative?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) nextReviewDate?: string | null;
}

@InputType()
export class RiskAssessmentInput extends RiskAssessmentPatch {
  @Field(() => String, { nullable: true }) externalId?: string | null;
  @Field(() => ID, { nullable: true }) prisonerId?: string | null;
  @Field(() => String, { nullable: true }) prisonerExternalId?: string | null;
}

@InputType()
export class ClassificationPatch extends HandlingPatch {
  @Field(() => SecurityLevel, { nullable: true }) securityCategory?: string | null;
  @Field(() => PlacementApproach, { nullable: true }) placementApproach?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) decidedOn?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) reviewDate?: string | null;
}

@InputType()
export class ClassificationInput extends ClassificationPatch {
  @Field(() => String, { nullable: true }) externalId?: string | null;
  @Field(() => ID, { nullable: true }) prisonerId?: string | null;
  @Field(() => String, { nullable: true }) prisonerExternalId?: string | null;
}

@InputType()
export class InterventionPatch extends HandlingPatch {
  @Field(() => String, { nullable: true }) programme?: string | null;
  @Field(() => InterventionKind, { nullable: true }) kind?: string | null;
  @Field(() => InterventionStatus, { nullable: true }) status?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) startedOn?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) endedOn?: string | null;
  @Field(() => String, { nullable: true }) sessionNotes?: string | null;
}

@InputType()
export class InterventionInput extends InterventionPatch {
  @Field(() => String, { nullable: true }) externalId?: string | null;
  @Field(() => ID, { nullable: true }) prisonerId?: string | null;
  @Field(() => String, { nullable: true }) prisonerExternalId?: string | null;
}

@InputType()
export class IntelligenceReportPatch extends HandlingPatch {
  @Field(() => GradingScheme, { nullable: true }) gradingScheme?: string | null;
  @Field(() => String, { nullable: true }) sourceEvaluation?: string | null;
  @Field(() => String, { nullable: true }) intelligenceAssessment?: string | null;
  @Field(() => String, { nullable: true }) sanitisedText?: string | null;
  @Field(() => String, { nullable: true, description: 'Never leaves your agency.' }) sourceReference?: string | null;
  @Field(() => IntelligencePriority, { nullable: true }) priority?: string | null;
  @Field(() => [String], { nullable: true, description: 'External ids of your agency\'s prisoners the report is about.' }) subjects?: string[] | null;
}

@InputType()
export class IntelligenceReportInput extends IntelligenceReportPatch {
  @Field(() => String, { nullable: true }) externalId?: string | null;
}
