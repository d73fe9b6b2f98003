import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import pg from 'pg';
import type { Logger } from 'pino';
import { ANSWER_GRACE_MS, clientWithAnswerDeadline } from '../db/answer-deadline.js';
import type { RateLimits } from '../config.js';
import type { Principal } from '../context/request-context.js';

/** The counter table (migration Hardening), in the layout rate-limiter-flexible expects. */
export const RATE_LIMIT_TABLE = 'rate_limit_counter';

export type RateLimitScope = 'user' | 'agency';

export type RateLimitDecision =
  | { allowed: true }
  | { allowed: false; scope: RateLimitScope; limit: number; windowSeconds: number; retryAfterSeconds: number };

/**
 * The counters' own connections, with `synchronous_commit = off`: every request of an agency
 * increments the same row, and waiting for a WAL flush while holding that row's lock would
 * serialise all of them. A counter increment lost in a crash is harmless; a limit that
 * throttles the gateway itself is not. An idle connection lost (the database restarted) is
 * logged and replaced on the next request; without the listener it would end the process.
 */
export function createRateLimitPool(databaseUrl: string, timeouts: { statementTimeoutMs: number; connectTimeoutMs: number }, log: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    options: '-c synchronous_commit=off',
    statement_timeout: timeouts.statementTimeoutMs,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    keepAlive: true,
    // The first query of every request: a database that stops answering must not hold it.
    Client: clientWithAnswerDeadline(timeouts.statementTimeoutMs + ANSWER_GRACE_MS),
    application_name: 'liaison-rate-limits',
  });
  pool.on('error', (error) => log.warn({ err: error.message }, 'rate limits: idle database connection lost'));
  return pool;
}

/**
 * Request rate limits per user and per agency, counted in PostgreSQL so that they hold
 * across every gateway process sharing the database: one `INSERT … ON CONFLICT … RETURNING`
 * per counter per request (rate-limiter-flexible's fixed window). A database that does not
 * answer makes `consume` throw: the caller fails closed.
 */
export class RequestRateLimiter {
  private readonly perUser: RateLimiterPostgres;
  private readonly perAgency: RateLimiterPostgres;

  constructor(pool: pg.Pool, private readonly limits: RateLimits) {
    const store = {
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: true,
      duration: limits.windowSeconds,
    };
    this.perUser = new RateLimiterPostgres({ ...store, keyPrefix: 'user', points: limits.perUser });
    this.perAgency = new RateLimiterPostgres({ ...store, keyPrefix: 'agency', points: limits.perAgency });
  }

  /**
   * Counts one request of `principal` against both limits. The user key is a hash of issuer
   * and subject: subjects are unique per issuer only, and the table need not hold them.
   */
  async consume(principal: Pick<Principal, 'issuer' | 'userId' | 'agencyCode'>): Promise<RateLimitDecision> {
    const userKey = createHash('sha256').update(`${principal.issuer}\n${principal.userId}`).digest('base64url');
    const [user, agency] = await Promise.allSettled([this.perUser.consume(userKey), this.perAgency.consume(principal.agencyCode)]);
    let refusal: RateLimitDecision = { allowed: true };
    for (const [scope, outcome, limit] of [['user', user, this.limits.perUser], ['agency', agency, this.limits.perAgency]] as const) {
      if (outcome.status === 'fulfilled') continue;
      if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
      const retryAfterSeconds = Math.max(1, Math.ceil(outcome.reason.msBeforeNext / 1000));
      if (refusal.allowed || retryAfterSeconds > refusal.retryAfterSeconds) {
        refusal = { allowed: false, scope, limit, windowSeconds: this.limits.windowSeconds, retryAfterSeconds };
      }
    }
    return refusal;
  }
}
