import { GraphQLDateTimeISO, GraphQLJSONObject } from 'graphql-scalars';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Agency } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { AdminChannel, AdminEventOutcome, MouAdminAction } from './mou-enums.type.js';
import { PlainText } from './validation.js';

@ObjectType({ simpleResolvers: true })
export class AdminRefusal {
  @Field(() => String, { description: 'The error code the actor received.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'The rule that refused (see the README).' })
  rule!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An entry of the append-only MoU admin audit log.' })
export class MouAdminEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Position in the log.' })
  sequence!: number;

  @Field(() => GraphQLDateTimeISO)
  occurredAt!: Date;

  @Field(() => MouAdminAction)
  action!: string;

  @Field(() => AdminEventOutcome)
  outcome!: string;

  @Field(() => AdminChannel)
  channel!: string;

  @Field(() => String)
  actorUserId!: string;

  @Field(() => Agency, { nullable: true, description: 'Null for the gateway\'s lifecycle clock.' })
  actorAgency!: Agency | null;

  @Field(() => [String])
  actorRoles!: string[];

  @Field(() => String, { nullable: true, description: 'The request\'s decision id (Liaison-Decision-Id).' })
  decisionId!: string | null;

  @Field(() => ID, { nullable: true })
  mouId!: string | null;

  @Field(() => String, { nullable: true })
  mouReference!: string | null;

  @Field(() => Int, { nullable: true })
  mouVersion!: number | null;

  @Field(() => ID, { nullable: true })
  clauseId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => AdminRefusal, { nullable: true })
  refusal!: AdminRefusal | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The request as made.' })
  request!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  after!: Record<string, unknown> | null;
}

export const MouAdminEventConnection = connectionOf(MouAdminEvent, 'MouAdminEvent');

@InputType()
export class MouAdminEventFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional() @IsUUID()
  mouId?: string | null;

  @Field(() => String, { nullable: true })
  @PlainText()
  @IsOptional() @MaxLength(100)
  reference?: string | null;

  @Field(() => [MouAdminAction], { nullable: true })
  actions?: string[] | null;

  @Field(() => [AdminEventOutcome], { nullable: true })
  outcomes?: string[] | null;
}
