import type { DataSource } from 'typeorm';
import { isRecordId } from '../domain/input.js';
import { badUserInput, notFound } from '../errors.js';
import type { NoticeRow } from './notice-writer.js';

/**
 * The inbox of correction notices. An agency's staff read the notices addressed to their
 * agency and acknowledge them; the owner of the record reads who has and has not acknowledged
 * (its MOU_ADMINs; the inspectorate's auditors read every notice). A notice of another agency
 * answers exactly like a missing one.
 */
export interface Notice {
  id: string;
  recipientAgencyCode: string;
  ownerAgencyCode: string;
  subject: string;
  recordId: string;
  prisonerId: string | null;
  change: 'CORRECTION' | 'WITHDRAWAL';
  revision: number;
  occurredAt: Date;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  escalatedAt: Date | null;
}

const toNotice = (r: NoticeRow): Notice => ({
  id: r.id, recipientAgencyCode: r.recipient_agency_code, ownerAgencyCode: r.owner_agency_code, subject: r.subject, recordId: r.record_id,
  prisonerId: r.prisoner_id, change: r.change, revision: r.revision, occurredAt: r.occurred_at, createdAt: r.created_at,
  acknowledgedAt: r.acknowledged_at, acknowledgedBy: r.acknowledged_by, escalatedAt: r.escalated_at,
});

export interface NoticeFilter {
  acknowledged?: boolean | null;
  escalated?: boolean | null;
  recordId?: string | null;
}

/** Whose notices a reader sees: those addressed to its agency, those about its agency's records, or all (auditors). */
export type NoticeScope = { recipient: string } | { owner: string } | 'ALL';

export async function listNotices(db: DataSource, scope: NoticeScope, filter: NoticeFilter, first: number, after: string | null): Promise<Notice[]> {
  const params: unknown[] = [];
  const p = (value: unknown): string => `$${params.push(value)}`;
  const terms: string[] = [];
  if (scope !== 'ALL') terms.push('recipient' in scope ? `recipient_agency_code = ${p(scope.recipient)}` : `owner_agency_code = ${p(scope.owner)}`);
  if (filter.acknowledged === true) terms.push('acknowledged_at IS NOT NULL');
  if (filter.acknowledged === false) terms.push('acknowledged_at IS NULL');
  if (filter.escalated === true) terms.push('escalated_at IS NOT NULL');
  if (filter.escalated === false) terms.push('escalated_at IS NULL');
  if (filter.recordId) {
    if (!isRecordId(filter.recordId)) throw badUserInput('recordId must be a record id (a UUID)');
    terms.push(`record_id = ${p(filter.recordId.toLowerCase())}`);
  }
  if (after) {
    if (!isRecordId(after)) throw badUserInput('after is not a cursor of this list');
    terms.push(`(created_at, id) < (SELECT created_at, id FROM correction_notice WHERE id = ${p(after)})`);
  }
  const rows = await db.query<NoticeRow[]>(
    `SELECT * FROM correction_notice ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${p(first)}`,
    params,
  );
  return rows.map(toNotice);
}

/** Acknowledges a notice addressed to the caller's agency (again: no change, the first acknowledgement stands). */
export async function acknowledgeNotice(db: DataSource, reader: { agencyCode: string; userId: string }, id: string): Promise<Notice> {
  if (!isRecordId(id)) throw badUserInput('id must be a notice id (a UUID)');
  const [row] = await db.query<NoticeRow[]>(
    `WITH acknowledged AS (
       UPDATE correction_notice SET acknowledged_at = COALESCE(acknowledged_at, now()), acknowledged_by = COALESCE(acknowledged_by, $3)
        WHERE id = $1 AND recipient_agency_code = $2 RETURNING *
     ) SELECT * FROM acknowledged`,
    [id.toLowerCase(), reader.agencyCode, reader.userId],
  );
  if (!row) throw notFound('Notice');
  return toNotice(row);
}
