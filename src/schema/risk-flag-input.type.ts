import { GraphQLDateTimeISO, GraphQLLocalDate } from './date-scalars.js';
import { Field, ID, InputType } from 'type-graphql';
import { OnwardDisclosure, RiskFlagBasis, RiskFlagCategory, RiskFlagStatus, RiskLevel, Tlp } from './enums.type.js';

/**
 * The writable fields of a risk flag. Not given: kept (or defaulted on creation); null:
 * cleared. The owner is always the caller's agency: there is no owner field.
 */
@InputType({ description: 'A risk flag\'s fields. Omitted: unchanged (or the default on creation); null: cleared.' })
export class RiskFlagPatch {
  @Field(() => RiskFlagCategory, { nullable: true, description: 'What the flag warns of.' })
  category?: string | null;

  @Field(() => RiskLevel, { nullable: true, description: 'How severe the risk is.' })
  severity?: string | null;

  @Field(() => RiskFlagStatus, { nullable: true, description: 'ACTIVE (default) or EXPIRED; withdrawing is withdrawRecord.' })
  status?: string | null;

  @Field(() => RiskFlagBasis, { nullable: true, description: 'What the flag rests on.' })
  basis?: string | null;

  @Field(() => String, { nullable: true, description: 'The warning in a few words, written to be shared.' })
  summary?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Default: now.' })
  raisedAt?: Date | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When the flag is due for review (not before it was raised).' })
  reviewDate?: string | null;

  @Field(() => Tlp, { nullable: true, description: 'Default: AMBER.' })
  tlp?: string | null;

  @Field(() => String, { nullable: true, description: 'The originator\'s handling code (e.g. P or C under UK 3x5x2), up to 20 characters.' })
  handlingCode?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true, description: 'Default: NONE.' })
  onwardDisclosure?: string | null;
}

@InputType({ description: 'A risk flag to raise or upsert: its fields, its key in your system and its prisoner (by exactly one of prisonerId, prisonerExternalId).' })
export class RiskFlagInput extends RiskFlagPatch {
  @Field(() => String, { nullable: true, description: 'Your system\'s key for the flag; required by upserts, generated when a raise omits it.' })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The prisoner\'s id (from prisoners or prisoner).' })
  prisonerId?: string | null;

  @Field(() => String, { nullable: true, description: 'The prisoner\'s external id in your system of record (instead of prisonerId).' })
  prisonerExternalId?: string | null;
}
