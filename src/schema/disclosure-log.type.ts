import { IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { GraphQLJSONObject, GraphQLSafeInt } from 'graphql-scalars';
import { GraphQLDateTimeISO } from './date-scalars.js';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PROBLEM_KINDS } from '../audit/core/chain-verifier.js';
import { LOG_ENTRY_KINDS, type LogEntryKind } from '../audit/core/log-entry.js';
import { Agency } from './common.type.js';
import { enumValuesConfig } from './enum-value-descriptions.js';
import { connectionOf } from './connection.type.js';
import { Purpose, SubjectType } from './enums.type.js';
import { ClauseRef } from './principal.type.js';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const DisclosureKind = enumOf(LOG_ENTRY_KINDS);
registerEnumType(DisclosureKind, {
  name: 'DisclosureKind',
  description: 'What kind of processing an entry of the disclosure log records (LED Art. 25): a disclosure to another agency, a consultation, a refusal, a read of the log, or an owner\'s write.',
  valuesConfig: enumValuesConfig('DisclosureKind'),
});

export const IntegrityProblemKind = enumOf(PROBLEM_KINDS);
registerEnumType(IntegrityProblemKind, { name: 'IntegrityProblemKind', description: 'What is wrong with the first bad entry of the disclosure log.', valuesConfig: enumValuesConfig('IntegrityProblemKind') });

@ObjectType({ simpleResolvers: true, description: 'One record a response carried, as logged: whose it is, which fields reached the recipient, which were withheld, and the clauses that allowed it.' })
export class DisclosedRecord {
  @Field(() => SubjectType, { description: 'The kind of record.' })
  subject!: string;

  @Field(() => ID, { description: 'The record\'s id.' })
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

  @Field(() => SubjectType, { nullable: true, description: 'The kind of record refused, when the refusal concerns one.' })
  subject!: string | null;

  @Field(() => String, { description: 'What was refused, in words.' })
  detail!: string;
}

@ObjectType({ simpleResolvers: true, description: 'One condition of the filter a reader of the disclosure log used.' })
export class LogFilterTerm {
  @Field(() => String, { description: 'The filter\'s field.' })
  field!: string;

  @Field(() => [String], { description: 'Its values, as text.' })
  values!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A read of the disclosure log itself.' })
export class LogAccessRecord {
  @Field(() => String, { description: 'LIST, VERIFY or SEAL.' })
  action!: string;

  @Field(() => [LogFilterTerm], { description: 'The filter the log was read with.' })
  filter!: LogFilterTerm[];

  @Field(() => [GraphQLSafeInt], { description: 'Entries shown.' })
  seqs!: number[];
}

@ObjectType({ simpleResolvers: true, description: 'A root field of a search, the arguments it was given, and the other agencies whose records it could reach.' })
export class SearchTerm {
  @Field(() => String, { description: 'The root field searched (e.g. riskFlags).' })
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
  @Field(() => ID, { description: 'The candidate prisoner\'s id.' })
  prisonerId!: string;

  @Field(() => Float, { description: 'The match score returned (0–1).' })
  score!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The candidates a person search returned, in rank order (its terms are among searchTerms).' })
export class LoggedSearchCandidates {
  @Field(() => String, { description: 'The search: personSearch, or prisoners filtered by name.' })
  field!: string;

  @Field(() => [LoggedCandidate], { description: 'The candidates, best first, with their scores.' })
  candidates!: LoggedCandidate[];
}

@ObjectType({ simpleResolvers: true, description: 'One entry of the disclosure log: one request that read personal data or was refused (LED Art. 25).' })
export class DisclosureLogEntry {
  @Field(() => GraphQLSafeInt, { description: 'Position in the hash chain.' })
  seq!: number;

  @Field(() => String, { description: 'SHA-256 (hex) chaining this entry to the previous one.' })
  hash!: string;

  @Field(() => String, { description: 'The previous entry\'s hash (64 hex digits; zeros before entry 1): the chain link.' })
  prevHash!: string;

  @Field(() => DisclosureKind, { description: 'What kind of processing the entry records.' })
  kind!: string;

  @Field(() => ID, { description: 'The request\'s decision id (Liaison-Decision-Id).' })
  decisionId!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When the entry was written (UTC, milliseconds).' })
  recordedAt!: Date;

  @Field(() => String, { description: 'Who asked: the token\'s subject.' })
  userId!: string;

  @Field(() => Agency, { description: 'The agency the user acts for: the recipient.' })
  agency!: Agency;

  @Field(() => [String], { description: 'The caller\'s roles.' })
  roles!: string[];

  @Field(() => String, { description: 'The token issuer that vouched for the user.' })
  issuer!: string;

  @Field(() => Purpose, { nullable: true, description: 'The declared purpose (Liaison-Purpose).' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'The declared case reference (Liaison-Case-Reference).' })
  caseReference!: string | null;

  @Field(() => String, { nullable: true, description: 'The GraphQL operation\'s name, when it has one.' })
  operationName!: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the GraphQL document.' })
  documentHash!: string | null;

  @Field(() => [SubjectType], { description: 'Kinds of shared record searched.' })
  queried!: string[];

  @Field(() => [SearchTerm], { description: 'What was searched for: the root fields\' arguments, literals and variables alike.' })
  searchTerms!: SearchTerm[];

  @Field(() => [DisclosedRecord], { description: 'The records the response carried (for a MOU_ADMIN of another agency: its own agency\'s records only).' })
  records!: DisclosedRecord[];

  @Field(() => [ClauseRef], { description: 'The clauses named by the records, as they stood when the entry was written.' })
  clauses!: ClauseRef[];

  @Field(() => [DisclosureDenial], { description: 'What was refused, and why.' })
  denials!: DisclosureDenial[];

  @Field(() => [LogAccessRecord], { description: 'Reads of the disclosure log itself that this request made.' })
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

  @Field(() => String, { nullable: true, description: 'Entries of this user.' })
  @IsOptional() @Length(1, 256)
  userId?: string;

  @Field(() => Purpose, { nullable: true, description: 'Entries declaring this purpose.' })
  purpose?: string;

  @Field(() => ID, { nullable: true, description: 'A record id, or a prisoner id: entries about that record or that person.' })
  @IsOptional() @IsUUID()
  subjectId?: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Entries recorded at or after this time.' })
  from?: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Entries recorded before this time.' })
  to?: Date;

  @Field(() => [DisclosureKind], { nullable: true, description: 'Entries of these kinds.' })
  kinds?: LogEntryKind[];
}

@ObjectType({ simpleResolvers: true, description: 'A signed seal over the chain head: "at signedAt, entry seq had hash hash" (Ed25519).' })
export class LogCheckpoint {
  @Field(() => GraphQLSafeInt, { description: 'The number of entries it seals.' })
  seq!: number;

  @Field(() => String, { description: 'The hash of entry seq (64 hex digits).' })
  hash!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was signed.' })
  signedAt!: Date;

  @Field(() => String, { description: 'First 16 hex digits of SHA-256 over the public key (DER).' })
  keyId!: string;

  @Field(() => String, { description: 'Ed25519 signature, base64.' })
  signature!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The first bad entry of the disclosure log, and what is wrong with it.' })
export class IntegrityProblem {
  @Field(() => GraphQLSafeInt, { description: 'The first bad entry.' })
  seq!: number;

  @Field(() => IntegrityProblemKind, { description: 'What is wrong.' })
  kind!: string;

  @Field(() => String, { description: 'What is wrong, in words.' })
  detail!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The result of recomputing the whole disclosure-log chain and checking every checkpoint signature.' })
export class AuditIntegrity {
  @Field(() => Boolean, { description: 'Whether the whole log verifies: every link, index column, checkpoint signature and seal.' })
  intact!: boolean;

  @Field(() => GraphQLDateTimeISO, { description: 'When the verification ran.' })
  checkedAt!: Date;

  @Field(() => GraphQLSafeInt, { description: 'Entries verified (up to the first problem).' })
  entries!: number;

  @Field(() => GraphQLSafeInt, { description: 'The chain head: the last entry appended.' })
  headSeq!: number;

  @Field(() => String, { description: 'The chain head\'s hash (64 hex digits).' })
  headHash!: string;

  @Field(() => Int, { description: 'How many checkpoints were verified.' })
  checkpointsVerified!: number;

  @Field(() => LogCheckpoint, { nullable: true, description: 'The latest checkpoint; null before the first.' })
  lastCheckpoint!: LogCheckpoint | null;

  @Field(() => GraphQLSafeInt, { description: 'Entries after the last verified checkpoint: chained, not yet sealed.' })
  unsealedEntries!: number;

  @Field(() => IntegrityProblem, { nullable: true, description: 'The first problem found; null when intact.' })
  problem!: IntegrityProblem | null;
}
