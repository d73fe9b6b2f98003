import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { LicenceConditionType, OnwardDisclosure, ReleaseType, Tlp } from './enums.type.js';

@InputType({ description: 'A licence condition, in the order the plan lists them.' })
export class LicenceConditionInput {
  @Field(() => LicenceConditionType)
  type!: string;

  @Field(() => String, { nullable: true })
  details?: string | null;
}

@InputType({ description: 'A release plan\'s fields. Omitted: unchanged (or the default on creation); null: cleared.' })
export class ReleasePlanPatch {
  @Field(() => GraphQLLocalDate, { nullable: true })
  expectedReleaseDate?: string | null;

  @Field(() => ReleaseType, { nullable: true })
  releaseType?: string | null;

  @Field(() => String, { nullable: true })
  releaseAddress?: string | null;

  @Field(() => String, { nullable: true })
  supervisingOffice?: string | null;

  @Field(() => [LicenceConditionInput], { nullable: true, description: 'Replaces every condition (at most 30), in this order.' })
  licenceConditions?: LicenceConditionInput[] | null;

  @Field(() => [String], { nullable: true })
  postReleaseServices?: string[] | null;

  @Field(() => Tlp, { nullable: true, description: 'Default: AMBER.' })
  tlp?: string | null;

  @Field(() => String, { nullable: true })
  handlingCode?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true, description: 'Default: NONE.' })
  onwardDisclosure?: string | null;
}

@InputType({ description: 'A release plan to create or upsert: its fields, your key for it and its prisoner (exactly one of prisonerId, prisonerExternalId).' })
export class ReleasePlanInput extends ReleasePlanPatch {
  @Field(() => String, { nullable: true })
  externalId?: string | null;

  @Field(() => ID, { nullable: true })
  prisonerId?: string | null;

  @Field(() => String, { nullable: true })
  prisonerExternalId?: string | null;
}
