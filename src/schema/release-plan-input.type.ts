import { GraphQLLocalDate } from './date-scalars.js';
import { Field, ID, InputType } from 'type-graphql';
import { LicenceConditionType, OnwardDisclosure, ReleaseType, Tlp } from './enums.type.js';

@InputType({ description: 'A licence condition, in the order the plan lists them.' })
export class LicenceConditionInput {
  @Field(() => LicenceConditionType, { description: 'The kind of condition.' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'The condition\'s terms (area, hours, names).' })
  details?: string | null;
}

@InputType({ description: 'A release plan\'s fields. Omitted: unchanged (or the default on creation); null: cleared.' })
export class ReleasePlanPatch {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The expected release date.' })
  expectedReleaseDate?: string | null;

  @Field(() => ReleaseType, { nullable: true, description: 'How the prisoner is to be released.' })
  releaseType?: string | null;

  @Field(() => String, { nullable: true, description: 'The release address.' })
  releaseAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'The probation office that will supervise.' })
  supervisingOffice?: string | null;

  @Field(() => [LicenceConditionInput], { nullable: true, description: 'Replaces every condition (at most 30), in this order.' })
  licenceConditions?: LicenceConditionInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Services arranged for after release.' })
  postReleaseServices?: string[] | null;

  @Field(() => Tlp, { nullable: true, description: 'Default: AMBER.' })
  tlp?: string | null;

  @Field(() => String, { nullable: true, description: 'The originator\'s handling code (e.g. P or C under UK 3x5x2), up to 20 characters.' })
  handlingCode?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true, description: 'Default: NONE.' })
  onwardDisclosure?: string | null;
}

@InputType({ description: 'A release plan to create or upsert: its fields, your key for it and its prisoner (exactly one of prisonerId, prisonerExternalId).' })
export class ReleasePlanInput extends ReleasePlanPatch {
  @Field(() => String, { nullable: true, description: 'The record\'s key in the owner\'s system of record (unique per owner and kind); upserts match on it.' })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The prisoner\'s id (from prisoners or prisoner).' })
  prisonerId?: string | null;

  @Field(() => String, { nullable: true, description: 'The prisoner\'s external id in your system of record (instead of prisonerId).' })
  prisonerExternalId?: string | null;
}
