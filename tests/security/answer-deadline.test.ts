import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithAnswerDeadline, DatabaseNotAnswering } from '../../src/db/answer-deadline.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * A statement the database does not answer in time ends with `DatabaseNotAnswering` and its
 * connection is dropped — on a client checked out of its pool too (as the compiled reads hold
 * one), where pg's `error` event has no listener of the pool's: it must not become an uncaught
 * exception, which would end the gateway's process.
 */
let db: TestDatabase;
let pool: pg.Pool;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown): void => {
  uncaught.push(error);
};

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2, Client: clientWithAnswerDeadline(300) });
  process.on('uncaughtException', onUncaught);
});

afterAll(async () => {
  process.removeListener('uncaughtException', onUncaught);
  await pool?.end();
  await db?.drop();
});

describe('the answer deadline', () => {
  it('fails a statement on a checked-out client with DatabaseNotAnswering, drops the connection, and throws nothing uncaught', async () => {
    const client = await pool.connect();
    const started = performance.now();
    const failure = await new Promise<Error | null>((resolve) => {
      client.query('SELECT pg_sleep(5)', [], (error) => resolve(error));
    });
    const waited = performance.now() - started;
    client.release(failure ?? undefined);
    expect(failure).toBeInstanceOf(DatabaseNotAnswering);
    expect(waited).toBeLessThan(3_000);
    // Anything the destroyed connection emitted has been delivered by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(uncaught).toEqual([]);
    // The pool opens a fresh connection for the next statement.
    const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });
});
