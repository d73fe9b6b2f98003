import { GraphQLDateTimeISO, GraphQLLocalDate } from './date-scalars.js';
import { Field, ID, Int, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { VEP_STATUSES, type VepStatus as VepStatusValue } from '../domain/enums.js';
import { Agency, Handling } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { NameMatch } from './name-match.type.js';
import { PlainText, PlausibleInstant } from './validation.js';
import { CustodyStatus, Gender, NameKind, NameScript, SecurityLevel, VepStatus } from './enums.type.js';
import { Redaction, REDACTIONS_DESCRIPTION } from './redaction.type.js';

@ObjectType({ simpleResolvers: true, description: 'A name a prisoner is known by, in one script.' })
export class PrisonerName {
  @Field(() => String, { description: 'The name as written.' })
  value!: string;

  @Field(() => NameScript, { description: 'The script it is written in.' })
  script!: string;

  @Field(() => NameKind, { description: 'Primary name, alias or transliteration.' })
  kind!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A prison or other place of custody.' })
export class Facility {
  @Field(() => String, { description: 'The facility\'s code, unique across the exchange.' })
  code!: string;

  @Field(() => String, { description: 'The facility\'s name.' })
  name!: string;

  @Field(() => SecurityLevel, { description: 'Its security level.' })
  securityLevel!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A person in custody: the prisoner file (Mandela Rules 7–8). Fields a clause withholds are null and listed in extensions.liaison.redactions; statutory fields never cross agencies.',
})
export class Prisoner {
  @Field(() => ID, { description: 'The record\'s id (a UUID), stable across revisions.' })
  id!: string;

  @Field(() => Agency, { description: 'The agency that owns the record (its data controller); only it writes the record.' })
  ownerAgency!: Agency;

  @Field(() => String, { nullable: true, description: 'The prison\'s number for the prisoner.' })
  prisonNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The national identity number, when recorded.' })
  nationalId!: string | null;

  @Field(() => String, { nullable: true, description: 'The name the prisoner is held under.' })
  fullName!: string | null;

  @Field(() => [PrisonerName], { nullable: true, description: 'Names and transliteration variants, in every script recorded.' })
  names!: PrisonerName[] | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date of birth.' })
  dateOfBirth!: string | null;

  @Field(() => Gender, { nullable: true, description: 'Gender, as recorded.' })
  gender!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3.' })
  nationality!: string | null;

  @Field(() => Facility, { nullable: true, description: 'The facility holding the prisoner.' })
  facility!: Facility | null;

  @Field(() => CustodyStatus, { nullable: true, description: 'Custody status.' })
  custodyStatus!: string | null;

  @Field(() => VepStatus, { nullable: true, description: 'Violent-extremist-prisoner status.' })
  vepStatus!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The expected release date.' })
  expectedReleaseDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion: never shared with another agency.' })
  religion!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion: never shared with another agency.' })
  ethnicity!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion (Mandela Rules 26, 32): health staff only.' })
  healthNotes!: string | null;

  @Field(() => String, { nullable: true, description: 'Statutory exclusion (Bangkok Rules): information about children.' })
  dependants!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the record last changed.' })
  updatedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The record\'s key in its owner\'s system of record.' })
  externalId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Incremented by every change; quoted by updates (optimistic concurrency).' })
  revision!: number | null;

  @Field(() => Handling, { description: 'Handling marks that travel with the record: the stricter of the record\'s and the granting clause\'s.' })
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

@InputType({ description: 'Conditions on prisoners; every condition given must hold (a condition on a field you cannot see on every row is FORBIDDEN).' })
export class PrisonerFilter {
  @Field(() => String, {
    nullable: true,
    description: 'A name in any script and spelling: the list becomes the ranked candidates of a person search (see personSearch and PrisonerEdge.match). '
      + 'Only name variants the caller may see on a record are matched.',
  })
  @IsOptional() @Length(2, 100) @PlainText()
  name?: string;

  @Field(() => String, { nullable: true, description: 'The prisoner with this prison number.' })
  @IsOptional() @Length(1, 40) @PlainText()
  prisonNumber?: string;

  @Field(() => String, { nullable: true, description: 'The prisoner with this national identity number.' })
  @IsOptional() @Length(1, 40) @PlainText()
  nationalId?: string;

  @Field(() => [VepStatus], { nullable: true, description: 'Prisoners of this VEP status.' })
  @IsOptional() @ArrayMaxSize(VEP_STATUSES.length)
  vepStatus?: VepStatusValue[];

  @Field(() => String, { nullable: true, description: 'Prisoners held at this facility.' })
  @IsOptional() @Length(1, 40) @Matches(/^[A-Z0-9_-]+$/)
  facilityCode?: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Records created or changed at or after this instant.' })
  @IsOptional() @PlausibleInstant()
  changedSince?: Date;
}
