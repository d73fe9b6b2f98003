import type { RequestContext } from '../context/request-context.js';
import { pageSize } from '../domain/input.js';
import { AUDITOR_ROLE, OVERSIGHT_AGENCY_KIND } from '../audit/store/log-readers.js';
import { acknowledgeNotice, listNotices, type Notice, type NoticeFilter } from './notice-inbox.js';

/** The notice use cases of the API: the recipient's inbox and acknowledgement, the owner's view of who acknowledged. */
const present = (notice: Notice) => ({ ...notice, acknowledged: notice.acknowledgedAt !== null, escalated: notice.escalatedAt !== null });

/** Notices addressed to the caller's agency, newest first. */
export async function inbox(ctx: RequestContext, filter: NoticeFilter, first?: number | null, after?: string | null) {
  return (await listNotices(ctx.dataSource, { recipient: ctx.principal.agencyCode }, filter, pageSize(first), after ?? null)).map(present);
}

/**
 * Notices issued about the caller's agency's records — which recipients have acknowledged and
 * which have not (its MOU_ADMINs); every notice for the inspectorate's auditors.
 */
export async function issued(ctx: RequestContext, filter: NoticeFilter, first?: number | null, after?: string | null) {
  const auditor = ctx.snapshot.agencies.get(ctx.principal.agencyCode)?.kind === OVERSIGHT_AGENCY_KIND && ctx.principal.roles.includes(AUDITOR_ROLE);
  return (await listNotices(ctx.dataSource, auditor ? 'ALL' : { owner: ctx.principal.agencyCode }, filter, pageSize(first), after ?? null)).map(present);
}

export async function acknowledge(ctx: RequestContext, id: string) {
  const notice = await acknowledgeNotice(ctx.dataSource, { agencyCode: ctx.principal.agencyCode, userId: ctx.principal.userId }, id);
  ctx.log.info({ noticeId: notice.id, by: ctx.principal.userId }, 'correction notice acknowledged');
  return present(notice);
}
