import { buildLogEntry, type LogEntry, type LogEntryKind } from './log-entry.js';

/**
 * Disclosure-log entries for the owner's own writes (LED Art. 25: logs of collection,
 * alteration and erasure). One entry per kind of change per transaction, naming every record
 * written and the fields it changed; each entry is committed in the writing transaction.
 * Pure: the caller supplies the entries' ids and the clock.
 */

export type WriteKind = Extract<LogEntryKind, 'COLLECTION' | 'ALTERATION' | 'ERASURE'>;

/** How the write reached the gateway. */
export type WriteChannel = 'API' | 'CLI_IMPORT';

export interface WrittenRecord {
  kind: WriteKind;
  subject: string;
  id: string;
  /** The prisoner the record is about (the data subject); null for intelligence reports. */
  prisonerId: string | null;
  ownerAgencyCode: string;
  /** Names of the fields written (values are in the record's history, never in the log). */
  fields: readonly string[];
}

export interface WriteTrace {
  recordedAt: Date;
  principal: { userId: string; agencyCode: string; roles: readonly string[]; issuer: string };
  channel: WriteChannel;
  /** The request (or import run) that wrote, so its own entry can be found. */
  requestDecisionId: string | null;
  operationName: string | null;
  records: readonly WrittenRecord[];
}

/** What a write entry holds beyond a disclosure entry's members. */
export interface WriteDetails {
  channel: WriteChannel;
  requestDecisionId: string | null;
}

export type WriteLogEntry = LogEntry & { write: WriteDetails };

const KIND_ORDER: readonly WriteKind[] = ['COLLECTION', 'ALTERATION', 'ERASURE'];

/** The entries of one writing transaction, in a fixed order (collection, alteration, erasure). */
export function buildWriteEntries(trace: WriteTrace, newEntryId: () => string): WriteLogEntry[] {
  const entries: WriteLogEntry[] = [];
  for (const kind of KIND_ORDER) {
    const records = trace.records.filter((r) => r.kind === kind);
    if (records.length === 0) continue;
    const entry = buildLogEntry({
      decisionId: newEntryId(),
      recordedAt: trace.recordedAt,
      principal: trace.principal,
      purpose: null,
      caseReference: null,
      operationName: trace.operationName,
      documentHash: null,
      queried: [],
      records: records.map((r) => ({
        subject: r.subject as never, id: r.id, prisonerId: r.prisonerId, ownerAgencyCode: r.ownerAgencyCode,
        fields: [...r.fields], redacted: [], clauseIds: [],
      })),
      denials: [],
      logAccess: [],
      searchTerms: [],
      clause: () => undefined,
    });
    if (!entry) throw new Error('write entry: no records');
    entries.push({ ...entry, kind, write: { channel: trace.channel, requestDecisionId: trace.requestDecisionId } });
  }
  return entries;
}
