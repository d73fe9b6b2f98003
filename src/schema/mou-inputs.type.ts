import { GraphQLJSONObject } from 'graphql-scalars';
import { GraphQLDateTimeISO } from './date-scalars.js';
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
  @Field(() => String, { description: 'A name for the clause, unique within the MoU.' })
  @Length(1, 200)
  label!: string;

  @Field(() => SubjectType, { description: 'The kind of record it shares.' })
  subject!: string;

  @Field(() => [String], { description: 'The fields it shares (statutory exclusions are refused).' })
  @ArrayMaxSize(50)
  fields!: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Row conditions (docs/architecture.md §2.4); omit for every record of the provider.' })
  conditions?: Record<string, unknown> | null;

  @Field(() => [Purpose], { description: 'The purposes it serves (among the MoU\'s).' })
  purposes!: string[];

  @Field(() => [String], { description: 'The roles at the recipient it grants to.' })
  @ArrayMaxSize(20)
  recipientRoles!: string[];

  @Field(() => Tlp, { description: 'Records marked above this TLP are not shared.' })
  maxTlp!: string;

  @Field(() => OnwardDisclosure, { nullable: true, defaultValue: 'NONE', description: 'Whether the recipient may pass the records on.' })
  onwardDisclosure?: string | null;

  @Field(() => Int, { description: 'How long the recipient may keep the records, 1–3650 days.' })
  retentionDays!: number;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Whether requests must carry Liaison-Case-Reference.' })
  caseReferenceRequired?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'At most this many records shared under the clause per recipient agency per UTC day (against bulk extraction); null: no quota.' })
  dailyRecordQuota?: number | null;
}

@InputType({ description: 'Changes to a clause: omitted parts stay as they are; conditions: null removes the conditions.' })
export class MouClausePatch implements ClausePatch {
  @Field(() => String, { nullable: true, description: 'A name for the clause, unique within the MoU.' })
  @IsOptional() @Length(1, 200)
  label?: string | null;

  @Field(() => SubjectType, { nullable: true, description: 'The kind of record it shares.' })
  subject?: string | null;

  @Field(() => [String], { nullable: true, description: 'The fields it shares (statutory exclusions are refused).' })
  @IsOptional() @ArrayMaxSize(50)
  fields?: string[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Which records, in the condition language (docs/architecture.md §2.4); null: every record of the provider.' })
  conditions?: Record<string, unknown> | null;

  @Field(() => [Purpose], { nullable: true, description: 'The purposes it serves (among the MoU\'s).' })
  purposes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'The roles at the recipient it grants to.' })
  @IsOptional() @ArrayMaxSize(20)
  recipientRoles?: string[] | null;

  @Field(() => Tlp, { nullable: true, description: 'Records marked above this TLP are not shared.' })
  maxTlp?: string | null;

  @Field(() => OnwardDisclosure, { nullable: true, description: 'Whether the recipient may pass the records on.' })
  onwardDisclosure?: string | null;

  @Field(() => Int, { nullable: true, description: 'How long the recipient may keep the records, 1–3650 days.' })
  retentionDays?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether requests must carry Liaison-Case-Reference.' })
  caseReferenceRequired?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Omitted: unchanged; null: no quota.' })
  dailyRecordQuota?: number | null;
}

@InputType({ description: 'A new MoU, drafted by an MOU_ADMIN of the providing agency (the caller\'s).' })
export class MouDraftInput {
  @Field(() => String, { description: 'MOU-<PROVIDER>-<RECIPIENT>-<suffix>, e.g. MOU-PRISONS-POLICE-02.' })
  @Length(1, 100)
  reference!: string;

  @Field(() => String, { description: 'The MoU\'s title.' })
  @Length(1, 300)
  title!: string;

  @Field(() => String, { description: 'Code of the recipient agency.' })
  @Length(1, 32)
  recipient!: string;

  @Field(() => String, { description: 'The legal basis for the sharing (statute and section).' })
  @Length(1, 2000)
  legalBasis!: string;

  @Field(() => [Purpose], { description: 'The purposes the MoU serves.' })
  purposes!: string[];

  @Field(() => GraphQLDateTimeISO, { description: 'From when it may be in force.' })
  validFrom!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Until when (exclusive); null: open-ended.' })
  validUntil?: Date | null;

  @Field(() => [MouClauseInput], { nullable: true, description: 'Clauses to start with, in order (each validated).' })
  @IsOptional() @ArrayMaxSize(50)
  clauses?: MouClauseInput[] | null;
}

@InputType({ description: 'Changes to a draft\'s terms: omitted parts stay; validUntil: null removes the end date.' })
export class MouTermsPatch {
  @Field(() => String, { nullable: true, description: 'The MoU\'s title.' })
  @IsOptional() @Length(1, 300)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The legal basis for the sharing (statute and section).' })
  @IsOptional() @Length(1, 2000)
  legalBasis?: string | null;

  @Field(() => [Purpose], { nullable: true, description: 'The purposes the MoU serves.' })
  purposes?: string[] | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'From when it may be in force.' })
  validFrom?: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Until when (exclusive); null: open-ended.' })
  validUntil?: Date | null;
}

@InputType({ description: 'Conditions on MoU versions; every condition given must hold.' })
export class MouFilter {
  @Field(() => String, { nullable: true, description: 'Versions of this reference (e.g. MOU-PRISONS-POLICE-01).' })
  @PlainText()
  @IsOptional() @MaxLength(100)
  reference?: string | null;

  @Field(() => [MouStatus], { nullable: true, description: 'Versions in one of these statuses.' })
  statuses?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only MoUs this agency is a party to.' })
  @PlainText()
  @IsOptional() @MaxLength(32)
  agency?: string | null;
}
