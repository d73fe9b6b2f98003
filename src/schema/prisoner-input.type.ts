import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { CustodyStatus, Gender, NameKind, NameScript, OnwardDisclosure, Tlp, VepStatus } from './enums.type.js';

@InputType({ description: 'A name the prisoner is known by.' })
export class PrisonerNameInput {
  @Field(() => String)
  value!: string;

  @Field(() => NameScript)
  script!: string;

  @Field(() => NameKind)
  kind!: string;
}

/** The writable fields of a prisoner file. Not given: kept (or defaulted on creation); null: cleared. */
@InputType({ description: 'A prisoner\'s fields. Omitted: unchanged (or the default on creation); null: cleared. healthNotes: health staff only.' })
export class PrisonerPatch {
  @Field(() => String, { nullable: true })
  prisonNumber?: string | null;

  @Field(() => String, { nullable: true })
  nationalId?: string | null;

  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => [PrisonerNameInput], { nullable: true, description: 'Replaces every name (at most 20).' })
  names?: PrisonerNameInput[] | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  dateOfBirth?: string | null;

  @Field(() => Gender, { nullable: true })
  gender?: string | null;

  @Field(() => String, { nullable: true })
  nationality?: string | null;

  @Field(() => String, { nullable: true, description: 'The code of one of your agency\'s facilities.' })
  facility?: string | null;

  @Field(() => CustodyStatus, { nullable: true })
  custodyStatus?: string | null;

  @Field(() => VepStatus, { nullable: true, description: 'Default: NONE.' })
  vepStatus?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  expectedReleaseDate?: string | null;

  @Field(() => String, { nullable: true })
  religion?: string | null;

  @Field(() => String, { nullable: true })
  ethnicity?: string | null;

  @Field(() => String, { nullable: true })
  healthNotes?: string | null;

  @Field(() => String, { nullable: true })
  dependants?: string | null;

  @Field(() => Tlp, { nullable: true, description: 'Default: AMBER.' })
  tlp?: string | null;

  @Field(() => String, { nullable: true })
  handlingCode?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true, description: 'Default: NONE.' })
  onwardDisclosure?: string | null;
}

@InputType({ description: 'A prisoner to register or upsert, with your system\'s key for them.' })
export class PrisonerInput extends PrisonerPatch {
  @Field(() => String, { nullable: true, description: 'Your system\'s key for the prisoner; required by upserts; default: the prison number.' })
  externalId?: string | null;
}
