import { GraphQLLocalDate } from './date-scalars.js';
import { Field, InputType } from 'type-graphql';
import { CustodyStatus, Gender, NameKind, NameScript, OnwardDisclosure, Tlp, VepStatus } from './enums.type.js';

@InputType({ description: 'A name the prisoner is known by.' })
export class PrisonerNameInput {
  @Field(() => String, { description: 'The name as written.' })
  value!: string;

  @Field(() => NameScript, { description: 'The script it is written in.' })
  script!: string;

  @Field(() => NameKind, { description: 'Primary name, alias or transliteration.' })
  kind!: string;
}

/** The writable fields of a prisoner file. Not given: kept (or defaulted on creation); null: cleared. */
@InputType({ description: 'A prisoner\'s fields. Omitted: unchanged (or the default on creation); null: cleared. healthNotes: health staff only.' })
export class PrisonerPatch {
  @Field(() => String, { nullable: true, description: 'The prison\'s number for the prisoner.' })
  prisonNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The national identity number.' })
  nationalId?: string | null;

  @Field(() => String, { nullable: true, description: 'The name the prisoner is held under.' })
  fullName?: string | null;

  @Field(() => [PrisonerNameInput], { nullable: true, description: 'Replaces every name (at most 20).' })
  names?: PrisonerNameInput[] | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date of birth.' })
  dateOfBirth?: string | null;

  @Field(() => Gender, { nullable: true, description: 'Gender, as recorded.' })
  gender?: string | null;

  @Field(() => String, { nullable: true, description: 'Nationality, as recorded (up to 60 characters).' })
  nationality?: string | null;

  @Field(() => String, { nullable: true, description: 'The code of one of your agency\'s facilities.' })
  facility?: string | null;

  @Field(() => CustodyStatus, { nullable: true, description: 'Custody status.' })
  custodyStatus?: string | null;

  @Field(() => VepStatus, { nullable: true, description: 'Default: NONE.' })
  vepStatus?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The expected release date.' })
  expectedReleaseDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Religion (a statutory exclusion: never leaves the agency).' })
  religion?: string | null;

  @Field(() => String, { nullable: true, description: 'Ethnicity (a statutory exclusion: never leaves the agency).' })
  ethnicity?: string | null;

  @Field(() => String, { nullable: true, description: 'Health notes (health staff only; a statutory exclusion).' })
  healthNotes?: string | null;

  @Field(() => String, { nullable: true, description: 'Dependants (a statutory exclusion: never leaves the agency).' })
  dependants?: string | null;

  @Field(() => Tlp, { nullable: true, description: 'Default: AMBER.' })
  tlp?: string | null;

  @Field(() => String, { nullable: true, description: 'The originator\'s handling code, up to 20 characters.' })
  handlingCode?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true, description: 'Default: NONE.' })
  onwardDisclosure?: string | null;
}

@InputType({ description: 'A prisoner to register or upsert, with your system\'s key for them.' })
export class PrisonerInput extends PrisonerPatch {
  @Field(() => String, { nullable: true, description: 'Your system\'s key for the prisoner; required by upserts; default: the prison number.' })
  externalId?: string | null;
}
