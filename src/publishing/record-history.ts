import type { RequestContext } from '../context/request-context.js';
import { recordId } from '../domain/input.js';
import { notFound } from '../errors.js';
import { agencyRef, type AgencyRef } from '../enforcement/record-view.js';
import type { SubjectType } from '../policies/subjects.js';
import { recordKindOf } from './record-kinds.js';
import { columnFields, type RecordKind, type RecordState } from './record-kind.js';
import { keepsRecord, mayReadField } from './write-authorization.js';

export interface FieldChangeView {
  field: string;
  before: unknown;
  after: unknown;
  withheld: boolean;
}

export interface RevisionView {
  revision: number;
  change: string;
  channel: string;
  userId: string;
  agencyCode: string;
  changedAt: Date;
  reason: string | null;
  changes: FieldChangeView[];
}

export interface HistoryView {
  subject: SubjectType;
  id: string;
  externalId: string;
  ownerAgency: AgencyRef;
  revision: number;
  withdrawn: boolean;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
  revisions: RevisionView[];
}

/** Revisions returned at most (a record changed more often than this shows its latest ones). */
const MAX_REVISIONS = 1_000;

const isAuditor = (ctx: RequestContext): boolean =>
  ctx.principal.roles.includes('AUDITOR') && ctx.snapshot.agencies.get(ctx.principal.agencyCode)?.kind === 'OVERSIGHT';

/** The record's own columns, as the role rules' conditions test them (child rows are never tested). */
function stateOf(kind: RecordKind, row: Record<string, unknown>): RecordState {
  return Object.fromEntries(columnFields(kind).map(([name, f]) => [name, (row[f.column] ?? null) as string | null]));
}

/**
 * A record's history — every revision, never overwritten — and, for a withdrawn record, its
 * tombstone. For the owner's keepers of the record (staff whose roles may update all of it),
 * with the values of the fields their roles may read; and for auditors of an oversight
 * agency, who see who changed which fields when and why, but no values. Recipients see the
 * current state only: to anyone else the record answers exactly like one that does not exist.
 */
export async function recordHistory(ctx: RequestContext, subjectName: string, id: string): Promise<HistoryView> {
  const kind = recordKindOf(subjectName);
  const { subject } = kind;
  const recordKey = recordId(id);
  const columns = columnFields(kind).map(([, f]) => f.column).join(', ');
  const [row] = await ctx.dataSource.query(
    `SELECT id, external_id, owner_agency_code, revision, withdrawn_at, withdrawal_reason,
            ${kind.linkedToPrisoner ? 'prisoner_id' : 'NULL AS prisoner_id'}, ${columns}
       FROM ${kind.table} WHERE id = $1`,
    [recordKey],
  ) as Record<string, unknown>[];
  const owner = row?.owner_agency_code as string | undefined;
  const state = row ? stateOf(kind, row) : null;
  const keeper = row !== undefined && owner === ctx.principal.agencyCode && keepsRecord(ctx.policy.ability, kind, owner, state!);
  if (!row || (!keeper && !isAuditor(ctx))) {
    ctx.disclosures.deny({ code: 'NOT_FOUND', subject, detail: `history of ${subject} ${id}` });
    throw notFound(subject);
  }
  const revisions = await ctx.dataSource.query(
    `SELECT revision, change, channel, user_id, agency_code, changed_at, reason, changes
       FROM (SELECT * FROM record_revision WHERE subject = $1 AND record_id = $2 ORDER BY revision DESC LIMIT $3) AS latest
      ORDER BY revision`,
    [subject, recordKey, MAX_REVISIONS],
  ) as { revision: number; change: string; channel: string; user_id: string; agency_code: string; changed_at: Date; reason: string | null; changes: Record<string, { before: unknown; after: unknown }> }[];

  const readable = (field: string): boolean => keeper && mayReadField(ctx.policy.ability, kind, owner!, state!, field);
  ctx.disclosures.queried(subject);
  ctx.disclosures.track({
    subject, id: recordKey, prisonerId: subject === 'Prisoner' ? recordKey : (row.prisoner_id as string | null), ownerAgencyCode: owner!,
    clauseIds: [], withheld: new Map(), returned: new Set(['history']), redacted: new Set(),
  });
  return {
    subject,
    id: recordKey,
    externalId: row.external_id as string,
    ownerAgency: agencyRef(ctx, owner!),
    revision: row.revision as number,
    withdrawn: row.withdrawn_at !== null,
    withdrawnAt: row.withdrawn_at as Date | null,
    withdrawalReason: row.withdrawal_reason as string | null,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      change: r.change,
      channel: r.channel,
      userId: r.user_id,
      agencyCode: r.agency_code,
      changedAt: r.changed_at,
      reason: r.reason,
      changes: Object.entries(r.changes).sort(([a], [b]) => (a < b ? -1 : 1)).map(([field, { before, after }]) => (readable(field)
        ? { field, before, after, withheld: false }
        : { field, before: null, after: null, withheld: true })),
    })),
  };
}
