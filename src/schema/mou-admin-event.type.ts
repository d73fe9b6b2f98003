import { GraphQLJSONObject } from 'graphql-scalars';
import { GraphQLDateTimeISO } from './date-scalars.js';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Agency } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { AdminChannel, AdminEventOutcome, MouAdminAction } from './mou-enums.type.js';
import { PlainText } from './validation.js';

@ObjectType({ simpleResolvers: true, description: 'Why an administrative action was refused: the code, rule and message the actor received.' })
export class AdminRefusal {
  @Field(() => String, { description: 'The error code the actor received.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'The rule that refused (see the README).' })
  rule!: string | null;

  @Field(() => String, { nullable: true, description: 'The message the actor received.' })
  message!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An entry of the append-only MoU admin audit log.' })
export class MouAdminEvent {
  @Field(() => ID, { description: 'The event\'s id.' })
  id!: string;

  @Field(() => Int, { description: 'Position in the log.' })
  sequence!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => MouAdminAction, { description: 'What was done (or attempted).' })
  action!: string;

  @Field(() => AdminEventOutcome, { description: 'Whether it took effect, was refused or failed.' })
  outcome!: string;

  @Field(() => AdminChannel, { description: 'Where the action came from.' })
  channel!: string;

  @Field(() => String, { description: 'Who acted (a user id, cli:<login>, or liaison:scheduler).' })
  actorUserId!: string;

  @Field(() => Agency, { nullable: true, description: 'Null for the gateway\'s lifecycle clock.' })
  actorAgency!: Agency | null;

  @Field(() => [String], { description: 'The actor\'s roles.' })
  actorRoles!: string[];

  @Field(() => String, { nullable: true, description: 'The request\'s decision id (Liaison-Decision-Id).' })
  decisionId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The MoU version concerned.' })
  mouId!: string | null;

  @Field(() => String, { nullable: true, description: 'Its reference.' })
  mouReference!: string | null;

  @Field(() => Int, { nullable: true, description: 'Its version.' })
  mouVersion!: number | null;

  @Field(() => ID, { nullable: true, description: 'The clause concerned.' })
  clauseId!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason given (suspension, termination, voided approvals, reference data).' })
  reason!: string | null;

  @Field(() => AdminRefusal, { nullable: true, description: 'For a refusal: the code, rule and message the actor received.' })
  refusal!: AdminRefusal | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The request as made.' })
  request!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The MoU\'s text and state (or the reference-data entry) before the action.' })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The same after the action.' })
  after!: Record<string, unknown> | null;
}

export const MouAdminEventConnection = connectionOf(MouAdminEvent, 'MouAdminEvent');

@InputType({ description: 'Conditions on admin-log events; every condition given must hold.' })
export class MouAdminEventFilter {
  @Field(() => ID, { nullable: true, description: 'Events of this MoU version.' })
  @IsOptional() @IsUUID()
  mouId?: string | null;

  @Field(() => String, { nullable: true, description: 'Events of any version of this reference.' })
  @PlainText()
  @IsOptional() @MaxLength(100)
  reference?: string | null;

  @Field(() => [MouAdminAction], { nullable: true, description: 'Events of these actions.' })
  actions?: string[] | null;

  @Field(() => [AdminEventOutcome], { nullable: true, description: 'Events with these outcomes.' })
  outcomes?: string[] | null;
}
