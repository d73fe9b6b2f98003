import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import type { AdminChannel, AdminEventOutcome, MouAdminAction } from './rules/mou-admin-actions.js';

/**
 * Writes the admin audit log (table mou_admin_event, append-only by trigger). A successful
 * action's events are written in the transaction that makes the change, so there is never a
 * change without its record; a refusal is written on its own after the change is rolled back.
 */

/** Issuer of the principal the CLI acts as (`liaison mou import --as <user>`). */
export const CLI_ISSUER = 'urn:liaison:cli';

export interface AdminActor {
  userId: string;
  agencyCode: string | null;
  roles: readonly string[];
  channel: AdminChannel;
  decisionId: string | null;
}

/** The gateway's own lifecycle clock (validFrom reached, validUntil passed, superseded). */
export const SCHEDULER_ACTOR: AdminActor = {
  userId: 'liaison:scheduler', agencyCode: null, roles: [], channel: 'SCHEDULER', decisionId: null,
};

export function adminActorOf(ctx: RequestContext): AdminActor {
  return {
    userId: ctx.principal.userId,
    agencyCode: ctx.principal.agencyCode,
    roles: [...ctx.principal.roles],
    channel: ctx.principal.issuer === CLI_ISSUER ? 'CLI' : 'GRAPHQL',
    decisionId: ctx.decisionId,
  };
}

/** The MoU an event is about, as far as the log needs it. */
export interface EventSubject {
  id: string;
  reference: string;
  version: number;
  providerAgencyCode: string;
  recipientAgencyCode: string;
}

export interface AdminEvent {
  action: MouAdminAction;
  outcome?: AdminEventOutcome;
  mou?: EventSubject | null;
  /** An MoU id the request named when no MoU was loaded (a refused request for a missing id). */
  mouId?: string | null;
  clauseId?: string | null;
  /** Agencies whose MOU_ADMINs may read the event; defaults to the MoU's two parties. */
  parties?: readonly string[];
  reason?: string | null;
  refusal?: { code: string; rule: string | null; message: string } | null;
  request?: unknown;
  before?: unknown;
  after?: unknown;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

export async function appendAdminEvent(manager: EntityManager, actor: AdminActor, event: AdminEvent): Promise<void> {
  const parties = event.parties ?? (event.mou ? [event.mou.providerAgencyCode, event.mou.recipientAgencyCode] : []);
  await manager.query(
    `INSERT INTO mou_admin_event (
       action, outcome, channel, actor_user_id, actor_agency_code, actor_roles, decision_id,
       mou_id, mou_reference, mou_version, clause_id, party_agency_codes, reason,
       refusal_code, refusal_rule, refusal_message, request, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18::jsonb, $19::jsonb)`,
    [
      event.action, event.outcome ?? (event.refusal ? 'REFUSED' : 'SUCCEEDED'), actor.channel, actor.userId,
      actor.agencyCode, [...actor.roles], actor.decisionId,
      event.mou?.id ?? event.mouId ?? null, event.mou?.reference ?? null, event.mou?.version ?? null,
      event.clauseId ?? null, [...new Set(parties)], event.reason ?? null,
      event.refusal?.code ?? null, event.refusal?.rule ?? null, event.refusal?.message ?? null,
      json(event.request), json(event.before), json(event.after),
    ],
  );
}

/** Appends events for one actor within one transaction. */
export class AdminJournal {
  constructor(private readonly manager: EntityManager, readonly actor: AdminActor) {}

  record(event: AdminEvent): Promise<void> {
    return appendAdminEvent(this.manager, this.actor, event);
  }
}
