import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Agency } from './common.type.js';
import { Purpose, SubjectType } from './enums.type.js';

@ObjectType({ simpleResolvers: true, description: 'An MoU clause, as named in explanations and permissions.' })
export class ClauseRef {
  @Field(() => ID, { description: 'The clause\'s id.' })
  id!: string;

  @Field(() => String, { description: 'The clause\'s label, unique within its MoU.' })
  label!: string;

  @Field(() => ID, { description: 'The MoU version the clause belongs to.' })
  mouId!: string;

  @Field(() => String, { description: 'Reference of the MoU, e.g. MOU-PRISONS-POLICE-01.' })
  mouReference!: string;

  @Field(() => Int, { description: 'The version of the MoU the clause belongs to.' })
  mouVersion!: number;

  @Field(() => Agency, { description: 'The agency whose records the clause shares.' })
  provider!: Agency;
}

@ObjectType({ simpleResolvers: true, description: 'One readable field and what grants it.' })
export class FieldPermission {
  @Field(() => String, { description: 'The field.' })
  field!: string;

  @Field(() => [String], { description: 'Roles whose own-agency rules grant it, on your agency\'s records.' })
  roles!: string[];

  @Field(() => [ClauseRef], { description: 'Clauses that grant it, on the other agencies\' records each covers.' })
  clauses!: ClauseRef[];

  @Field(() => Boolean, { description: 'Shown with every readable record (id, owner, handling).' })
  alwaysVisible!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'What the caller may read of one kind of record, and why.' })
export class SubjectPermission {
  @Field(() => SubjectType, { description: 'The kind of record.' })
  subject!: string;

  @Field(() => [String], { description: 'Fields readable on your own agency\'s records, by role.' })
  ownAgencyFields!: string[];

  @Field(() => [String], { description: 'Fields readable on other agencies\' records shared with you, by clause (on the rows each clause covers).' })
  sharedFields!: string[];

  @Field(() => [ClauseRef], { description: 'The clauses that share other agencies\' records of this kind with the caller, for this purpose.' })
  clauses!: ClauseRef[];

  @Field(() => [FieldPermission], { description: 'Each readable field with the role rules and clauses behind it.' })
  fields!: FieldPermission[];

  @Field(() => String, { nullable: true, description: 'PURPOSE_REQUIRED or CASE_REFERENCE_REQUIRED when a clause exists but this request cannot use it.' })
  requires!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'The caller, as the gateway sees them.' })
export class Principal {
  @Field(() => String, { description: 'Your user id: the token\'s subject.' })
  userId!: string;

  @Field(() => Agency, { description: 'Your agency: the one your token\'s issuer is bound to.' })
  agency!: Agency;

  @Field(() => [String], { description: 'Your roles, from the token.' })
  roles!: string[];

  @Field(() => Purpose, { nullable: true, description: 'The purpose this request declared (Liaison-Purpose).' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'The case reference this request sent (Liaison-Case-Reference).' })
  caseReference!: string | null;

  @Field(() => ID, { description: 'This request\'s decision id, also in extensions.liaison and the Liaison-Decision-Id header.' })
  decisionId!: string;

  @Field(() => Int, { description: 'Policy revision the answer was computed at.' })
  policyRevision!: number;

  @Field(() => [SubjectPermission], { description: 'Per kind of record, what you may read under this purpose, and why.' })
  permissions!: SubjectPermission[];
}
