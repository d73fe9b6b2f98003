import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { VEP_STATUSES, type VepStatus as VepStatusValue } from '../domain/enums.js';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { NameMatch } from './name-match.type.js';
import { PlainText } from './validation.js';
import { CustodyStatus, Gender, NameKind, NameScript, SecurityLevel, VepStatus } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true })
export class PrisonerName {
  @Field(() => String)
  value!: string;

  @Field(() => NameScript)
  script!: string;

  @Field(() => NameKind)
  kind!: string;
}

@ObjectType({ simpleResolvers: true })
export class Facility {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => SecurityLevel)
  securityLevel!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A person in custody: the prisoner file (Mandela Rules 7–8). Fields a clause withholds are null and listed in extensions.liaison.redactions; statutory fields never cross agencies.',
})
export class Prisoner {
  @Field(() => ID)
  id!: string;

  @Field(() => Agency)
  ownerAgency!: Agency;

  @Field(() => String, { nullable: true })
  prisonNumber!: string | null;

  @Field(() => String, { nullable: true })
  nationalId!: string | null;

  @Field(() => String, { nullable: true })
  fullName!: string | null;

  @Field(() => [PrisonerName], { nullable: true, description: 'Names and transliteration variants, in every script recorded.' })
  names!: PrisonerName[] | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  dateOfBirth!: string | null;

  @Field(() => Gender, { nullable: true })
  gender!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3.' })
  nationality!: string | null;

  @Field(() => Facility, { nullable: true })
  facility!: Facility | null;

  @Field(() => CustodyStatus, { nullable: true })
  custodyStatus!: string | null;

  @Field(() => VepStatus, { nullable: true })
  vepStatus!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  expectedReleaseDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion: never shared with another agency.' })
  religion!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion: never shared with another agency.' })
  ethnicity!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion (Mandela Rules 26, 32): health staff only.' })
  healthNotes!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion (Bangkok Rules): information about children.' })
  dependants!: string | null;

  @Field(() => Handling)
  handling!: Handling;

  @Field(() => [Redaction], { description: REDACTIONS_DESCRIPTION })
  redactions!: Redaction[];
}

export const PrisonerConnection = connectionOf(Prisoner, 'Prisoner', (edge) => {
  Field(() => NameMatch, {
    nullable: true,
    description: 'Lists searched by name (prisoners(filter: {name}), personSearch): why this prisoner is a candidate, ranked best first. '
      + 'A candidate is not an identification. Null for lists not searched by name.',
  })(edge, 'match');
});

@InputType()
export class PrisonerFilter {
  @Field(() => String, {
    nullable: true,
    description: 'A name in any script and spelling: the list becomes the ranked candidates of a person search (see personSearch and PrisonerEdge.match). '
      + 'Only name variants the caller may see on a record are matched.',
  })
  @IsOptional() @Length(2, 100) @PlainText()
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional() @Length(1, 40) @PlainText()
  prisonNumber?: string;

  @Field(() => String, { nullable: true })
  @IsOptional() @Length(1, 40) @PlainText()
  nationalId?: string;

  @Field(() => [VepStatus], { nullable: true })
  @IsOptional() @ArrayMaxSize(VEP_STATUSES.length)
  vepStatus?: VepStatusValue[];

  @Field(() => String, { nullable: true })
  @IsOptional() @Length(1, 40) @Matches(/^[A-Z0-9_-]+$/)
  facilityCode?: string;
}
