import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { ANSWER_GRACE_MS, clientWithAnswerDeadline } from '../db/answer-deadline.js';
import type { RateLimits } from '../config.js';
import type { Principal } from '../context/request-context.js';
import type { LimitCounters } from './limit-counters.js';

export type RateLimitScope = 'user' | 'agency';

export type RateLimitDecision =
  | { allowed: true }
  | { allowed: false; scope: RateLimitScope; limit: number; windowSeconds: number; retryAfterSeconds: number };

/**
 * The counters' own connection, with `synchronous_commit = off`: a count lost in a crash is
 * harmless, a WAL flush per reconciliation is not needed. One statement at a time (the
 * reconciliation). An idle connection lost (the database restarted) is logged, reported to
 * `onLost` (the counters fail closed until they read again) and replaced; without the listener
 * it would end the process.
 */
export function createRateLimitPool(
  databaseUrl: string,
  timeouts: { statementTimeoutMs: number; connectTimeoutMs: number },
  log: Logger,
  onLost: () => void = () => undefined,
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    options: '-c synchronous_commit=off',
    statement_timeout: timeouts.statementTimeoutMs,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    keepAlive: true,
    // A database that stops answering must not hold the counters' only connection.
    Client: clientWithAnswerDeadline(timeouts.statementTimeoutMs + ANSWER_GRACE_MS),
    application_name: 'liaison-rate-limits',
  });
  pool.on('error', (error) => {
    log.warn({ err: error.message }, 'rate limits: idle database connection lost');
    onLost();
  });
  return pool;
}

/**
 * Request rate limits per user and per agency over fixed windows of `windowSeconds` (a
 * window begins with the first request counted on its key), on all gateway processes
 * together: counted in this process, without a database round trip, and reconciled with the
 * others by `LimitCounters` (see there for the bound). Every request counts, refused ones
 * included. Counters that cannot be reconciled make `consume` throw: the caller fails closed (503).
 */
export class RequestRateLimiter {
  constructor(private readonly counters: LimitCounters, private readonly limits: RateLimits, private readonly clock: () => number = Date.now) {}


  /**
   * Counts one request of `principal` against both limits. The user key is a hash of issuer
   * and subject: subjects are unique per issuer only, and the table need not hold them.
   */
  async consume(principal: Pick<Principal, 'issuer' | 'userId' | 'agencyCode'>): Promise<RateLimitDecision> {
    await this.counters.ensureFresh();
    const windowMs = this.limits.windowSeconds * 1000;
    const userKey = createHash('sha256').update(`${principal.issuer}\n${principal.userId}`).digest('base64url');
    const user = this.counters.countRequest(`user:${userKey}`, windowMs);
    const agency = this.counters.countRequest(`agency:${principal.agencyCode}`, windowMs);
    const now = this.clock();
    const refusal = (scope: RateLimitScope, limit: number, expire: number): RateLimitDecision => ({
      allowed: false, scope, limit, windowSeconds: this.limits.windowSeconds, retryAfterSeconds: Math.max(1, Math.ceil((expire - now) / 1000)),
    });
    if (user.total > this.limits.perUser) return refusal('user', this.limits.perUser, user.expire);
    if (agency.total > this.limits.perAgency) return refusal('agency', this.limits.perAgency, agency.expire);
    return { allowed: true };
  }
}
