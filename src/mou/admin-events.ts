import type { RequestContext } from '../context/request-context.js';
import { MouAdminEventEntity } from '../entities/index.js';
import { badUserInput } from '../errors.js';
import { pageSize, recordId } from '../domain/input.js';
import { mouActorOf } from './records.js';
import { agencyRef, type AgencyRef } from '../enforcement/record-view.js';

/**
 * Reading the admin audit log (issue 3, item 7): the MOU_ADMINs of the agencies an event
 * concerns (an MoU's two parties) and the inspectorate's auditors, newest first. Who may call
 * at all is declared in src/enforcement/operation-access.ts; which events they read is here.
 */

export interface AdminEventFilter {
  mouId?: string | null;
  reference?: string | null;
  actions?: string[] | null;
  outcomes?: string[] | null;
}

export interface AdminEventView {
  id: string;
  sequence: number;
  occurredAt: Date;
  action: string;
  outcome: string;
  channel: string;
  actorUserId: string;
  actorAgency: AgencyRef | null;
  actorRoles: string[];
  decisionId: string | null;
  mouId: string | null;
  mouReference: string | null;
  mouVersion: number | null;
  clauseId: string | null;
  reason: string | null;
  refusal: { code: string; rule: string | null; message: string | null } | null;
  request: Record<string, unknown> | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AdminEventConnection {
  edges: { cursor: string; node: AdminEventView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

const encodeCursor = (seq: string): string => Buffer.from(`event:${seq}`).toString('base64url');
function decodeCursor(cursor: string): string {
  const match = /^event:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput('after is not a cursor of this list');
  return match[1]!;
}

export async function listAdminEvents(
  ctx: RequestContext, filter: AdminEventFilter | null | undefined, page: { first?: number | null; after?: string | null },
): Promise<AdminEventConnection> {
  const actor = mouActorOf(ctx);
  const first = pageSize(page.first);
  const qb = ctx.dataSource.getRepository(MouAdminEventEntity).createQueryBuilder('e');
  if (!actor.oversight) qb.andWhere(':agency = ANY(e.partyAgencyCodes)', { agency: actor.agencyCode });
  if (filter?.mouId) qb.andWhere('e.mouId = :mouId', { mouId: recordId(filter.mouId, 'mouId') });
  if (filter?.reference) qb.andWhere('e.mouReference = :reference', { reference: filter.reference });
  if (filter?.actions) qb.andWhere(filter.actions.length ? 'e.action IN (:...actions)' : 'FALSE', { actions: filter.actions });
  if (filter?.outcomes) qb.andWhere(filter.outcomes.length ? 'e.outcome IN (:...outcomes)' : 'FALSE', { outcomes: filter.outcomes });
  const counted = qb.clone();
  if (page.after) qb.andWhere('e.seq < :after', { after: decodeCursor(page.after) });
  const rows = first === 0 ? [] : await qb.orderBy('e.seq', 'DESC').limit(first + 1).getMany();
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(row.seq), node: eventView(ctx, row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => counted.getCount(),
  };
}

function eventView(ctx: RequestContext, row: MouAdminEventEntity): AdminEventView {
  return {
    id: row.id,
    sequence: Number(row.seq),
    occurredAt: row.occurredAt,
    action: row.action,
    outcome: row.outcome,
    channel: row.channel,
    actorUserId: row.actorUserId,
    actorAgency: row.actorAgencyCode ? agencyRef(ctx, row.actorAgencyCode) : null,
    actorRoles: row.actorRoles,
    decisionId: row.decisionId,
    mouId: row.mouId,
    mouReference: row.mouReference,
    mouVersion: row.mouVersion,
    clauseId: row.clauseId,
    reason: row.reason,
    refusal: row.refusalCode ? { code: row.refusalCode, rule: row.refusalRule, message: row.refusalMessage } : null,
    request: row.request,
    before: row.before,
    after: row.after,
  };
}
