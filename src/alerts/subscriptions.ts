import type { Logger } from 'pino';
import type { RequestContext } from '../context/request-context.js';
import { RISK_LEVELS, type RiskLevel } from '../domain/enums.js';
import { recordId } from '../domain/input.js';
import type { PolicySource } from '../enforcement/policy-store.js';
import { badUserInput } from '../errors.js';
import type { Queryable } from '../feed/change-feed.js';
import { SUBJECT_TYPES, type SubjectType } from '../policies/subjects.js';
import { AlertDispatcher } from './alert-dispatcher.js';
import { ALERT_TYPES, positionOfEventId, type AlertType, type ChangeKind } from './alert-event.js';
import type { AlertFilter } from './alert-filter.js';
import { openAlertStream, type AlertStream } from './alert-stream.js';

/** The filter as the API receives it (GraphQL has checked the enums' spelling). */
export interface RecordChangeFilterInput {
  subjects?: string[] | null;
  types?: string[] | null;
  changeKinds?: string[] | null;
  prisonerId?: string | null;
  minSeverity?: string | null;
  releaseWithinDays?: number | null;
}

const MAX_RELEASE_WINDOW_DAYS = 3660;
const CHANGE_KINDS: readonly ChangeKind[] = ['CREATE', 'UPDATE', 'CORRECTION', 'WITHDRAWAL'];

function only<T extends string>(values: readonly string[] | null | undefined, allowed: readonly T[], name: string): T[] | null {
  if (!values) return null;
  for (const value of values) if (!(allowed as readonly string[]).includes(value)) throw badUserInput(`${name}: unknown value ${value}`);
  return values as T[];
}

/** Checks the filter (a subscription's arguments are not run through the input validators). */
export function alertFilterOf(input: RecordChangeFilterInput | null | undefined): AlertFilter {
  if (!input) return {};
  const days = input.releaseWithinDays;
  if (days !== null && days !== undefined && (!Number.isInteger(days) || days < 0 || days > MAX_RELEASE_WINDOW_DAYS)) {
    throw badUserInput(`releaseWithinDays must be between 0 and ${MAX_RELEASE_WINDOW_DAYS}`);
  }
  return {
    subjects: only<SubjectType>(input.subjects, SUBJECT_TYPES, 'subjects'),
    types: only<AlertType>(input.types, ALERT_TYPES, 'types'),
    changeKinds: only<ChangeKind>(input.changeKinds, CHANGE_KINDS, 'changeKinds'),
    prisonerId: input.prisonerId ? recordId(input.prisonerId, 'prisonerId') : null,
    minSeverity: input.minSeverity ? only<RiskLevel>([input.minSeverity], RISK_LEVELS, 'minSeverity')![0]! : null,
    releaseWithinDays: days ?? null,
  };
}

/**
 * Record-change subscriptions of one gateway process: one dispatcher following the change
 * feed (started with the first subscription), one resumable stream per subscription.
 */
export class RecordChangeSubscriptions {
  private dispatcher: AlertDispatcher | undefined;
  private starting: Promise<AlertDispatcher> | undefined;
  /** Streams opened so far (monotonic; tests wait on it). */
  opened = 0;

  constructor(private readonly options: {
    databaseUrl: string;
    db: Queryable;
    policy: PolicySource;
    log?: Logger;
    imageRetentionDays?: number;
    pollMs?: number;
  }) {}

  /** The process's dispatcher, started on first use. */
  started(): Promise<AlertDispatcher> {
    this.starting ??= (async () => {
      const dispatcher = new AlertDispatcher(this.options);
      await dispatcher.start();
      this.dispatcher = dispatcher;
      return dispatcher;
    })();
    return this.starting;
  }

  /** A subscription's stream of alerts for the caller, from `after` (an event id) when resuming. */
  async open(ctx: RequestContext, filterInput: RecordChangeFilterInput | null | undefined, after: string | null | undefined): Promise<AlertStream> {
    const filter = alertFilterOf(filterInput);
    let position: number | null = null;
    if (after) {
      position = positionOfEventId(after);
      if (position === null) throw badUserInput('after must be the id of an event received before');
    }
    const dispatcher = await this.started();
    this.opened += 1;
    return openAlertStream({
      dispatcher,
      db: this.options.db,
      policy: this.options.policy,
      recipient: { agencyCode: ctx.principal.agencyCode, roles: ctx.principal.roles, purpose: ctx.purpose, caseReference: ctx.caseReference },
      filter,
      after: position,
    });
  }

  get listeners(): number {
    return this.dispatcher?.listenerCount ?? 0;
  }

  /** Waits until every change committed so far has been handed to the subscriptions (tests). */
  async catchUp(): Promise<void> {
    await this.dispatcher?.catchUp();
  }

  async stop(): Promise<void> {
    const dispatcher = await this.starting?.catch(() => undefined);
    await dispatcher?.stop();
  }
}
