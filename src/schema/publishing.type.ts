import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
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
  @Field(() => SubjectType)
  subject!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The record\'s key in the owner\'s system of record (unique per owner and kind).' })
  externalId!: string;

  @Field(() => Int, { description: 'Quote it to change the record again.' })
  revision!: number;

  @Field(() => WriteOutcome)
  outcome!: string;

  @Field(() => [String], { description: 'Fields the write changed (empty when UNCHANGED or WITHDRAWN).' })
  changedFields!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A problem with a record: the input field and what is wrong.' })
export class RecordProblem {
  @Field(() => String)
  path!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ simpleResolvers: true })
export class UpsertRecordResult {
  @Field(() => Int, { description: 'Position in the batch, from 0.' })
  index!: number;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => UpsertOutcome)
  outcome!: string;

  @Field(() => ID, { nullable: true })
  id!: string | null;

  @Field(() => Int, { nullable: true })
  revision!: number | null;

  @Field(() => [RecordProblem], { description: 'Every problem of a REJECTED record.' })
  problems!: RecordProblem[];
}

@ObjectType({ simpleResolvers: true, description: 'An upsert batch: good records are committed together, rejected ones are listed with every problem.' })
export class UpsertResult {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => [UpsertRecordResult])
  records!: UpsertRecordResult[];
}

@ObjectType({ simpleResolvers: true, description: 'One changed field of a revision. Values you may not read are withheld (null, withheld: true).' })
export class FieldChange {
  @Field(() => String)
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  after!: unknown;

  @Field(() => Boolean)
  withheld!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'One revision of a record: who changed what, when, through which channel and why.' })
export class RecordRevision {
  @Field(() => Int)
  revision!: number;

  @Field(() => RecordChangeKind)
  change!: string;

  @Field(() => WriteChannel)
  channel!: string;

  @Field(() => String)
  userId!: string;

  @Field(() => String)
  agencyCode!: string;

  @Field(() => GraphQLDateTimeISO)
  changedAt!: Date;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => [FieldChange])
  changes!: FieldChange[];
}

@ObjectType({ simpleResolvers: true, description: 'A record\'s history, never overwritten; for a withdrawn record, its tombstone.' })
export class RecordHistory {
  @Field(() => SubjectType)
  subject!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String)
  externalId!: string;

  @Field(() => Agency)
  ownerAgency!: Agency;

  @Field(() => Int)
  revision!: number;

  @Field(() => Boolean)
  withdrawn!: boolean;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true })
  withdrawalReason!: string | null;

  @Field(() => [RecordRevision], { description: 'Oldest first.' })
  revisions!: RecordRevision[];
}
