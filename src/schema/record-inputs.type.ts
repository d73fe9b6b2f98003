import { GraphQLDateTimeISO, GraphQLLocalDate } from './date-scalars.js';
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
  @Field(() => Tlp, { nullable: true, description: 'Traffic Light Protocol marking of the record (default AMBER).' })
  tlp?: string | null;

  @Field(() => String, { nullable: true, description: 'The originator\'s handling code (e.g. P or C under UK 3x5x2), up to 20 characters.' })
  handlingCode?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true, description: 'Whether the recipient may pass the record on (default NONE).' })
  onwardDisclosure?: string | null;
}

@InputType({ description: 'A domain rating of an assessment.' })
export class AssessmentDomainInput {
  @Field(() => String, { description: 'The tool\'s domain code.' })
  code!: string;

  @Field(() => String, { description: 'The rating in that domain.' })
  rating!: string;
}

@InputType({ description: 'A risk assessment\'s fields. Omitted: unchanged (or the default on creation); null: cleared.' })
export class RiskAssessmentPatch extends HandlingPatch {
  @Field(() => String, { nullable: true, description: 'The assessment tool.' }) tool?: string | null;
  @Field(() => String, { nullable: true, description: 'The tool\'s version.' }) toolVersion?: string | null;
  @Field(() => String, { nullable: true, description: 'Who assessed.' }) assessor?: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the assessment was made.' }) assessedAt?: Date | null;
  @Field(() => RiskLevel, { nullable: true, description: 'The overall risk level.' }) overallLevel?: string | null;
  @Field(() => [AssessmentDomainInput], { nullable: true, description: 'The rating of each domain (replaced as a whole).' }) domains?: AssessmentDomainInput[] | null;
  @Field(() => String, { nullable: true, description: 'A summary written to be shared with other agencies.' }) shareableSummary?: string | null;
  @Field(() => String, { nullable: true, description: 'The full narrative (for the owner\'s staff).' }) narrative?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it is due for review.' }) nextReviewDate?: string | null;
}

@InputType({ description: 'A risk assessment to create or upsert: its fields, your key for it and its prisoner (exactly one of prisonerId, prisonerExternalId).' })
export class RiskAssessmentInput extends RiskAssessmentPatch {
  @Field(() => String, { nullable: true, description: 'The record\'s key in the owner\'s system of record (unique per owner and kind); upserts match on it.' }) externalId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The prisoner\'s id (from prisoners or prisoner).' }) prisonerId?: string | null;
  @Field(() => String, { nullable: true, description: 'The prisoner\'s external id in your system of record (instead of prisonerId).' }) prisonerExternalId?: string | null;
}

@InputType({ description: 'A classification\'s fields. Omitted: unchanged (or the default on creation); null: cleared.' })
export class ClassificationPatch extends HandlingPatch {
  @Field(() => SecurityLevel, { nullable: true, description: 'The security category.' }) securityCategory?: string | null;
  @Field(() => PlacementApproach, { nullable: true, description: 'How the prisoner is placed.' }) placementApproach?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it was decided.' }) decidedOn?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it is due for review.' }) reviewDate?: string | null;
}

@InputType({ description: 'A classification to create: its fields, your key for it and its prisoner (exactly one of prisonerId, prisonerExternalId).' })
export class ClassificationInput extends ClassificationPatch {
  @Field(() => String, { nullable: true, description: 'The record\'s key in the owner\'s system of record (unique per owner and kind); upserts match on it.' }) externalId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The prisoner\'s id (from prisoners or prisoner).' }) prisonerId?: string | null;
  @Field(() => String, { nullable: true, description: 'The prisoner\'s external id in your system of record (instead of prisonerId).' }) prisonerExternalId?: string | null;
}

@InputType({ description: 'An intervention\'s fields. Omitted: unchanged (or the default on creation); null: cleared.' })
export class InterventionPatch extends HandlingPatch {
  @Field(() => String, { nullable: true, description: 'The programme\'s name.' }) programme?: string | null;
  @Field(() => InterventionKind, { nullable: true, description: 'The kind of programme.' }) kind?: string | null;
  @Field(() => InterventionStatus, { nullable: true, description: 'Participation status.' }) status?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When participation started.' }) startedOn?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it ended.' }) endedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Notes from the sessions (never shared by the demo MoUs).' }) sessionNotes?: string | null;
}

@InputType({ description: 'An intervention to create: its fields, your key for it and its prisoner (exactly one of prisonerId, prisonerExternalId).' })
export class InterventionInput extends InterventionPatch {
  @Field(() => String, { nullable: true, description: 'The record\'s key in the owner\'s system of record (unique per owner and kind); upserts match on it.' }) externalId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The prisoner\'s id (from prisoners or prisoner).' }) prisonerId?: string | null;
  @Field(() => String, { nullable: true, description: 'The prisoner\'s external id in your system of record (instead of prisonerId).' }) prisonerExternalId?: string | null;
}

@InputType({ description: 'An intelligence report\'s fields. Omitted: unchanged (or the default on creation); null: cleared.' })
export class IntelligenceReportPatch extends HandlingPatch {
  @Field(() => GradingScheme, { nullable: true, description: 'The grading scheme its evaluation and handling code follow.' }) gradingScheme?: string | null;
  @Field(() => String, { nullable: true, description: 'The source evaluation under that scheme.' }) sourceEvaluation?: string | null;
  @Field(() => String, { nullable: true, description: 'The intelligence assessment under that scheme.' }) intelligenceAssessment?: string | null;
  @Field(() => String, { nullable: true, description: 'The sanitised intelligence, as published for sharing.' }) sanitisedText?: string | null;
  @Field(() => String, { nullable: true, description: 'Never leaves your agency.' }) sourceReference?: string | null;
  @Field(() => IntelligencePriority, { nullable: true, description: 'How urgently it should be acted on.' }) priority?: string | null;
  @Field(() => [String], { nullable: true, description: 'External ids of your agency\'s prisoners the report is about.' }) subjects?: string[] | null;
}

@InputType({ description: 'An intelligence report to create: its fields, your key for it and the prisoners it concerns (subjects).' })
export class IntelligenceReportInput extends IntelligenceReportPatch {
  @Field(() => String, { nullable: true, description: 'The record\'s key in the owner\'s system of record (unique per owner and kind); upserts match on it.' }) externalId?: string | null;
}
