import type { RedactionReason } from '../policies/compiled-policy.js';
import type { SubjectType } from '../policies/subjects.js';

/** One record presented to the caller, and what of it the response actually carried. */
export interface PresentedRecord {
  subject: SubjectType;
  id: string;
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

/** A record as it goes into the disclosure log: merged over every place it appeared in the response. */
export interface RecordEntry {
  subject: SubjectType;
  id: string;
  ownerAgencyCode: string;
  fields: string[];
  redacted: string[];
  clauseIds: string[];
}

/**
 * Collects, for one request, every record presented and every denial, so that the audit
 * log can say who saw what and under which clause (LED Art. 25). Records whose fields never
 * reached the response (loaded but not asked for) are not entries.
 */
export class DisclosureRecorder {
  private readonly presented: PresentedRecord[] = [];
  private readonly refused: Denial[] = [];

  track(record: PresentedRecord): void {
    this.presented.push(record);
  }

  deny(denial: Denial): void {
    this.refused.push(denial);
  }

  get denials(): readonly Denial[] {
    return this.refused;
  }

  /** The records the response carried, merged by (subject, id). */
  entries(): RecordEntry[] {
    const merged = new Map<string, RecordEntry & { fieldSet: Set<string>; redactedSet: Set<string>; clauseSet: Set<string> }>();
    for (const record of this.presented) {
      if (record.returned.size === 0 && record.redacted.size === 0) continue;
      const key = `${record.subject}:${record.id}`;
      let entry = merged.get(key);
      if (!entry) {
        entry = {
          subject: record.subject, id: record.id, ownerAgencyCode: record.ownerAgencyCode,
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
