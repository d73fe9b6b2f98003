import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { arrayLiteral, insertStatement, LogAppender, type PendingEntry } from '../../src/audit/store/log-appender.js';
import type { CallbackQueryable } from '../../src/db/query-by-callback.js';
import { uuidArrayBinary } from '../../src/db/uuid-array.js';

/**
 * Group commit, without a database: a stand-in for the connection that answers each INSERT
 * as the trigger would (consecutive seqs) after a tick, so the queueing logic can be driven
 * exactly. (The real INSERT and trigger run in the integration tests.)
 */

function fakeDatabase(options: { failOn?: (call: number) => boolean } = {}) {
  const batches: string[][] = [];
  let seq = 0;
  // pg's callback API, as the appender calls it (src/db/query-by-callback.ts).
  const db: CallbackQueryable = {
    query({ values }, callback) {
      const call = batches.length;
      // Every 9th parameter is a decision id (see valuesOf): one per row.
      const ids = values.filter((_v, i) => i % 9 === 1) as string[];
      batches.push(ids);
      setTimeout(() => {
        if (options.failOn?.(call)) callback(new Error(`insert ${call} refused`), { rows: [] });
        else callback(null, { rows: ids.map((id) => ({ decision_id: id, seq: String(++seq) })) });
      }, 2);
    },
  };
  return { db, batches };
}

const entry = (n: number): PendingEntry => ({
  entry: `{"n":${n}}`,
  index: {
    decisionId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, recordedAt: new Date(0).toISOString(), kind: 'DENIAL',
    userId: 'u', agencyCode: 'POLICE', purpose: null, ownerAgencyCodes: [], subjectIds: [],
  },
});

describe('LogAppender', () => {
  it('writes at once when idle, and resolves each entry with its sequence number', async () => {
    const { db, batches } = fakeDatabase();
    const appender = new LogAppender(db);
    for (let n = 1; n <= 50; n += 1) {
      // Each append right after the previous resolved: the last batch's waiter must start a new flush.
      expect(await appender.append(entry(n))).toBe(n);
    }
    expect(batches).toHaveLength(50);
  });

  it('batches the entries that arrive while an INSERT is in flight into the next one', async () => {
    const { db, batches } = fakeDatabase();
    const appender = new LogAppender(db);
    const seqs = await Promise.all(Array.from({ length: 10 }, (_, i) => appender.append(entry(i + 1))));
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(batches.map((b) => b.length)).toEqual([1, 9]);
  });

  it('caps a batch, and keeps going until the queue is empty', async () => {
    const { db, batches } = fakeDatabase();
    const appender = new LogAppender(db, 4);
    await Promise.all(Array.from({ length: 11 }, (_, i) => appender.append(entry(i + 1))));
    expect(batches.map((b) => b.length)).toEqual([1, 4, 4, 2]);
  });

  it('fails every entry of a refused batch (fail closed), and the next batch still goes', async () => {
    const { db, batches } = fakeDatabase({ failOn: (call) => call === 1 });
    const appender = new LogAppender(db);
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => appender.append(entry(i + 1))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(await appender.append(entry(6))).toBe(2);
    expect(batches.map((b) => b.length)).toEqual([1, 4, 1]);
  });

  it('drains before shutdown', async () => {
    const { db } = fakeDatabase();
    const appender = new LogAppender(db);
    let done = 0;
    for (let n = 1; n <= 5; n += 1) void appender.append(entry(n)).then(() => done++);
    await appender.drain();
    await Promise.resolve();
    expect(done).toBe(5);
  });
});

describe('the INSERT of a batch', () => {
  const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

  it('sends index arrays exactly as pg would write them itself', () => {
    for (const texts of [[], ['PRISONS'], ['11111111-1111-4111-8111-111111111111', 'POLICE'], ['a"b', 'c\\d', '', 'NULL', 'é ü', '{x,y}', '\\"']]) {
      expect(arrayLiteral(texts)).toBe(prepareValue(texts));
    }
  });

  it('numbers the parameters row by row, with their casts', () => {
    const row = (decisionId: string): PendingEntry => ({
      entry: '{}',
      index: { decisionId, recordedAt: 't', kind: 'DISCLOSURE', userId: 'u', agencyCode: 'POLICE', purpose: null, ownerAgencyCodes: ['PRISONS'], subjectIds: [] },
    });
    const { name, text, values } = insertStatement([row('a'), row('b')]);
    expect(name).toBe('liaison_log_insert_2'); // prepared once per connection, one per number of rows
    expect(text).toBe('INSERT INTO disclosure_log (entry, decision_id, recorded_at, kind, user_id, agency_code, purpose, owner_agency_codes, subject_ids) VALUES '
      + '($1::text, $2::uuid, $3::timestamptz, $4::text, $5::text, $6::text, $7::text, $8::text[], $9::uuid[]), '
      + '($10::text, $11::uuid, $12::timestamptz, $13::text, $14::text, $15::text, $16::text, $17::text[], $18::uuid[]) RETURNING seq, decision_id');
    // The subject ids go in binary (uuidArrayBinary; checked against PostgreSQL in disclosure-log-storage.test.ts).
    const noSubjects = uuidArrayBinary([]);
    expect(values).toEqual(['{}', 'a', 't', 'DISCLOSURE', 'u', 'POLICE', null, '{"PRISONS"}', noSubjects, '{}', 'b', 't', 'DISCLOSURE', 'u', 'POLICE', null, '{"PRISONS"}', noSubjects]);
    expect(insertStatement([row('c'), row('d')]).text).toBe(text);
  });
});
