import pino from 'pino';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { LimitCounters, LimitCountersUnavailable } from '../../src/limits/limit-counters.js';
import { RequestRateLimiter } from '../../src/limits/request-rate-limiter.js';

/**
 * The decisions one process takes between reconciliations (issue 13 §4): exact on its own,
 * fixed windows that begin with a key's first request, refused requests counted, fail closed
 * when the counters are stale and cannot be reconciled (here there is no database at all).
 * (Reconciliation across processes: tests/security/limits-across-gateways.test.ts.)
 */

const SYNC = { intervalMs: 250, staleAfterMs: 120_000 };
const noDatabase = {} as pg.Pool; // no database: a reconciliation fails

function limiter(start: number, limits = { windowSeconds: 60, perUser: 3, perAgency: 5 }) {
  const clock = { now: start };
  const counters = new LimitCounters(noDatabase, SYNC, pino({ level: 'silent' }), () => clock.now);
  return { clock, counters, limiter: new RequestRateLimiter(counters, limits, () => clock.now) };
}

const alice = { issuer: 'https://idp.example/police', userId: 'alice', agencyCode: 'POLICE' };
const bob = { ...alice, userId: 'bob' };

describe('rate limits counted in one process', () => {
  it('allows exactly the per-user limit, then refuses with the seconds left in the window', async () => {
    const { limiter: l, clock } = limiter(Date.UTC(2026, 11, 6, 12, 0, 15));
    expect([await l.consume(alice), await l.consume(alice), await l.consume(alice)]).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    clock.now += 15_000;
    expect(await l.consume(alice)).toEqual({ allowed: false, scope: 'user', limit: 3, windowSeconds: 60, retryAfterSeconds: 45 });
  });

  it('counts refused requests against the agency: another user of the agency meets its limit', async () => {
    const { limiter: l } = limiter(Date.UTC(2026, 11, 6, 12, 0, 0));
    for (let i = 0; i < 4; i++) await l.consume(alice); // 3 served, 1 refused: 4 for POLICE
    expect(await l.consume(bob)).toEqual({ allowed: true });
    expect(await l.consume(bob)).toMatchObject({ allowed: false, scope: 'agency', limit: 5 });
  });

  it('starts a new window when the one begun by the first request ends', async () => {
    const { limiter: l, clock } = limiter(Date.UTC(2026, 11, 6, 12, 0, 59, 500));
    for (let i = 0; i < 3; i++) await l.consume(alice);
    clock.now += 59_000;
    expect(await l.consume(alice)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    clock.now += 1_000;
    expect(await l.consume(alice)).toEqual({ allowed: true });
  });

  it('refuses to decide once the counters are stale and cannot be reconciled', async () => {
    const { limiter: l, clock, counters } = limiter(Date.UTC(2026, 11, 6, 12, 0, 0));
    clock.now += SYNC.staleAfterMs;
    expect(await l.consume(alice)).toEqual({ allowed: true });
    clock.now += 1;
    await expect(l.consume(alice)).rejects.toThrow(LimitCountersUnavailable);
    expect(counters.fresh()).toBe(false);
  });

  it('refuses to decide when the counters\' connection is lost and cannot be reconciled', async () => {
    const { limiter: l, counters } = limiter(Date.UTC(2026, 11, 6, 12, 0, 0));
    counters.connectionLost();
    await expect(l.consume(alice)).rejects.toThrow(LimitCountersUnavailable);
  });
});
