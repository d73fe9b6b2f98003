import { recordsOf, type LogEntry, type LoggedRecord, type LoggedRecords } from '../../src/audit/core/log-entry.js';
import { clauseIdFor } from './policy-fixtures.js';
import type { TestDatabase } from './database.js';

/** Reading the disclosure log straight from PostgreSQL, for assertions. */

/** An entry with its records one by one (`records`) and as stored, grouped (`groups`). */
export type StoredLogEntry = Omit<LogEntry, 'records'> & { seq: number; records: LoggedRecord[]; groups: LoggedRecords[] };

/** The entry written for the request with `decisionId`, or null. */
export async function entryFor(db: TestDatabase, decisionId: string): Promise<StoredLogEntry | null> {
  const [row] = await db.sql<{ seq: string; entry: string }>('SELECT seq, entry FROM disclosure_log WHERE decision_id = $1', [decisionId]);
  if (!row) return null;
  const entry = JSON.parse(row.entry) as LogEntry;
  return { ...entry, seq: Number(row.seq), records: recordsOf(entry), groups: entry.records };
}

export async function logCount(db: TestDatabase): Promise<number> {
  const [row] = await db.sql<{ n: string }>('SELECT count(*) AS n FROM disclosure_log');
  return Number(row!.n);
}

/** Database ids of the demo clauses, keyed as in policy-fixtures (`MOU-…#position`). */
export async function demoClauseIds(db: TestDatabase): Promise<Map<string, string>> {
  const rows = await db.sql<{ reference: string; position: number; id: string }>(
    'SELECT m.reference, c.position, c.id FROM mou_clause c JOIN mou m ON m.id = c.mou_id');
  return new Map(rows.map((r) => [clauseIdFor(r.reference, r.position), r.id]));
}
