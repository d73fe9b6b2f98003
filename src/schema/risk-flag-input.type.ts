import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { OnwardDisclosure, RiskFlagBasis, RiskFlagCategory, RiskFlagStatus, RiskLevel, Tlp } from './enums.type.js';

/**
 * The writable fields of a risk flag. Not given: kept (or defaulted on creation); null:
 * cleared. The owner is always the caller's agency: there is no owner field.
 */
@InputType({ description: 'A risk flag\'s fields. Omitted: unchanged (or the default on creation); null: cleared.' })
export class RiskFlagPatch {
  @Field(() => RiskFlagCategory, { nullable: true })
  category?: string | null;

  @Field(() => RiskLevel, { nullable: true })
  severity?: string | null;

  @Field(() => RiskFlagStatus, { nullable: true, description: 'ACTIVE (default) or EXPIRED; withdrawing is withdrawRecord.' })
  status?: string | null;

  @Field(() => RiskFlagBasis, { nullable: true })
  basis?: string | null;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Default: now.' })
  raisedAt?: Date | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  reviewDate?: string | null;

  @Field(() => Tlp, { nullable: true, description: 'Default: AMBER.' })
  tlp?: string | null;

  @Field(() => String, { nullable: true })
  handlingCode?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true, description: 'Default: NONE.' })
  onwardDisclosure?: string | null;
}

@InputType({ description: 'A risk flag to raise or upsert: its fields, its key in your system and its prisoner (by exactly one of prisonerId, prisonerExternalId).' })
export class RiskFlagInput extends RiskFlagPatch {
  @Field(() => String, { nullable: true, description: 'Your system\'s key for the flag; required by upserts, generated when a raise omits it.' })
  externalId?: string | null;

  @Field(() => ID, { nullable: true })
  prisonerId?: string | null;

  @Field(() => String, { nullable: true })
  prisonerExternalId?: string | null;
}
