import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WakeupLoop } from '../../src/feed/wakeup-loop.js';
import { createEmptyDatabase, type EmptyDatabase } from '../support/empty-database.js';
import { MECHANISM_BOUND_MS } from '../support/timing.js';

/**
 * The wake-up shared by the change-feed follower, the webhook outbox feeder, the notice writer
 * and the delivery worker, against real PostgreSQL: a NOTIFY wakes it, the poll wakes it
 * without one, a listening connection that drops is reopened at the next wake-up (and NOTIFY
 * wakes it again), and a stopped loop runs no pass and leaves no connection.
 */

const CHANNEL = 'liaison_changes';
const APPLICATION = 'liaison-wakeup-loop-test';

let db: EmptyDatabase;

beforeAll(async () => {
  db = await createEmptyDatabase();
});

afterAll(async () => {
  await db?.drop();
});

const until = async (what: string, condition: () => boolean | Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + MECHANISM_BOUND_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${MECHANISM_BOUND_MS} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const listeners = async (): Promise<number> => {
  const [row] = await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [APPLICATION]);
  return row!.n;
};

describe('WakeupLoop', () => {
  it('wakes on NOTIFY, reopens a dropped listening connection at the next wake-up, and stops cleanly', async () => {
    let passes = 0;
    const lost: Error[] = [];
    const loop = new WakeupLoop({
      pass: async () => { passes++; return false; },
      pollMs: 60_000,
      onError: (error) => { throw error; },
      listen: { databaseUrl: db.url, channel: CHANNEL, applicationName: APPLICATION, onLost: (error) => lost.push(error) },
    });
    await loop.start();
    await loop.idle();
    expect(passes).toBe(1);
    expect(await listeners()).toBe(1);

    await db.sql(`NOTIFY ${CHANNEL}, '1'`);
    await until('a pass after NOTIFY', () => passes === 2);

    await db.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [APPLICATION]);
    await until('the lost connection noticed', () => loop.connection === undefined);
    expect(lost).toHaveLength(1);

    loop.wake(); // as the poll would
    await loop.idle();
    expect(loop.connection).toBeDefined();
    expect(await listeners()).toBe(1);
    const before = passes;
    await db.sql(`NOTIFY ${CHANNEL}, '2'`);
    await until('a pass after NOTIFY on the reopened connection', () => passes === before + 1);

    await loop.stop();
    expect(await listeners()).toBe(0);
    await db.sql(`NOTIFY ${CHANNEL}, '3'`);
    loop.wake();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(passes).toBe(before + 1);
    expect(lost).toHaveLength(1);
  });

  it('polls without a listener, runs one pass at a time and another at once while one reports more', async () => {
    let running = 0;
    let overlapped = false;
    let passes = 0;
    let more = 3;
    const loop = new WakeupLoop({
      pass: async () => {
        overlapped ||= running > 0;
        running++;
        passes++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return more-- > 0;
      },
      pollMs: 50,
      onError: (error) => { throw error; },
    });
    await loop.start();
    loop.wake();
    loop.wake();
    await until('three polls after the passes that reported more', () => passes >= 4 + 3);
    await loop.stop();
    const stoppedAt = passes;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(passes).toBe(stoppedAt);
    expect(overlapped).toBe(false);
  });
});
