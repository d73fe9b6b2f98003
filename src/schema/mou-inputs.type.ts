import { GraphQLDateTimeISO, GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { OnwardDisclosure, Purpose, SubjectType, Tlp } from './enums.type.js';
import { MouStatus } from './mou-enums.type.js';
import type { ClauseInput, ClausePatch } from '../mou/rules/mou-validation.js';
import { PlainText } from './validation.js';

/*
 * Inputs are checked for size here; what they mean (subjects, fields, conditions, roles,
 * purposes) is checked by the MoU validator, which reports every problem at once.
 */

@InputType({ description: 'A clause to add to a draft.' })
export class MouClauseInput implements ClauseInput {
  @Field(() => String)
  @Length(1, 200)
  label!: string;

  @Field(() => SubjectType)
  subject!: string;

  @Field(() => [String])
  @ArrayMaxSize(50)
  fields!: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Row conditions (docs/architecture.md §2.4); omit for every record of the provider.' })
  conditions?: Record<string, unknown> | null;

  @Field(() => [Purpose])
  purposes!: string[];

  @Field(() => [String])
  @ArrayMaxSize(20)
  recipientRoles!: string[];

  @Field(() => Tlp)
  maxTlp!: string;

  @Field(() => OnwardDisclosure, { nullable: true, defaultValue: 'NONE' })
  onwardDisclosure?: string | null;

  @Field(() => Int)
  retentionDays!: number;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  caseReferenceRequired?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'At most this many records shared under the clause per recipient agency per UTC day (against bulk extraction); null: no quota.' })
  dailyRecordQuota?: number | null;
}

@InputType({ description: 'Changes to a clause: omitted parts stay as they are; conditions: null removes the conditions.' })
export class MouClausePatch implements ClausePatch {
  @Field(() => String, { nullable: true })
  @IsOptional() @Length(1, 200)
  label?: string | null;

  @Field(() => SubjectType, { nullable: true })
  subject?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional() @ArrayMaxSize(50)
  fields?: string[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  conditions?: Record<string, unknown> | null;

  @Field(() => [Purpose], { nullable: true })
  purposes?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional() @ArrayMaxSize(20)
  recipientRoles?: string[] | null;

  @Field(() => Tlp, { nullable: true })
  maxTlp?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true })
  onwardDisclosure?: string | null;

  @Field(() => Int, { nullable: true })
  retentionDays?: number | null;

  @Field(() => Boolean, { nullable: true })
  caseReferenceRequired?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Omitted: unchanged; null: no quota.' })
  dailyRecordQuota?: number | null;
}

@InputType({ description: 'A new MoU, drafted by an MOU_ADMIN of the providing agency (the caller\'s).' })
export class MouDraftInput {
  @Field(() => String, { description: 'MOU-<PROVIDER>-<RECIPIENT>-<suffix>, e.g. MOU-PRISONS-POLICE-02.' })
  @Length(1, 100)
  reference!: string;

  @Field(() => String)
  @Length(1, 300)
  title!: string;

  @Field(() => String, { description: 'Code of the recipient agency.' })
  @Length(1, 32)
  recipient!: string;

  @Field(() => String)
  @Length(1, 2000)
  legalBasis!: string;

  @Field(() => [Purpose])
  purposes!: string[];

  @Field(() => GraphQLDateTimeISO)
  validFrom!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  validUntil?: Date | null;

  @Field(() => [MouClauseInput], { nullable: true })
  @IsOptional() @ArrayMaxSize(50)
  clauses?: MouClauseInput[] | null;
}

@InputType({ description: 'Changes to a draft\'s terms: omitted parts stay; validUntil: null removes the end date.' })
export class MouTermsPatch {
  @Field(() => String, { nullable: true })
  @IsOptional() @Length(1, 300)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @Length(1, 2000)
  legalBasis?: string | null;

  @Field(() => [Purpose], { nullable: true })
  purposes?: string[] | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  validFrom?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  validUntil?: Date | null;
}

@InputType()
export class MouFilter {
  @Field(() => String, { nullable: true })
  @PlainText()
  @IsOptional() @MaxLength(100)
  reference?: string | null;

  @Field(() => [MouStatus], { nullable: true })
  statuses?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only MoUs this agency is a party to.' })
  @PlainText()
  @IsOptional() @MaxLength(32)
  agency?: string | null;
}
