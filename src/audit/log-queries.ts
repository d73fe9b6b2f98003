import type { LogAccess } from '../context/request-disclosure.js';
import type { Checkpoint } from './core/checkpoint.js';
import type { DisclosureLog } from './disclosure-log.js';
import { parseLogEntry, recordsOf, type LogEntry, type LogEntryKind } from './core/log-entry.js';
import { entryAsSeenBy, logReadDecision, type LogReadDecision, type LogScope } from './store/log-readers.js';
import type { RequestContext } from '../context/request-context.js';
import { badUserInput, forbidden, LiaisonError, serviceUnavailable } from '../errors.js';
import { pageSize } from '../domain/input.js';
import { agencyRef } from '../enforcement/record-view.js';

/**
 * The disclosure log as its readers see it: inspectorate auditors everything, an agency's
 * MoU administrators their own staff's entries and other agencies' reads of their data (see
 * audit/store/log-readers.ts). Every read is itself written to the log (kind LOG_ACCESS).
 */

export interface DisclosureFilter {
  agencyCode?: string | null;
  recipientAgencyCode?: string | null;
  userId?: string | null;
  purpose?: string | null;
  subjectId?: string | null;
  from?: Date | null;
  to?: Date | null;
  kinds?: LogEntryKind[] | null;
}

const CURSOR_TAG = 'DisclosureLogEntry';

const encodeCursor = (seq: number): string => Buffer.from(JSON.stringify([CURSOR_TAG, seq])).toString('base64url');

function decodeCursor(cursor: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(decoded) && decoded[0] === CURSOR_TAG && Number.isSafeInteger(decoded[1]) && (decoded[1] as number) > 0) return decoded[1] as number;
  } catch {
    // fall through
  }
  throw badUserInput('after is not a cursor of this list');
}

/** Refuses (and notes the refusal for the log) unless `decision` allows. */
function allowed(ctx: RequestContext, decision: LogReadDecision, action: string): LogScope {
  if (decision.allowed) return decision.scope;
  ctx.disclosures.deny({ code: decision.code, subject: null, detail: action });
  throw decision.code === 'PURPOSE_REQUIRED' ? new LiaisonError('PURPOSE_REQUIRED', decision.reason) : forbidden(decision.reason);
}

const readerOf = (ctx: RequestContext) => ({
  agencyCode: ctx.principal.agencyCode,
  agencyKind: ctx.snapshot.agencies.get(ctx.principal.agencyCode)?.kind ?? 'OTHER',
  roles: ctx.principal.roles,
  purpose: ctx.purpose,
});

/**
 * The WHERE clause for a scope and filter. For an administrator, the filters on whose data
 * and about whom apply, in other agencies' entries, only to the records the administrator is
 * shown — otherwise a filter would reveal what else those entries hold.
 */
function whereClause(scope: LogScope, filter: DisclosureFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const terms: string[] = [];
  if (scope.kind === 'AGENCY') {
    const own = `${p(scope.agencyCode)}::text`;
    terms.push(`(agency_code = ${own} OR owner_agency_codes @> ARRAY[${own}]::text[])`);
    if (filter.agencyCode) {
      const code = `${p(filter.agencyCode)}::text`;
      terms.push(`(agency_code = ${own} AND owner_agency_codes @> ARRAY[${code}]::text[] OR agency_code <> ${own} AND ${code} = ${own})`);
    }
    if (filter.subjectId) {
      const id = p(filter.subjectId);
      // A group of this agency's records holding the id, as record or as data subject ([id] ⊂ [record id, prisoner id]).
      const shown = `entry::jsonb @> jsonb_build_object('records', jsonb_build_array(jsonb_build_object(
        'ownerAgencyCode', ${own}, 'ids', jsonb_build_array(jsonb_build_array(${id}::text)))))`;
      terms.push(`subject_ids @> ARRAY[${id}]::uuid[] AND (agency_code = ${own} OR ${shown})`);
    }
  } else {
    if (filter.agencyCode) terms.push(`owner_agency_codes @> ARRAY[${p(filter.agencyCode)}]::text[]`);
    if (filter.subjectId) terms.push(`subject_ids @> ARRAY[${p(filter.subjectId)}]::uuid[]`);
  }
  if (filter.recipientAgencyCode) terms.push(`agency_code = ${p(filter.recipientAgencyCode)}`);
  if (filter.userId) terms.push(`user_id = ${p(filter.userId)}`);
  if (filter.purpose) terms.push(`purpose = ${p(filter.purpose)}`);
  if (filter.from) terms.push(`recorded_at >= ${p(filter.from)}`);
  if (filter.to) terms.push(`recorded_at < ${p(filter.to)}`);
  if (filter.kinds) terms.push(filter.kinds.length ? `kind = ANY(${p(filter.kinds)}::text[])` : 'FALSE');
  return { sql: terms.length ? terms.join(' AND ') : 'TRUE', params };
}

/** The filter as logged (plain strings). */
function filterAsLogged(filter: DisclosureFilter): LogAccess['filter'] {
  const logged: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    logged[key] = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.map(String) : String(value);
  }
  return Object.keys(logged).length ? logged : null;
}

function entryView(ctx: RequestContext, row: { seq: number; hash: string; prevHash: string }, entry: LogEntry) {
  return {
    seq: row.seq,
    hash: row.hash,
    prevHash: row.prevHash,
    kind: entry.kind,
    decisionId: entry.decisionId,
    recordedAt: new Date(entry.recordedAt),
    userId: entry.userId,
    agency: agencyRef(ctx, entry.agencyCode),
    roles: entry.roles,
    issuer: entry.issuer,
    purpose: entry.purpose,
    caseReference: entry.caseReference,
    operationName: entry.operationName,
    documentHash: entry.documentHash,
    queried: entry.queried,
    searchTerms: (entry.searchTerms ?? []).map((t) => ({
      field: t.field, subject: t.subject, arguments: t.arguments, agencies: t.agencyCodes.map((code) => agencyRef(ctx, code)),
    })),
    records: recordsOf(entry).map((r) => ({ ...r, ownerAgency: agencyRef(ctx, r.ownerAgencyCode) })),
    clauses: entry.clauses.map((c) => ({
      id: c.id, label: c.label, mouReference: c.mouReference, mouVersion: c.mouVersion, provider: agencyRef(ctx, c.providerAgencyCode),
    })),
    denials: entry.denials,
    logAccess: entry.logAccess.map((a) => ({
      action: a.action,
      filter: Object.entries(a.filter ?? {}).map(([field, value]) => ({ field, values: typeof value === 'string' ? [value] : value })),
      seqs: a.seqs,
    })),
    searchCandidates: (entry.searchCandidates ?? []).map((search) => ({
      field: search.field,
      candidates: search.candidates.map((c) => ({ prisonerId: c.prisonerId, score: c.score / 1000 })),
    })),
  };
}

export type DisclosureEntryView = ReturnType<typeof entryView>;

export interface DisclosureConnectionView {
  edges: { cursor: string; node: DisclosureEntryView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

/** `disclosures(filter, first, after)`: newest first. */
export async function listDisclosures(ctx: RequestContext, filter: DisclosureFilter | null | undefined, page: { first?: number | null; after?: string | null }): Promise<DisclosureConnectionView> {
  const scope = allowed(ctx, logReadDecision(readerOf(ctx)), 'read the disclosure log');
  const first = pageSize(page.first);
  const where = whereClause(scope, filter ?? {});
  const params = [...where.params];
  let sql = `SELECT seq, encode(hash, 'hex') AS hash, encode(prev_hash, 'hex') AS prev_hash, entry FROM disclosure_log WHERE ${where.sql}`;
  if (page.after) {
    params.push(decodeCursor(page.after));
    sql += ` AND seq < $${params.length}`;
  }
  params.push(first + 1);
  sql += ` ORDER BY seq DESC LIMIT $${params.length}`;
  const rows = first === 0 ? [] : (await ctx.dataSource.query(sql, params)) as { seq: string; hash: string; prev_hash: string; entry: string }[];
  const shown = rows.slice(0, first);
  const edges = shown.map((row) => {
    const seq = Number(row.seq);
    const entry = entryAsSeenBy(scope, parseLogEntry(row.entry));
    return { cursor: encodeCursor(seq), node: entryView(ctx, { seq, hash: row.hash, prevHash: row.prev_hash }, entry) };
  });
  ctx.disclosures.readLog({ action: 'LIST', filter: filterAsLogged(filter ?? {}), seqs: edges.map((e) => e.node.seq) });
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: async () => {
      const [row] = (await ctx.dataSource.query(`SELECT count(*) AS n FROM disclosure_log WHERE ${where.sql}`, where.params)) as { n: string }[];
      return Number(row?.n ?? 0);
    },
  };
}

const checkpointView = (c: Checkpoint) => ({
  seq: c.seq, hash: c.hash.toString('hex'), signedAt: c.signedAt, keyId: c.keyId, signature: c.signature.toString('base64'),
});

function present(log: DisclosureLog | null): DisclosureLog {
  if (!log) throw serviceUnavailable();
  return log;
}

/** `auditIntegrity`: the whole chain recomputed and every checkpoint signature checked (auditors). */
export async function checkLogIntegrity(ctx: RequestContext, disclosureLog: DisclosureLog | null) {
  const report = await present(disclosureLog).verify();
  ctx.disclosures.readLog({ action: 'VERIFY', filter: null, seqs: [] });
  return {
    intact: report.intact,
    checkedAt: report.checkedAt,
    entries: report.entries,
    headSeq: report.head.seq,
    headHash: report.head.hash.toString('hex'),
    checkpointsVerified: report.checkpointsVerified,
    lastCheckpoint: report.lastCheckpoint ? checkpointView(report.lastCheckpoint) : null,
    unsealedEntries: report.unsealed,
    problem: report.problem,
  };
}

/** `sealDisclosureLog`: a signed checkpoint over the chain head, now (auditors). Null while the log is empty. */
export async function sealLog(ctx: RequestContext, disclosureLog: DisclosureLog | null) {
  const log = present(disclosureLog);
  if (!log.canSeal) throw serviceUnavailable();
  const sealed = await log.seal();
  ctx.disclosures.readLog({ action: 'SEAL', filter: null, seqs: sealed ? [sealed.checkpoint.seq] : [] });
  return sealed ? checkpointView(sealed.checkpoint) : null;
}
