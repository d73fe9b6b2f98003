import type { Denial, LogAccess, RecordEntry, SearchCandidates } from '../../context/request-disclosure.js';
import { withKeysInOrder } from './canonical-json.js';

/**
 * One disclosure-log entry: everything LED Art. 25 asks a log of consultation and disclosure
 * to establish — the justification (purpose, case reference, the clauses that allowed each
 * record), the date and time, who consulted (user, agency, roles, token issuer) and, for
 * each record, whose it is and exactly which fields reached the recipient and which were
 * withheld. Pure: built from what the request recorded, hashed in its canonical form.
 */

export const LOG_ENTRY_VERSION = 1;

export const LOG_ENTRY_KINDS = ['CONSULTATION', 'DISCLOSURE', 'DENIAL', 'LOG_ACCESS', 'COLLECTION', 'ALTERATION', 'ERASURE'] as const;
/**
 * - DISCLOSURE: the response carried a record of another agency;
 * - CONSULTATION: the response carried records, all of the caller's own agency; or shared
 *   records were searched and none came back (an empty search, a count);
 * - LOG_ACCESS: the disclosure log itself was read, verified or sealed;
 * - DENIAL: the request was refused (purpose or case reference missing, forbidden, not
 *   found) and no record came back.
 * When a request does several of these, the kind is decided in the order: records of another
 * agency, own records, a log read, a refusal, a search; the entry lists all of them.
 * Writes by the owner are entries of their own (core/write-entry.ts), committed with the write:
 * - COLLECTION: records created; ALTERATION: records updated or corrected; ERASURE: records withdrawn.
 */
export type LogEntryKind = (typeof LOG_ENTRY_KINDS)[number];

/**
 * Records of one kind and one owner that reached the response with the same fields, the same
 * withheld fields and under the same clauses — as a list query returns them — stored once
 * with the ids of every such record: an entry of forty flags and prisoners is two groups,
 * a third of the size of forty separate records, for the same information.
 */
export interface LoggedRecords {
  /** Clauses that allowed the records; empty for the caller's own agency's records. */
  clauseIds: string[];
  /** Fields that reached the response. */
  fields: string[];
  /** [record id, id of the prisoner it is about (the data subject) or null], sorted by record id. */
  ids: [string, string | null][];
  ownerAgencyCode: string;
  /** Fields asked for but withheld (null plus a redaction in the response). */
  redacted: string[];
  subject: string;
}

/** One record of an entry, as readers see it (`recordsOf`). */
export interface LoggedRecord {
  subject: string;
  id: string;
  prisonerId: string | null;
  ownerAgencyCode: string;
  fields: string[];
  redacted: string[];
  clauseIds: string[];
}

/** A clause named by the entry's records, described so the entry reads on its own (offline). */
export interface LoggedClause {
  id: string;
  mouReference: string;
  mouVersion: number;
  label: string;
  providerAgencyCode: string;
}

export interface LoggedDenial {
  code: string;
  subject: string | null;
  detail: string;
}

export interface LoggedLogAccess {
  action: LogAccess['action'];
  filter: Record<string, string | string[]> | null;
  seqs: number[];
}

/**
 * A search: a root field of the operation and its arguments as the gateway used them
 * (literals and variables alike), with the other agencies whose records of `subject` it could
 * reach under the caller's policy (the providers of the clauses behind it). A count or an empty
 * answer still tells something about their data — "is this person held?".
 */
export interface LoggedSearchTerm {
  agencyCodes: string[];
  arguments: Record<string, unknown>;
  field: string;
  subject: string | null;
}

/**
 * The candidates a person search returned (`field`: personSearch, or prisoners filtered by
 * name), in rank order, with their scores in thousandths (the canonical form allows integers
 * only). The search's terms are its `searchTerms` entry.
 */
export interface LoggedSearchCandidates {
  candidates: { prisonerId: string; score: number }[];
  field: string;
}

export interface LogEntry {
  v: typeof LOG_ENTRY_VERSION;
  kind: LogEntryKind;
  decisionId: string;
  /** ISO 8601, UTC, milliseconds. */
  recordedAt: string;
  userId: string;
  agencyCode: string;
  roles: string[];
  issuer: string;
  purpose: string | null;
  caseReference: string | null;
  operationName: string | null;
  /** SHA-256 (hex) of the GraphQL document. */
  documentHash: string | null;
  /** Kinds of shared record searched under the caller's policy. */
  queried: string[];
  /** What was searched for, when shared records were searched (absent from entries written before it was recorded). */
  searchTerms?: LoggedSearchTerm[];
  records: LoggedRecords[];
  clauses: LoggedClause[];
  denials: LoggedDenial[];
  logAccess: LoggedLogAccess[];
  /** The candidates person searches returned; absent when the request made none. */
  searchCandidates?: LoggedSearchCandidates[];
}

/** What one request did, as the response plugin knows it. */
export interface RequestTrace {
  decisionId: string;
  recordedAt: Date;
  principal: { userId: string; agencyCode: string; roles: readonly string[]; issuer: string };
  purpose: string | null;
  caseReference: string | null;
  operationName: string | null;
  documentHash: string | null;
  queried: readonly string[];
  searchTerms: readonly LoggedSearchTerm[];
  records: readonly RecordEntry[];
  denials: readonly Denial[];
  logAccess: readonly LogAccess[];
  /** The candidates person searches returned (optional: traces of requests that made none may omit it). */
  searchCandidates?: readonly SearchCandidates[];
  /** Describes a clause by id (from the policy snapshot the request used). */
  clause: (id: string) => LoggedClause | undefined;
}

/** The entry's kind; null when the request read nothing personal and was refused nothing (not logged). */
export function entryKind(trace: Pick<RequestTrace, 'principal' | 'queried' | 'records' | 'denials' | 'logAccess'>): LogEntryKind | null {
  if (trace.records.some((r) => r.ownerAgencyCode !== trace.principal.agencyCode)) return 'DISCLOSURE';
  if (trace.records.length > 0) return 'CONSULTATION';
  if (trace.logAccess.length > 0) return 'LOG_ACCESS';
  if (trace.denials.length > 0) return 'DENIAL';
  if (trace.queried.length > 0) return 'CONSULTATION';
  return null;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether record ids are already in order (a page listed by id): then there is nothing to sort. */
function idsInOrder(ids: readonly [string, string | null][]): boolean {
  for (let i = 1; i < ids.length; i += 1) if (byText(ids[i - 1]![0], ids[i]![0]) > 0) return false;
  return true;
}

/**
 * The lists of one entry's records, sorted and numbered by content: each distinct array is
 * looked at once (lists the request shares between records cost one Map lookup per record),
 * and arrays with the same names in the same multiplicity get the same number and the same
 * sorted copy. Names (subjects, owners) are numbered too, so that a record's group key is a few
 * numbers.
 */
class ListShapes {
  private readonly byArray = new Map<readonly string[], { id: number; list: string[] }>();
  private readonly byContent = new Map<string, { id: number; list: string[] }>();
  private readonly names = new Map<string, number>();

  of(list: readonly string[]): { id: number; list: string[] } {
    let shape = this.byArray.get(list);
    if (!shape) {
      const sorted = [...list].sort(); // UTF-16 code unit order, as byText
      const text = JSON.stringify(sorted);
      shape = this.byContent.get(text);
      if (!shape) {
        shape = { id: this.byContent.size, list: sorted };
        this.byContent.set(text, shape);
      }
      this.byArray.set(list, shape);
    }
    return shape;
  }

  name(name: string): number {
    let id = this.names.get(name);
    if (id === undefined) {
      id = this.names.size;
      this.names.set(name, id);
    }
    return id;
  }
}

/** The request's entry, or null when there is nothing to log. Deterministic: lists are sorted. */
export function buildLogEntry(trace: RequestTrace): LogEntry | null {
  const kind = entryKind(trace);
  if (kind === null) return null;
  // Every object below is written with its keys in canonical (sorted) order, so that
  // canonicalJson takes its JSON.stringify fast path; the result is the same either way.
  //
  // Records are grouped by (subject, owner, sorted fields, sorted withheld fields, sorted
  // clauses) and the groups ordered by the JSON text of that tuple. The text is worked out once
  // per group, not per record: each distinct list is sorted and numbered once (`ListShapes`;
  // the request's own lists arrive sorted and shared, see RequestDisclosure.entries), and a
  // record finds its group by those numbers.
  const shapes = new ListShapes();
  const groups = new Map<string, { text: string; group: LoggedRecords }>();
  // The group of the previous record of each subject: a page's records mostly share the same
  // (shared) lists, and then the record joins it without a lookup.
  const previous = new Map<string, { record: RecordEntry; group: LoggedRecords }>();
  for (const r of trace.records) {
    const last = previous.get(r.subject);
    if (last && last.record.fields === r.fields && last.record.redacted === r.redacted && last.record.clauseIds === r.clauseIds
      && last.record.ownerAgencyCode === r.ownerAgencyCode) {
      last.group.ids.push([r.id, r.prisonerId]);
      continue;
    }
    const fields = shapes.of(r.fields);
    const redacted = shapes.of(r.redacted);
    const clauseIds = shapes.of(r.clauseIds);
    const key = `${shapes.name(r.subject)} ${shapes.name(r.ownerAgencyCode)} ${fields.id} ${redacted.id} ${clauseIds.id}`;
    let shaped = groups.get(key);
    if (!shaped) {
      shaped = {
        text: JSON.stringify([r.subject, r.ownerAgencyCode, fields.list, redacted.list, clauseIds.list]),
        group: { clauseIds: clauseIds.list, fields: fields.list, ids: [], ownerAgencyCode: r.ownerAgencyCode, redacted: redacted.list, subject: r.subject },
      };
      groups.set(key, shaped);
    }
    shaped.group.ids.push([r.id, r.prisonerId]);
    previous.set(r.subject, { record: r, group: shaped.group });
  }
  const records = [...groups.values()].sort((a, b) => byText(a.text, b.text)).map(({ group }) => {
    if (!idsInOrder(group.ids)) group.ids.sort((a, b) => byText(a[0], b[0]));
    return group;
  });
  const clauseIds = [...new Set(records.flatMap((r) => r.clauseIds))].sort(byText);
  const clauses = clauseIds.map((id): LoggedClause => {
    // Always in the request's snapshot (the clause allowed the record in this very request);
    // were it not, the id alone still identifies it: clause rows are never deleted.
    const c = trace.clause(id);
    return { id, label: c?.label ?? '', mouReference: c?.mouReference ?? '', mouVersion: c?.mouVersion ?? 0, providerAgencyCode: c?.providerAgencyCode ?? '' };
  });
  return {
    agencyCode: trace.principal.agencyCode,
    caseReference: trace.caseReference,
    clauses,
    decisionId: trace.decisionId,
    denials: trace.denials.map((d) => ({ code: d.code, detail: d.detail, subject: d.subject })),
    documentHash: trace.documentHash,
    issuer: trace.principal.issuer,
    kind,
    logAccess: trace.logAccess.map((a) => ({
      action: a.action,
      filter: a.filter
        ? Object.fromEntries(Object.keys(a.filter).sort(byText).map((k) => {
          const v = a.filter![k]!;
          return [k, typeof v === 'string' ? v : [...v]];
        }))
        : null,
      seqs: [...a.seqs],
    })),
    operationName: trace.operationName,
    purpose: trace.purpose,
    queried: [...new Set(trace.queried)].sort(byText),
    recordedAt: trace.recordedAt.toISOString(),
    records,
    roles: [...trace.principal.roles].sort(byText),
    ...(trace.searchCandidates?.length ? { searchCandidates: trace.searchCandidates.map(loggedCandidates) } : {}),
    ...(trace.queried.length > 0 ? {
      searchTerms: trace.searchTerms.map((t) => ({
        agencyCodes: [...new Set(t.agencyCodes)].filter((code) => code !== trace.principal.agencyCode).sort(byText),
        // In key order, as the rest of the entry (the query gives its arguments in any order).
        arguments: withKeysInOrder(t.arguments), field: t.field, subject: t.subject,
      })),
    } : {}),
    userId: trace.principal.userId,
    v: LOG_ENTRY_VERSION,
  };
}

function loggedCandidates(search: SearchCandidates): LoggedSearchCandidates {
  return { candidates: search.candidates.map((c) => ({ prisonerId: c.prisonerId, score: Math.round(c.score) })), field: search.field };
}

/** The entry's records one by one, ordered by kind and id. */
export function recordsOf(entry: Pick<LogEntry, 'records'>): LoggedRecord[] {
  return entry.records
    .flatMap((g) => g.ids.map(([id, prisonerId]) => ({
      subject: g.subject, id, prisonerId, ownerAgencyCode: g.ownerAgencyCode, fields: g.fields, redacted: g.redacted, clauseIds: g.clauseIds,
    })))
    .sort((a, b) => byText(a.subject, b.subject) || byText(a.id, b.id));
}

/**
 * The columns stored beside the entry for queries. Derived from the entry alone, so that
 * verification can recompute them and notice a column edited without its hashed text.
 */
export interface LogEntryIndex {
  decisionId: string;
  recordedAt: string;
  kind: LogEntryKind;
  userId: string;
  agencyCode: string;
  purpose: string | null;
  /** Owners of the records shown and of the records searched: whose data it was. */
  ownerAgencyCodes: string[];
  /** Every record id and data-subject (prisoner) id in the entry. */
  subjectIds: string[];
}

/** The table column holding each index field. */
export const INDEX_COLUMNS: Readonly<Record<keyof LogEntryIndex, string>> = {
  decisionId: 'decision_id',
  recordedAt: 'recorded_at',
  kind: 'kind',
  userId: 'user_id',
  agencyCode: 'agency_code',
  purpose: 'purpose',
  ownerAgencyCodes: 'owner_agency_codes',
  subjectIds: 'subject_ids',
};

export function indexOf(entry: LogEntry): LogEntryIndex {
  const owners = new Set<string>();
  for (const r of entry.records) owners.add(r.ownerAgencyCode);
  for (const t of entry.searchTerms ?? []) for (const code of t.agencyCodes) owners.add(code);
  const ids: string[] = [];
  for (const r of entry.records) {
    for (const [id, prisonerId] of r.ids) {
      ids.push(id);
      if (prisonerId) ids.push(prisonerId);
    }
  }
  // A person search names its candidates: a data subject's access request finds it.
  for (const s of entry.searchCandidates ?? []) for (const c of s.candidates) ids.push(c.prisonerId);
  return {
    decisionId: entry.decisionId,
    recordedAt: entry.recordedAt,
    kind: entry.kind,
    userId: entry.userId,
    agencyCode: entry.agencyCode,
    purpose: entry.purpose,
    ownerAgencyCodes: [...owners].sort(), // UTF-16 code unit order, as byText
    subjectIds: uniqueSorted(ids),
  };
}

/**
 * `texts` sorted, each once (sorted first, then repeats dropped: no set of a hundred ids per
 * entry). The default sort orders strings by UTF-16 code units, as `byText` does, at half the
 * cost of calling a comparator.
 */
function uniqueSorted(texts: string[]): string[] {
  texts.sort();
  let kept = 0;
  for (let i = 0; i < texts.length; i += 1) {
    if (i === 0 || texts[i] !== texts[kept - 1]) texts[kept++] = texts[i]!;
  }
  texts.length = kept;
  return texts;
}

export class MalformedEntryError extends Error {}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** Parses an entry's canonical text, checking the shape this version writes. */
export function parseLogEntry(text: string): LogEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedEntryError('not JSON');
  }
  const e = value as Partial<Record<keyof LogEntry, unknown>> | null;
  const problems: string[] = [];
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new MalformedEntryError('not a JSON object');
  if (e.v !== LOG_ENTRY_VERSION) problems.push(`unknown version ${String(e.v)}`);
  if (!(LOG_ENTRY_KINDS as readonly unknown[]).includes(e.kind)) problems.push('kind');
  for (const key of ['decisionId', 'recordedAt', 'userId', 'agencyCode', 'issuer'] as const) {
    if (typeof e[key] !== 'string') problems.push(key);
  }
  for (const key of ['purpose', 'caseReference', 'operationName', 'documentHash'] as const) {
    if (!isNullableString(e[key])) problems.push(key);
  }
  for (const key of ['roles', 'queried'] as const) {
    if (!isStringArray(e[key])) problems.push(key);
  }
  const records = e.records;
  if (!Array.isArray(records) || !records.every((r: Partial<LoggedRecords> | null) =>
    typeof r === 'object' && r !== null && typeof r.subject === 'string' && typeof r.ownerAgencyCode === 'string'
    && isStringArray(r.fields) && isStringArray(r.redacted) && isStringArray(r.clauseIds)
    && Array.isArray(r.ids) && r.ids.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && isNullableString(pair[1])))) {
    problems.push('records');
  }
  for (const key of ['clauses', 'denials', 'logAccess'] as const) {
    if (!Array.isArray(e[key])) problems.push(key);
  }
  if (e.searchTerms !== undefined && !(Array.isArray(e.searchTerms) && e.searchTerms.every((t: Partial<LoggedSearchTerm> | null) =>
    typeof t === 'object' && t !== null && typeof t.field === 'string' && isNullableString(t.subject) && isStringArray(t.agencyCodes)
    && typeof t.arguments === 'object' && t.arguments !== null && !Array.isArray(t.arguments)))) {
    problems.push('searchTerms');
  }
  if (e.searchCandidates !== undefined && !(Array.isArray(e.searchCandidates) && e.searchCandidates.every((s: Partial<LoggedSearchCandidates> | null) =>
    typeof s === 'object' && s !== null && typeof s.field === 'string'
    && Array.isArray(s.candidates) && s.candidates.every((c) => typeof c?.prisonerId === 'string' && Number.isSafeInteger(c.score))))) {
    problems.push('searchCandidates');
  }
  if (problems.length) throw new MalformedEntryError(`unexpected ${problems.join(', ')}`);
  return e as LogEntry;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The stored index columns that disagree with the entry's hashed text (an edit made to a
 * column without its text), or a text that is no entry, as a sentence; null when they agree.
 */
export function indexMismatch(entryText: string, stored: LogEntryIndex): string | null {
  let expected: LogEntryIndex;
  try {
    expected = indexOf(parseLogEntry(entryText));
  } catch (error) {
    return `its text is not a valid entry (${(error as Error).message})`;
  }
  const differing = (Object.keys(expected) as (keyof LogEntryIndex)[]).filter((key) => {
    const a = expected[key];
    const b = stored[key];
    return Array.isArray(a) && Array.isArray(b) ? !sameList([...a].sort(), [...b].sort()) : a !== b;
  });
  const columns = differing.map((key) => INDEX_COLUMNS[key]);
  return columns.length ? `column${columns.length > 1 ? 's' : ''} ${columns.join(', ')} no longer match${columns.length > 1 ? '' : 'es'} the hashed entry` : null;
}
