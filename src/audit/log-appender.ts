import type { LogEntryIndex } from './log-entry.js';
import type { Queryable } from './log-store.js';

/** An entry ready to append: its canonical text and the index columns derived from it. */
export interface PendingEntry {
  entry: string;
  index: LogEntryIndex;
}

interface Waiter {
  row: PendingEntry;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

const COLUMNS = ['entry', 'decision_id', 'recorded_at', 'kind', 'user_id', 'agency_code', 'purpose', 'owner_agency_codes', 'subject_ids'];
const CASTS = ['text', 'uuid', 'timestamptz', 'text', 'text', 'text', 'text', 'text[]', 'uuid[]'];

const valuesOf = ({ entry, index }: PendingEntry): unknown[] => [
  entry, index.decisionId, index.recordedAt, index.kind, index.userId, index.agencyCode, index.purpose,
  index.ownerAgencyCodes, index.subjectIds,
];

/**
 * Appends entries to the disclosure log with group commit: while one INSERT is in flight,
 * entries arriving meanwhile queue, and the next INSERT writes them all in one statement and
 * one transaction. An idle gateway writes each entry at once (no timer, no added wait); a busy
 * one takes the chain-head lock and pays the commit once per batch instead of once per
 * request.
 *
 * Fail closed: `append` resolves (with the entry's sequence number) only once the entry is
 * committed; if the batch fails, every request in it is rejected and so answered
 * SERVICE_UNAVAILABLE without data. Sequence numbers and links are assigned by the database
 * trigger, in VALUES order, so batches from several processes interleave without gaps or forks.
 */
export class LogAppender {
  private queue: Waiter[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly db: Queryable, private readonly maxBatch = 64) {}

  append(row: PendingEntry): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.flushing ??= this.flush().finally(() => {
        this.flushing = null;
      });
    });
  }

  /** Resolves when nothing is queued or in flight (shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const seqs = await this.insert(batch.map((w) => w.row));
        batch.forEach((w) => {
          const seq = seqs.get(w.row.index.decisionId);
          if (seq === undefined) w.reject(new Error('disclosure log: entry not confirmed by the database'));
          else w.resolve(seq);
        });
      } catch (error) {
        batch.forEach((w) => w.reject(error));
      }
    }
  }

  private async insert(rows: PendingEntry[]): Promise<Map<string, number>> {
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const values = valuesOf(row);
      const placeholders = values.map((value, i) => {
        params.push(value);
        return `$${params.length}::${CASTS[i]}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const { rows: inserted } = await this.db.query<{ seq: string; decision_id: string }>(
      `INSERT INTO disclosure_log (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} RETURNING seq, decision_id`,
      params,
    );
    return new Map(inserted.map((r) => [r.decision_id, Number(r.seq)]));
  }
}
