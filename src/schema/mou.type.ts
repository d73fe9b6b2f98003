import { GraphQLJSONObject } from 'graphql-scalars';
import { GraphQLDateTimeISO } from './date-scalars.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Agency } from './common.type.js';
import { OnwardDisclosure, Purpose, SubjectType, Tlp } from './enums.type.js';
import type { ClauseVocabulary, WrittenClause } from '../policies/clause.js';

/** The written clause terms, with the clause's id and position (the API's view of a stored clause). */
type MouClauseShape = WrittenClause<ClauseVocabulary> & { id: string; position: number };
import { MouStatus } from './mou-enums.type.js';
import { connectionOf } from './connection.type.js';

@ObjectType({ simpleResolvers: true, description: 'One grant of an MoU: which records (subject, conditions), which fields, for whom and why.' })
export class MouClause implements MouClauseShape {
  @Field(() => ID, { description: 'The clause\'s id.' })
  id!: string;

  @Field(() => Int, { description: 'Position in the MoU, from 0; errors and explanations name clauses by position and label.' })
  position!: number;

  @Field(() => String, { description: 'A name for the clause, unique within the MoU.' })
  label!: string;

  @Field(() => SubjectType, { description: 'The kind of record it shares.' })
  subject!: string;

  @Field(() => [String], { description: 'The fields it shares.' })
  fields!: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Row conditions in the condition language (docs/architecture.md §2.4); null: every record of the provider.' })
  conditions!: Record<string, unknown> | null;

  @Field(() => [Purpose], { description: 'The purposes it serves (among the MoU\'s).' })
  purposes!: string[];

  @Field(() => [String], { description: 'Roles at the recipient the clause serves.' })
  recipientRoles!: string[];

  @Field(() => Tlp, { description: 'Records marked above this are not shared.' })
  maxTlp!: string;

  @Field(() => OnwardDisclosure, { description: 'Whether the recipient may pass the records on.' })
  onwardDisclosure!: string;

  @Field(() => Int, { description: 'How long the recipient may keep the records (days).' })
  retentionDays!: number;

  @Field(() => Boolean, { description: 'Whether requests must carry Liaison-Case-Reference.' })
  caseReferenceRequired!: boolean;

  @Field(() => Int, { nullable: true, description: 'At most this many records shared under the clause per recipient agency per UTC day (against bulk extraction); null: no quota.' })
  dailyRecordQuota!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A party\'s signature. Voided (never deleted) when the text is edited after it.' })
export class MouApproval {
  @Field(() => Agency, { description: 'The party that approved.' })
  agency!: Agency;

  @Field(() => String, { description: 'Who approved for it.' })
  userId!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When.' })
  approvedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When an edit voided the approval; null while it stands.' })
  voidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was voided.' })
  voidReason!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A Memorandum of Understanding from a provider agency to a recipient agency, one version. Visible only to the two parties\' staff and the inspectorate\'s auditors.' })
export class Mou {
  @Field(() => ID, { description: 'The id of this MoU version.' })
  id!: string;

  @Field(() => String, { description: 'MOU-<PROVIDER>-<RECIPIENT>-<suffix>; the same for every version.' })
  reference!: string;

  @Field(() => Int, { description: 'The version number, from 1.' })
  version!: number;

  @Field(() => String, { description: 'The MoU\'s title.' })
  title!: string;

  @Field(() => Agency, { description: 'The data controller whose records the clauses share.' })
  provider!: Agency;

  @Field(() => Agency, { description: 'The agency that receives the records.' })
  recipient!: Agency;

  @Field(() => String, { description: 'The legal basis for the sharing.' })
  legalBasis!: string;

  @Field(() => [Purpose], { description: 'The purposes the MoU serves; every clause\'s purposes are among them.' })
  purposes!: string[];

  @Field(() => GraphQLDateTimeISO, { description: 'From when it may be in force.' })
  validFrom!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Null: no end date.' })
  validUntil!: Date | null;

  @Field(() => MouStatus, { description: 'Where the version stands in its lifecycle.' })
  status!: string;

  @Field(() => Boolean, { description: 'Whether it grants access now: ACTIVE and within [validFrom, validUntil).' })
  inForce!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was last suspended, resumed, terminated, activated, expired or superseded.' })
  statusReason!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the status last changed.' })
  statusChangedAt!: Date | null;

  @Field(() => Agency, { nullable: true, description: 'While SUSPENDED: the party that suspended it, the only one that can resume it.' })
  suspendedBy!: Agency | null;

  @Field(() => String, { description: 'User who drafted this version.' })
  createdBy!: string;

  @Field(() => [String], { description: 'AGENCY:user of everyone who drafted or edited this version; none of them may approve it.' })
  authors!: string[];

  @Field(() => GraphQLDateTimeISO, { description: 'When the version was created.' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When the version last changed.' })
  updatedAt!: Date;

  @Field(() => [MouApproval], { description: 'Every approval, voided ones included, oldest first.' })
  approvals!: MouApproval[];

  @Field(() => [Agency], { description: 'While PENDING_APPROVAL: the parties yet to approve.' })
  awaitingApprovalFrom!: Agency[];

  @Field(() => [MouClause], { description: 'The grants, in order.' })
  clauses!: MouClause[];
}

/** `mous`: a page of MoU versions, like every list. */
export const MouConnection = connectionOf(Mou, 'Mou');
