import { IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { GraphQLDateTimeISO, GraphQLJSONObject, GraphQLSafeInt } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PROBLEM_KINDS } from '../audit/core/chain-verifier.js';
import { LOG_ENTRY_KINDS, type LogEntryKind } from '../audit/core/log-entry.js';
import { Agency } from './common.type.js';
import { connectionOf } from './connection.type.js';
import { Purpose, SubjectType } from './enums.type.js';
import { ClauseRef } from './principal.type.js';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const DisclosureKind = enumOf(LOG_ENTRY_KINDS);
registerEnumType(DisclosureKind, {
  name: 'DisclosureKind',
  description: 'DISCLOSURE: another agency\'s record reached the caller; CONSULTATION: own agency\'s records searched or read; LOG_ACCESS: the log itself read, verified or sealed; DENIAL: refused, nothing read.',
});

export const IntegrityProblemKind = enumOf(PROBLEM_KINDS);
registerEnumType(IntegrityProblemKind, { name: 'IntegrityProblemKind', description: 'What is wrong with the first bad entry of the disclosure log.' });

@ObjectType({ simpleResolvers: true, description: 'One record a response carried, as logged: whose it is, which fields reached the recipient, which were withheld, and the clauses that allowed it.' })
export class DisclosedRecord {
  @Field(() => SubjectType)
  subject!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The prisoner the record is about (the data subject), when it is about one.' })
  prisonerId!: string | null;

  @Field(() => Agency, { description: 'The data controller.' })
  ownerAgency!: Agency;

  @Field(() => [String], { description: 'Fields that reached the response.' })
  fields!: string[];

  @Field(() => [String], { description: 'Fields asked for but withheld (null in the response).' })
  redacted!: string[];

  @Field(() => [ID], { description: 'Clauses that allowed the record; empty for the reader\'s own agency\'s records.' })
  clauseIds!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A refusal the caller received.' })
export class DisclosureDenial {
  @Field(() => String, { description: 'PURPOSE_REQUIRED, CASE_REFERENCE_REQUIRED, FORBIDDEN or NOT_FOUND.' })
  code!: string;

  @Field(() => SubjectType, { nullable: true })
  subject!: string | null;

  @Field(() => String)
  detail!: string;
}

@ObjectType({ simpleResolvers: true })
export class LogFilterTerm {
  @Field(() => String)
  field!: string;

  @Field(() => [String])
  values!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A read of the disclosure log itself.' })
export class LogAccessRecord {
  @Field(() => String, { description: 'LIST, VERIFY or SEAL.' })
  action!: string;

  @Field(() => [LogFilterTerm])
  filter!: LogFilterTerm[];

  @Field(() => [GraphQLSafeInt], { description: 'Entries shown.' })
  seqs!: number[];
}

@ObjectType({ simpleResolvers: true, description: 'A root field of a search, the arguments it was given, and the other agencies whose records it could reach.' })
export class SearchTerm {
  @Field(() => String)
  field!: string;

  @Field(() => SubjectType, { nullable: true, description: 'The kind of record the field returns, if a shared one.' })
  subject!: string | null;

  @Field(() => [Agency], { description: 'Other agencies whose records the search could reach under the clauses it ran under — even when only a count or nothing came back.' })
  agencies!: Agency[];

  @Field(() => GraphQLJSONObject, { description: 'As the gateway used them: variables substituted, dates as ISO text.' })
  arguments!: Record<string, unknown>;
}

@ObjectType({ simpleResolvers: true, description: 'A candidate a person search returned.' })
export class LoggedCandidate {
  @Field(() => ID)
  prisonerId!: string;

  @Field(() => Float, { description: 'The match score returned (0–1).' })
  score!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The candidates a person search returned, in rank order (its terms are among searchTerms).' })
export class LoggedSearchCandidates {
  @Field(() => String, { description: 'The search: personSearch, or prisoners filtered by name.' })
  field!: string;

  @Field(() => [LoggedCandidate])
  candidates!: LoggedCandidate[];
}

@ObjectType({ simpleResolvers: true, description: 'One entry of the disclosure log: one request that read personal data or was refused (LED Art. 25).' })
export class DisclosureLogEntry {
  @Field(() => GraphQLSafeInt, { description: 'Position in the hash chain.' })
  seq!: number;

  @Field(() => String, { description: 'SHA-256 (hex) chaining this entry to the previous one.' })
  hash!: string;

  @Field(() => String)
  prevHash!: string;

  @Field(() => DisclosureKind)
  kind!: string;

  @Field(() => ID, { description: 'The request\'s decision id (Liaison-Decision-Id).' })
  decisionId!: string;

  @Field(() => GraphQLDateTimeISO)
  recordedAt!: Date;

  @Field(() => String)
  userId!: string;

  @Field(() => Agency, { description: 'The agency the user acts for: the recipient.' })
  agency!: Agency;

  @Field(() => [String])
  roles!: string[];

  @Field(() => String, { description: 'The token issuer that vouched for the user.' })
  issuer!: string;

  @Field(() => Purpose, { nullable: true })
  purpose!: string | null;

  @Field(() => String, { nullable: true })
  caseReference!: string | null;

  @Field(() => String, { nullable: true })
  operationName!: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the GraphQL document.' })
  documentHash!: string | null;

  @Field(() => [SubjectType], { description: 'Kinds of shared record searched.' })
  queried!: string[];

  @Field(() => [SearchTerm], { description: 'What was searched for: the root fields\' arguments, literals and variables alike.' })
  searchTerms!: SearchTerm[];

  @Field(() => [DisclosedRecord])
  records!: DisclosedRecord[];

  @Field(() => [ClauseRef], { description: 'The clauses named by the records, as they stood when the entry was written.' })
  clauses!: ClauseRef[];

  @Field(() => [DisclosureDenial])
  denials!: DisclosureDenial[];

  @Field(() => [LogAccessRecord])
  logAccess!: LogAccessRecord[];

  @Field(() => [LoggedSearchCandidates], { description: 'The candidates person searches returned, in rank order.' })
  searchCandidates!: LoggedSearchCandidates[];
}

export const DisclosureLogEntryConnection = connectionOf(DisclosureLogEntry, 'DisclosureLogEntry');

const AGENCY_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

@InputType({ description: 'Every given condition must hold. Times: from inclusive, to exclusive.' })
export class DisclosureFilter {
  @Field(() => String, { nullable: true, description: 'Entries with records of this agency\'s data (the provider).' })
  @IsOptional() @Matches(AGENCY_CODE)
  agencyCode?: string;

  @Field(() => String, { nullable: true, description: 'Entries of users of this agency (the recipient).' })
  @IsOptional() @Matches(AGENCY_CODE)
  recipientAgencyCode?: string;

  @Field(() => String, { nullable: true })
  @IsOptional() @Length(1, 256)
  userId?: string;

  @Field(() => Purpose, { nullable: true })
  purpose?: string;

  @Field(() => ID, { nullable: true, description: 'A record id, or a prisoner id: entries about that record or that person.' })
  @IsOptional() @IsUUID()
  subjectId?: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  from?: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  to?: Date;

  @Field(() => [DisclosureKind], { nullable: true })
  kinds?: LogEntryKind[];
}

@ObjectType({ simpleResolvers: true, description: 'A signed seal over the chain head: "at signedAt, entry seq had hash hash" (Ed25519).' })
export class LogCheckpoint {
  @Field(() => GraphQLSafeInt)
  seq!: number;

  @Field(() => String)
  hash!: string;

  @Field(() => GraphQLDateTimeISO)
  signedAt!: Date;

  @Field(() => String, { description: 'First 16 hex digits of SHA-256 over the public key (DER).' })
  keyId!: string;

  @Field(() => String, { description: 'Ed25519 signature, base64.' })
  signature!: string;
}

@ObjectType({ simpleResolvers: true })
export class IntegrityProblem {
  @Field(() => GraphQLSafeInt, { description: 'The first bad entry.' })
  seq!: number;

  @Field(() => IntegrityProblemKind)
  kind!: string;

  @Field(() => String)
  detail!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The result of recomputing the whole disclosure-log chain and checking every checkpoint signature.' })
export class AuditIntegrity {
  @Field(() => Boolean)
  intact!: boolean;

  @Field(() => GraphQLDateTimeISO)
  checkedAt!: Date;

  @Field(() => GraphQLSafeInt, { description: 'Entries verified (up to the first problem).' })
  entries!: number;

  @Field(() => GraphQLSafeInt, { description: 'The chain head: the last entry appended.' })
  headSeq!: number;

  @Field(() => String)
  headHash!: string;

  @Field(() => Int)
  checkpointsVerified!: number;

  @Field(() => LogCheckpoint, { nullable: true })
  lastCheckpoint!: LogCheckpoint | null;

  @Field(() => GraphQLSafeInt, { description: 'Entries after the last verified checkpoint: chained, not yet sealed.' })
  unsealedEntries!: number;

  @Field(() => IntegrityProblem, { nullable: true })
  problem!: IntegrityProblem | null;
}
