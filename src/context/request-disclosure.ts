import type { RedactionReason } from '../policies/compiled-policy.js';
import type { SubjectType } from '../policies/subjects.js';
import { SortedLists } from './sorted-lists.js';

/**
 * What one request disclosed: the request's one output (docs/architecture.md §4, "The request
 * context and what a request disclosed"). The request context carries it so that enforcement
 * can write to it as the response is built; the response plugin reads it once the response is
 * final and passes it, explicitly, to the disclosure log, the quota check and the metrics.
 */

/** A field withheld from the response: `null` in data, listed in `extensions.liaison.redactions`. */
export interface Redaction {
  /** The response path, keys and list indices (as in GraphQL errors). */
  path: readonly (string | number)[];
  reason: RedactionReason;
}

/** One record presented to the caller, and what of it the response actually carried. */
export interface PresentedRecord {
  subject: SubjectType;
  id: string;
  /** The prisoner the record is about (the data subject); null when not one prisoner's (intelligence reports). */
  prisonerId: string | null;
  ownerAgencyCode: string;
  /** Clauses that allowed the record (empty for the caller's own agency's records). */
  clauseIds: readonly string[];
  /** Fields the policy withheld from this record, with the reason. */
  withheld: ReadonlyMap<string, RedactionReason>;
  /** Fields resolved into the response (filled in as the response is built). */
  returned: Set<string>;
  /** Withheld fields the caller asked for (each is a redaction in the response). */
  redacted: Set<string>;
  /**
   * Whether the response reveals the record's existence whatever fields it carries: an edge
   * of a page (its cursor, or only `__typename`), a page's `endCursor`, a relation, a count.
   * Such a record is an entry of the log even with no field returned.
   */
  revealed?: boolean;
}

/** A refusal the caller received (purpose or case reference missing, forbidden filter, not found). */
export interface Denial {
  code: string;
  subject: SubjectType | null;
  detail: string;
}

/** A read of the disclosure log itself (LED Art. 25: the log's own readers are accountable too). */
export interface LogAccess {
  action: 'LIST' | 'VERIFY' | 'SEAL';
  /** The filter the reader gave, as plain values. */
  filter: Readonly<Record<string, string | readonly string[]>> | null;
  /** Sequence numbers of the entries shown. */
  seqs: readonly number[];
}

/**
 * The candidates a person search (`field`: personSearch, or prisoners filtered by name)
 * returned, ranked, with their scores in thousandths. Logged whatever fields of the
 * candidates the response then carried: the list itself says who matched. (The search's
 * terms are logged with every search's: its arguments.)
 */
export interface SearchCandidates {
  field: string;
  candidates: readonly { prisonerId: string; score: number }[];
}

/**
 * A record as it goes into the disclosure log: merged over every place it appeared in the
 * response. The lists are sorted and duplicate-free; records with the same names share the
 * same (frozen) arrays.
 */
export interface RecordEntry {
  subject: SubjectType;
  id: string;
  prisonerId: string | null;
  ownerAgencyCode: string;
  fields: readonly string[];
  redacted: readonly string[];
  clauseIds: readonly string[];
}

/** A record being merged: its first presentation, and the union of its presentations once there is a second. */
interface Merging {
  record: PresentedRecord;
  union: { fields: Set<string>; redacted: Set<string>; clauseIds: Set<string> } | null;
}

/**
 * Collects, for one request, every record presented, every field withheld from the response
 * (the redactions), every kind of record searched, every denial and every read of the log
 * itself, so that the disclosure log can say who saw what and under which clause (LED Art.
 * 25) — and the policy revision an MoU change committed by the request produced. A record is
 * an entry when the response revealed it: any of its fields, or only its existence (an edge, a
 * cursor, a relation, a count — `revealed`). Records loaded but not revealed are not entries.
 */
export class RequestDisclosure {
  private presented: PresentedRecord[] = [];
  private readonly withheldFields: Redaction[] = [];
  private revision: number | null = null;
  private readonly refused: Denial[] = [];
  private readonly searched = new Set<SubjectType>();
  private readonly logReads: LogAccess[] = [];
  private readonly candidateLists: SearchCandidates[] = [];
  /** `entries()` once the response is complete: the quota check, the log and the metrics all read it. */
  private merged: RecordEntry[] | undefined;
  private closed = false;

  track(record: PresentedRecord): void {
    if (this.closed) throw new Error('a record was presented after the response was final: it would not be logged');
    this.presented.push(record);
    this.merged = undefined;
  }

  /**
   * The response is final: its records are merged into entries once and the presentations let
   * go of (a page's hundred records each hold sets of the fields returned and withheld). A
   * response waits for its log entry to commit, and whatever it still holds then lives through
   * V8's young-generation collections: with the response data released too (writeAhead), 200 →
   * 112 KB held per S1 request waiting for the log (`bench/held-while-logging.ts`). A record
   * presented after this is an error, never a record left out of the log.
   */
  close(): void {
    this.entries();
    this.closed = true;
    this.presented = [];
  }

  /** A field of a record left out of the response (null in data). */
  redact(redaction: Redaction): void {
    this.withheldFields.push(redaction);
  }

  /** Notes the policy revision a change committed by this request produced. */
  policyChanged(revision: number): void {
    if (this.revision === null || revision > this.revision) this.revision = revision;
  }

  deny(denial: Denial): void {
    this.refused.push(denial);
  }

  /**
   * Notes that shared records of `subject` were searched under the caller's policy. A search
   * is a consultation even when nothing comes back or only a count does: `totalCount` of a
   * search by national id tells whether that person is held.
   */
  queried(subject: SubjectType): void {
    this.searched.add(subject);
  }

  readLog(access: LogAccess): void {
    this.logReads.push(access);
  }

  get redactions(): readonly Redaction[] {
    return this.withheldFields;
  }

  /**
   * The newest policy revision a change committed by this request produced, or null: the
   * response plugin moves this process to it before the response leaves, so that the caller's
   * next request is answered under it (other processes hear the NOTIFY).
   */
  get committedRevision(): number | null {
    return this.revision;
  }

  /** Notes the candidates a person search returned, in rank order. */
  candidatesReturned(search: SearchCandidates): void {
    this.candidateLists.push(search);
  }

  get searchCandidates(): readonly SearchCandidates[] {
    return this.candidateLists;
  }

  get denials(): readonly Denial[] {
    return this.refused;
  }

  /** Kinds of shared record searched, sorted. */
  get searchedSubjects(): SubjectType[] {
    return [...this.searched].sort();
  }

  get logAccesses(): readonly LogAccess[] {
    return this.logReads;
  }

  /** The records the response carried, merged by (subject, id). */
  entries(): RecordEntry[] {
    this.merged ??= this.merge();
    return this.merged;
  }

  /**
   * Merges the presentations of each record, in the order records were first presented. Runs
   * once per request over every record of the response, so it allocates only where records
   * differ: a record presented once keeps its own sets until they are sorted, and equal lists
   * are sorted once and shared (SortedLists).
   */
  private merge(): RecordEntry[] {
    const lists = new SortedLists();
    const bySubject = new Map<string, Map<string, Merging>>();
    const merging: Merging[] = [];
    for (const record of this.presented) {
      if (!record.revealed && record.returned.size === 0 && record.redacted.size === 0) continue;
      let byId = bySubject.get(record.subject);
      if (!byId) {
        byId = new Map();
        bySubject.set(record.subject, byId);
      }
      const seen = byId.get(record.id);
      if (!seen) {
        const first: Merging = { record, union: null };
        byId.set(record.id, first);
        merging.push(first);
        continue;
      }
      seen.union ??= { fields: new Set(seen.record.returned), redacted: new Set(seen.record.redacted), clauseIds: new Set(seen.record.clauseIds) };
      const { fields, redacted, clauseIds } = seen.union;
      record.returned.forEach((f) => fields.add(f));
      record.redacted.forEach((f) => redacted.add(f));
      record.clauseIds.forEach((c) => clauseIds.add(c));
    }
    return merging.map(({ record, union }) => ({
      subject: record.subject,
      id: record.id,
      prisonerId: record.prisonerId,
      ownerAgencyCode: record.ownerAgencyCode,
      fields: lists.ofSet(union?.fields ?? record.returned),
      redacted: lists.ofSet(union?.redacted ?? record.redacted),
      clauseIds: union ? lists.ofSet(union.clauseIds) : lists.ofList(record.clauseIds),
    }));
  }
}
