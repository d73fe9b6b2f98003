import type { RedactionReason } from '../policies/compiled-policy.js';
import type { SubjectType } from '../policies/subjects.js';

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
 * A search for a person (by name, date of birth, nationality): the terms as given and the
 * candidates it returned, ranked, with their scores in thousandths. Logged whatever fields of
 * the candidates the response then carried: the list itself says who matched.
 */
export interface PersonSearch {
  terms: Readonly<Record<string, string>>;
  candidates: readonly { prisonerId: string; score: number }[];
}

/** A record as it goes into the disclosure log: merged over every place it appeared in the response. */
export interface RecordEntry {
  subject: SubjectType;
  id: string;
  prisonerId: string | null;
  ownerAgencyCode: string;
  fields: string[];
  redacted: string[];
  clauseIds: string[];
}

/**
 * Collects, for one request, every record presented, every kind of record searched, every
 * denial and every read of the log itself, so that the disclosure log can say who saw what
 * and under which clause (LED Art. 25). Records whose fields never reached the response
 * (loaded but not asked for) are not entries.
 */
export class DisclosureRecorder {
  private readonly presented: PresentedRecord[] = [];
  private readonly refused: Denial[] = [];
  private readonly searched = new Set<SubjectType>();
  private readonly logReads: LogAccess[] = [];
  private readonly personSearches: PersonSearch[] = [];
  /** `entries()` once the response is complete: the quota check, the log and the metrics all read it. */
  private merged: RecordEntry[] | undefined;

  track(record: PresentedRecord): void {
    this.presented.push(record);
    this.merged = undefined;
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

  /** Notes a person search and the candidates it returned. */
  searchedFor(search: PersonSearch): void {
    this.personSearches.push(search);
  }

  get searches(): readonly PersonSearch[] {
    return this.personSearches;
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

  private merge(): RecordEntry[] {
    const merged = new Map<string, RecordEntry & { fieldSet: Set<string>; redactedSet: Set<string>; clauseSet: Set<string> }>();
    for (const record of this.presented) {
      if (record.returned.size === 0 && record.redacted.size === 0) continue;
      const key = `${record.subject}:${record.id}`;
      let entry = merged.get(key);
      if (!entry) {
        entry = {
          subject: record.subject, id: record.id, prisonerId: record.prisonerId, ownerAgencyCode: record.ownerAgencyCode,
          fields: [], redacted: [], clauseIds: [],
          fieldSet: new Set(), redactedSet: new Set(), clauseSet: new Set(),
        };
        merged.set(key, entry);
      }
      record.returned.forEach((f) => entry.fieldSet.add(f));
      record.redacted.forEach((f) => entry.redactedSet.add(f));
      record.clauseIds.forEach((c) => entry.clauseSet.add(c));
    }
    return [...merged.values()].map(({ fieldSet, redactedSet, clauseSet, ...entry }) => ({
      ...entry,
      fields: [...fieldSet].sort(),
      redacted: [...redactedSet].sort(),
      clauseIds: [...clauseSet].sort(),
    }));
  }
}
