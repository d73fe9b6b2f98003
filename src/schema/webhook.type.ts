import { GraphQLJSON } from 'graphql-scalars';
import { GraphQLDateTimeISO } from './date-scalars.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { AlertType as AlertTypeName } from '../alerts/index.js';
import { AlertType } from './alert.type.js';
import type { RiskLevel as RiskLevelName } from '../domain/enums.js';
import type { SubjectType as SubjectTypeName } from '../policies/subjects.js';
import { graphqlEnum, Purpose, RiskLevel, SubjectType } from './enums.type.js';
import { RecordChangeKind } from './publishing.type.js';

export const WebhookDeliveryStatus = graphqlEnum(
  ['PENDING', 'DELIVERED', 'DEAD', 'CANCELLED'] as const, 'WebhookDeliveryStatus',
  'PENDING: queued or being retried; DELIVERED: a 2xx answer; DEAD: retried for the whole window (24 h by default) without success — the dead-letter list, redeliverable; CANCELLED: the webhook was removed.',
);

@ObjectType({ simpleResolvers: true, description: 'Which events a webhook receives (the alerts filter); an empty list or null means any. Correction notices ignore the filter.' })
export class WebhookEventFilter {
  @Field(() => [SubjectType], { description: 'Kinds of record; empty: any.' })
  subjects!: string[];

  @Field(() => [AlertType], { description: 'Alert types; empty: any.' })
  types!: string[];

  @Field(() => [RecordChangeKind], { description: 'Kinds of change; empty: any.' })
  changeKinds!: string[];

  @Field(() => ID, { nullable: true, description: 'Only this prisoner and their records; null: any.' })
  prisonerId!: string | null;

  @Field(() => RiskLevel, { nullable: true, description: 'Flags of at least this severity (where visible); null: any.' })
  minSeverity!: string | null;

  @Field(() => Int, { nullable: true, description: 'Records whose release date is within this many days (where visible); null: any.' })
  releaseWithinDays!: number | null;
}

@InputType({ description: 'Which events a webhook receives; a part left out or empty means any. A filter tests only what the endpoint\'s identity may see.' })
export class WebhookEventFilterInput {
  @Field(() => [SubjectType], { nullable: true, description: 'Kinds of record.' })
  subjects?: SubjectTypeName[] | null;

  @Field(() => [AlertType], { nullable: true, description: 'Alert types.' })
  types?: AlertTypeName[] | null;

  @Field(() => [RecordChangeKind], { nullable: true, description: 'Kinds of change.' })
  changeKinds?: ('CREATE' | 'UPDATE' | 'CORRECTION' | 'WITHDRAWAL')[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this prisoner and their records.' })
  prisonerId?: string | null;

  @Field(() => RiskLevel, { nullable: true, description: 'Flags of at least this severity (where the severity is visible).' })
  minSeverity?: RiskLevelName | null;

  @Field(() => Int, { nullable: true, description: 'Records whose release date is within this many days (where it is visible).' })
  releaseWithinDays?: number | null;
}

@InputType({ description: 'A webhook endpoint of your agency and the identity it receives under: events reach it only when that identity could read the record now.' })
export class WebhookInput {
  @Field(() => String, { description: 'Where events are POSTed: https only in production mode, and never a loopback, private or link-local address unless the operator allows its network.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is, for your administrators (up to 500 characters).' })
  description?: string | null;

  @Field(() => Purpose, { description: 'The purpose the endpoint receives under (as Liaison-Purpose).' })
  purpose!: string;

  @Field(() => [String], { description: 'The roles of your agency it receives as (as a token\'s roles).' })
  roles!: string[];

  @Field(() => String, { nullable: true, description: 'The case reference it receives under, where a clause requires one.' })
  caseReference?: string | null;

  @Field(() => WebhookEventFilterInput, { nullable: true, description: 'Which events; left out: every event the identity may receive.' })
  filter?: WebhookEventFilterInput | null;
}

@ObjectType({ simpleResolvers: true, description: 'A webhook endpoint of your agency.' })
export class Webhook {
  @Field(() => ID, { description: 'The webhook\'s id.' })
  id!: string;

  @Field(() => String, { description: 'Where events are POSTed.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is, for administrators.' })
  description!: string | null;

  @Field(() => Purpose, { description: 'The purpose it receives under.' })
  purpose!: string;

  @Field(() => [String], { description: 'The roles of the agency it receives as.' })
  roles!: string[];

  @Field(() => String, { nullable: true, description: 'The case reference it receives under, if any.' })
  caseReference!: string | null;

  @Field(() => WebhookEventFilter, { description: 'Which events it receives.' })
  filter!: WebhookEventFilter;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was registered.' })
  createdAt!: Date;

  @Field(() => String, { description: 'Who registered it.' })
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was removed; null while it receives events.' })
  removedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'After a rotation: until when deliveries also carry a signature by the previous secret.' })
  previousSecretUntil!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'A webhook and its signing secret — shown this once: store it now (Standard Webhooks, whsec_…).' })
export class WebhookRegistration {
  @Field(() => Webhook, { description: 'The endpoint registered (or whose secret was rotated).' })
  webhook!: Webhook;

  @Field(() => String, { description: 'The Standard Webhooks signing secret (whsec_…): shown only in this answer.' })
  signingSecret!: string;
}

@ObjectType({ simpleResolvers: true, description: 'One attempt to deliver: when, how long, the HTTP status (null when there was no answer) and why it failed.' })
export class WebhookAttempt {
  @Field(() => GraphQLDateTimeISO, { description: 'When the attempt started.' })
  attemptedAt!: Date;

  @Field(() => Int, { description: 'How long it took, in milliseconds.' })
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'The endpoint\'s HTTP status; null when there was no answer.' })
  httpStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why there was no answer (refused connection, timeout, refused address); null when there was one.' })
  error!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'One event queued for one webhook, and every attempt to deliver it.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery\'s id (redeliverWebhookDeliveries).' })
  id!: string;

  @Field(() => ID, { description: 'The webhook it is for.' })
  webhookId!: string;

  @Field(() => String, { description: 'The stable event id, sent as `webhook-id` on every attempt.' })
  eventId!: string;

  @Field(() => String, { description: 'The event\'s type (an AlertType, or CORRECTION_NOTICE, WITHDRAWAL_NOTICE, NOTICE_ESCALATED).' })
  eventType!: string;

  @Field(() => GraphQLJSON, { description: 'The body sent: id, type, subject, recordId, prisonerId, time (and noticeId for notices) — never content.' })
  payload!: unknown;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  status!: string;

  @Field(() => Int, { description: 'Attempts so far.' })
  attemptCount!: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was queued.' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The last attempt\'s HTTP status.' })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt got no answer, or why the delivery was cancelled.' })
  lastError!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the endpoint accepted it.' })
  deliveredAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it went to the dead-letter list.' })
  deadAt!: Date | null;

  @Field(() => [WebhookAttempt], { description: 'The attempts, oldest first (the latest 50).' })
  attempts!: WebhookAttempt[];
}

@InputType({ description: 'Which deliveries.' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'One webhook\'s.' })
  webhookId?: string | null;

  @Field(() => [WebhookDeliveryStatus], { nullable: true, description: 'In these statuses (DEAD: the dead-letter list).' })
  statuses?: ('PENDING' | 'DELIVERED' | 'DEAD' | 'CANCELLED')[] | null;

  @Field(() => String, { nullable: true, description: 'One event id (webhook-id).' })
  eventId?: string | null;
}
