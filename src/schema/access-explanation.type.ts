import { GraphQLDateTimeISO } from './date-scalars.js';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Agency } from './common.type.js';
import { Purpose, SubjectType } from './enums.type.js';
import { AccessReasonKind, ClauseVerdictKind, ExplanationDetail } from './mou-enums.type.js';
import { ClauseRef } from './principal.type.js';
import { PlainText } from './validation.js';

@InputType({ description: 'Who would be asking (agency, roles, purpose, case reference) and for what (record and optional field).' })
export class ExplainAccessInput {
  @Field(() => String, { description: 'The agency whose staff\'s access is explained.' })
  @PlainText()
  @MaxLength(32)
  agency!: string;

  @Field(() => [String], { description: 'Their roles (defined at that agency).' })
  @PlainText({ each: true })
  @ArrayMinSize(1) @ArrayMaxSize(20)
  roles!: string[];

  @Field(() => Purpose, { nullable: true, description: 'The purpose they would declare; omitted: none.' })
  purpose?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Whether the request would carry a Liaison-Case-Reference (default true).' })
  caseReference?: boolean | null;

  @Field(() => SubjectType, { description: 'The kind of record.' })
  subject!: string;

  @Field(() => ID, { description: 'The record\'s id.' })
  @IsUUID()
  recordId!: string;

  @Field(() => String, { nullable: true, description: 'A field to explain; omitted: the record as a whole.' })
  @PlainText()
  @IsOptional() @MaxLength(64)
  field?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'One reason behind an access decision: a clause, a role rule, a statutory exclusion, or why nothing grants.' })
export class AccessReason {
  @Field(() => AccessReasonKind, { description: 'What decided.' })
  kind!: string;

  @Field(() => ClauseRef, { nullable: true, description: 'The clause, for CLAUSE.' })
  clause!: ClauseRef | null;

  @Field(() => String, { nullable: true, description: 'The role, for ROLE (own-agency access).' })
  role!: string | null;

  @Field(() => String, { description: 'How it decided, in words.' })
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: 'What one clause addressed to the agency does for the record asked about.' })
export class ClauseVerdict {
  @Field(() => ClauseRef, { description: 'The clause.' })
  clause!: ClauseRef;

  @Field(() => ClauseVerdictKind, { description: 'What it does for the record asked about (the first failing test).' })
  verdict!: string;

  @Field(() => String, { description: 'The verdict in words.' })
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Whether the access would be allowed, and the clause(s), role rule or statutory exclusion that decide it. Never carries a field value.' })
export class AccessExplanation {
  @Field(() => Agency, { description: 'The agency whose staff the explanation is for.' })
  agency!: Agency;

  @Field(() => [String], { description: 'The roles explained.' })
  roles!: string[];

  @Field(() => Purpose, { nullable: true, description: 'The purpose explained; null: none declared.' })
  purpose!: string | null;

  @Field(() => Boolean, { description: 'Whether a case reference was taken as sent.' })
  caseReference!: boolean;

  @Field(() => SubjectType, { description: 'The kind of record explained.' })
  subject!: string;

  @Field(() => ID, { description: 'The record explained.' })
  recordId!: string;

  @Field(() => String, { nullable: true, description: 'The field explained; null: the record as a whole.' })
  field!: string | null;

  @Field(() => Boolean, { description: 'Whether that agency\'s staff with those roles, for that purpose, may read the record (or field).' })
  allowed!: boolean;

  @Field(() => Boolean, { description: 'Whether the record itself is readable (a field may still be withheld).' })
  recordReadable!: boolean;

  @Field(() => ExplanationDetail, { description: 'FULL for this record, or LIMITED: computed from the policy alone.' })
  detail!: string;

  @Field(() => String, { description: 'The answer in one sentence.' })
  summary!: string;

  @Field(() => [AccessReason], { description: 'What decided: the granting clauses or role rules, or why nothing grants.' })
  decidedBy!: AccessReason[];

  @Field(() => [ClauseVerdict], { description: 'Every clause in force addressed to the agency for this kind of record, with its verdict.' })
  considered!: ClauseVerdict[];

  @Field(() => [String], { description: 'Fields of the record that would be readable.' })
  readableFields!: string[];

  @Field(() => Int, { description: 'Policy revision the explanation was computed at.' })
  policyRevision!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the explanation was computed.' })
  evaluatedAt!: Date;
}
