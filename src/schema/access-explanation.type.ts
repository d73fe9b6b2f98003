import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Agency } from './common.type.js';
import { Purpose, SubjectType } from './enums.type.js';
import { AccessReasonKind, ClauseVerdictKind, ExplanationDetail } from './mou-enums.type.js';
import { ClauseRef } from './principal.type.js';
import { PlainText } from './validation.js';

@InputType({ description: 'Who would be asking (agency, roles, purpose, case reference) and for what (record and optional field).' })
export class ExplainAccessInput {
  @Field(() => String)
  @PlainText()
  @MaxLength(32)
  agency!: string;

  @Field(() => [String])
  @PlainText({ each: true })
  @ArrayMinSize(1) @ArrayMaxSize(20)
  roles!: string[];

  @Field(() => Purpose, { nullable: true })
  purpose?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Whether the request would carry a Liaison-Case-Reference (default true).' })
  caseReference?: boolean | null;

  @Field(() => SubjectType)
  subject!: string;

  @Field(() => ID)
  @IsUUID()
  recordId!: string;

  @Field(() => String, { nullable: true })
  @PlainText()
  @IsOptional() @MaxLength(64)
  field?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class AccessReason {
  @Field(() => AccessReasonKind)
  kind!: string;

  @Field(() => ClauseRef, { nullable: true, description: 'The clause, for CLAUSE.' })
  clause!: ClauseRef | null;

  @Field(() => String, { nullable: true, description: 'The role, for ROLE (own-agency access).' })
  role!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType({ simpleResolvers: true })
export class ClauseVerdict {
  @Field(() => ClauseRef)
  clause!: ClauseRef;

  @Field(() => ClauseVerdictKind)
  verdict!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Whether the access would be allowed, and the clause(s), role rule or statutory exclusion that decide it. Never carries a field value.' })
export class AccessExplanation {
  @Field(() => Agency)
  agency!: Agency;

  @Field(() => [String])
  roles!: string[];

  @Field(() => Purpose, { nullable: true })
  purpose!: string | null;

  @Field(() => Boolean)
  caseReference!: boolean;

  @Field(() => SubjectType)
  subject!: string;

  @Field(() => ID)
  recordId!: string;

  @Field(() => String, { nullable: true })
  field!: string | null;

  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => Boolean, { description: 'Whether the record itself is readable (a field may still be withheld).' })
  recordReadable!: boolean;

  @Field(() => ExplanationDetail)
  detail!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => [AccessReason], { description: 'What decided: the granting clauses or role rules, or why nothing grants.' })
  decidedBy!: AccessReason[];

  @Field(() => [ClauseVerdict], { description: 'Every clause in force addressed to the agency for this kind of record, with its verdict.' })
  considered!: ClauseVerdict[];

  @Field(() => [String], { description: 'Fields of the record that would be readable.' })
  readableFields!: string[];

  @Field(() => Int, { description: 'Policy revision the explanation was computed at.' })
  policyRevision!: number;

  @Field(() => GraphQLDateTimeISO)
  evaluatedAt!: Date;
}
