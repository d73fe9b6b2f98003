import { GraphQLJSON } from 'graphql-scalars';
import { GraphQLDateTimeISO } from './date-scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Agency } from './common.type.js';
import { graphqlEnum, SubjectType } from './enums.type.js';

export const WriteOutcome = graphqlEnum(
  ['CREATED', 'UPDATED', 'CORRECTED', 'WITHDRAWN', 'UNCHANGED'] as const, 'WriteOutcome',
  'What a write did; UNCHANGED: the record already had these values (no revision was added).',
);
export const UpsertOutcome = graphqlEnum(
  ['CREATED', 'UPDATED', 'UNCHANGED', 'REJECTED'] as const, 'UpsertOutcome', 'What an upsert did with one record.',
);
export const RecordChangeKind = graphqlEnum(
  ['CREATE', 'UPDATE', 'CORRECTION', 'WITHDRAWAL'] as const, 'RecordChangeKind',
  'A revision of a record: CORRECTION when the earlier value was wrong (LED Art. 16), told apart from a routine UPDATE.',
);
export const WriteChannel = graphqlEnum(['API', 'CLI_IMPORT'] as const, 'WriteChannel', 'How a change reached Liaison.');

@ObjectType({ simpleResolvers: true, description: 'The result of a write: the record\'s id, external id and revision now.' })
export class WriteReceipt {
  @Field(() => SubjectType, { description: 'The kind of record written.' })
  subject!: string;

  @Field(() => ID, { description: 'The record\'s id.' })
  id!: string;

  @Field(() => String, { description: 'The record\'s key in the owner\'s system of record (unique per owner and kind).' })
  externalId!: string;

  @Field(() => Int, { description: 'Quote it to change the record again.' })
  revision!: number;

  @Field(() => WriteOutcome, { description: 'What the write did.' })
  outcome!: string;

  @Field(() => [String], { description: 'Fields the write changed (empty when UNCHANGED or WITHDRAWN).' })
  changedFields!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A problem with a record: the input field and what is wrong.' })
export class RecordProblem {
  @Field(() => String, { description: 'The field concerned (e.g. severity, domains[1].rating).' })
  path!: string;

  @Field(() => String, { description: 'What is wrong, and what is accepted.' })
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: 'What an upsert did with one record of the batch.' })
export class UpsertRecordResult {
  @Field(() => Int, { description: 'Position in the batch, from 0.' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'The record\'s external id, as sent.' })
  externalId!: string | null;

  @Field(() => UpsertOutcome, { description: 'What happened to it.' })
  outcome!: string;

  @Field(() => ID, { nullable: true, description: 'The record\'s id; null when rejected.' })
  id!: string | null;

  @Field(() => Int, { nullable: true, description: 'Its revision after the upsert; null when rejected.' })
  revision!: number | null;

  @Field(() => [RecordProblem], { description: 'Every problem of a REJECTED record.' })
  problems!: RecordProblem[];
}

@ObjectType({ simpleResolvers: true, description: 'An upsert batch: good records are committed together, rejected ones are listed with every problem.' })
export class UpsertResult {
  @Field(() => Int, { description: 'Records created.' })
  created!: number;

  @Field(() => Int, { description: 'Records updated.' })
  updated!: number;

  @Field(() => Int, { description: 'Records already as sent.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Records refused, each with its problems.' })
  rejected!: number;

  @Field(() => [UpsertRecordResult], { description: 'One result per record sent, in order.' })
  records!: UpsertRecordResult[];
}

@ObjectType({ simpleResolvers: true, description: 'One changed field of a revision. Values you may not read are withheld (null, withheld: true).' })
export class FieldChange {
  @Field(() => String, { description: 'The field.' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value before; null for a value you may not read.' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Its value after; null for a value you may not read.' })
  after!: unknown;

  @Field(() => Boolean, { description: 'Whether the values are withheld from you (auditors see who changed what, not the values).' })
  withheld!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'One revision of a record: who changed what, when, through which channel and why.' })
export class RecordRevision {
  @Field(() => Int, { description: 'The revision number, from 1.' })
  revision!: number;

  @Field(() => RecordChangeKind, { description: 'What kind of change made it.' })
  change!: string;

  @Field(() => WriteChannel, { description: 'How the change arrived.' })
  channel!: string;

  @Field(() => String, { description: 'Who made it.' })
  userId!: string;

  @Field(() => String, { description: 'For which agency.' })
  agencyCode!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When.' })
  changedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The reason given (required for corrections and withdrawals).' })
  reason!: string | null;

  @Field(() => [FieldChange], { description: 'The fields it changed.' })
  changes!: FieldChange[];
}

@ObjectType({ simpleResolvers: true, description: 'A record\'s history, never overwritten; for a withdrawn record, its tombstone.' })
export class RecordHistory {
  @Field(() => SubjectType, { description: 'The kind of record.' })
  subject!: string;

  @Field(() => ID, { description: 'The record\'s id.' })
  id!: string;

  @Field(() => String, { description: 'The record\'s key in the owner\'s system of record (unique per owner and kind); upserts match on it.' })
  externalId!: string;

  @Field(() => Agency, { description: 'The agency that owns the record.' })
  ownerAgency!: Agency;

  @Field(() => Int, { description: 'The current revision.' })
  revision!: number;

  @Field(() => Boolean, { description: 'Whether the record was withdrawn.' })
  withdrawn!: boolean;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When.' })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why.' })
  withdrawalReason!: string | null;

  @Field(() => [RecordRevision], { description: 'Oldest first.' })
  revisions!: RecordRevision[];
}
