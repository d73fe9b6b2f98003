import type pg from 'pg';
import type { Logger } from 'pino';
import type { LimitSync } from '../config.js';
import { DAILY_DISCLOSURE_TABLE, RATE_LIMIT_TABLE } from './limit-tables.js';

/**
 * The request counters of the rate limits and the record counters of the daily quotas,
 * counted in this process and reconciled with every other gateway process through PostgreSQL
 * on a short interval (issue 13 §4): a request costs no database round trip for its limits.
 *
 * Every `intervalMs` one statement sends what this process counted since the last one (added
 * to the shared rows) and reads back the totals of every counter this process uses (what all
 * processes have sent). A decision is `total read + counted here since` against the limit, so
 * one process alone is exact, and N processes together can go over a limit only by what the
 * others counted and have not sent yet — at most one interval (plus one statement) of their
 * traffic on that counter: docs/architecture.md "Rate limits and daily quotas".
 *
 * Fail closed: when the totals have not been read for `staleAfterMs`, or the counters'
 * connection was lost (the database went away) and they have not been read since, a request
 * waits for one reconciliation (`ensureFresh`); if that fails too (the database does not
 * answer within its answer deadline), the callers refuse with 503.
 */

/** The counters could not be reconciled recently (the database is not answering): refuse, 503 (a code `isDatabaseUnavailable` knows). */
export class LimitCountersUnavailable extends Error {
  readonly code = 'ETIMEDOUT';

  constructor() {
    super('rate limits and daily quotas: the counters have not been reconciled with the database recently');
  }
}

interface Count {
  /** The shared total as last read (this process's sent counts included). */
  known: number;
  /** Counted here, not yet sent. */
  pending: number;
  /** Sent in the statement now running. */
  sending: number;
}

interface RateCount extends Count {
  /** End of the counter's fixed window (epoch ms); the shared row's `expire` once read. */
  expire: number;
}

interface QuotaCount extends Count {
  /** Whether `known` has been read from the database at least once. */
  read: boolean;
  clauseId: string;
  agencyCode: string;
  day: string;
}

interface RateRow { kind: 'rate'; key: string; n: string; expire: string | null }
interface QuotaRow { kind: 'quota'; key: string; n: string; expire: null }

const total = (c: Count): number => c.known + c.sending + c.pending;
const quotaKey = (clauseId: string, agencyCode: string, day: string): string => `${clauseId}|${agencyCode}|${day}`;
/** Expired rate rows are deleted this often (in the same statement). */
const PURGE_EVERY_MS = 5 * 60_000;

/** The statement: counts in, totals out, in one round trip. */
const RECONCILE_SQL = `
WITH rate_in AS (
  SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[]) AS t(key, delta, expire)
), rate_up AS (
  INSERT INTO ${RATE_LIMIT_TABLE} AS c (key, points, expire)
  SELECT key, delta, expire FROM rate_in WHERE delta > 0
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN c.expire IS NULL OR c.expire <= $9::bigint THEN EXCLUDED.points ELSE c.points + EXCLUDED.points END,
    expire = CASE WHEN c.expire IS NULL OR c.expire <= $9::bigint THEN EXCLUDED.expire ELSE c.expire END
  RETURNING c.key, c.points, c.expire
), quota_in AS (
  SELECT * FROM unnest($4::uuid[], $5::text[], $6::date[], $7::int[]) AS t(clause_id, agency, day, delta)
), quota_up AS (
  INSERT INTO ${DAILY_DISCLOSURE_TABLE} AS d (clause_id, recipient_agency_code, day, records)
  SELECT clause_id, agency, day, delta FROM quota_in WHERE delta > 0
  ON CONFLICT (clause_id, recipient_agency_code, day) DO UPDATE SET records = d.records + EXCLUDED.records
  RETURNING d.clause_id, d.recipient_agency_code, d.day, d.records
), purged AS (
  DELETE FROM ${RATE_LIMIT_TABLE} WHERE $8::boolean AND expire < $9::bigint AND NOT (key = ANY($1::text[]))
)
SELECT 'rate' AS kind, key, points::text AS n, expire::text AS expire FROM rate_up
UNION ALL
SELECT 'rate', c.key, c.points::text, c.expire::text FROM ${RATE_LIMIT_TABLE} c JOIN rate_in i ON i.key = c.key AND i.delta = 0
UNION ALL
SELECT 'quota', clause_id::text || '|' || recipient_agency_code || '|' || day::text, records::text, NULL FROM quota_up
UNION ALL
SELECT 'quota', d.clause_id::text || '|' || d.recipient_agency_code || '|' || d.day::text, d.records::text, NULL
  FROM ${DAILY_DISCLOSURE_TABLE} d JOIN quota_in i
    ON i.delta = 0 AND d.clause_id = i.clause_id AND d.recipient_agency_code = i.agency AND d.day = i.day`;

export class LimitCounters {
  private readonly rates = new Map<string, RateCount>();
  private readonly quotas = new Map<string, QuotaCount>();
  private lastReadAt: number;
  private failing = false;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPurge = 0;
  private stopped = false;
  /** Reconciliation statements sent so far (tests count them). */
  reconciliations = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly sync: LimitSync,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {
    // The data source answered when the gateway started: the counters start fresh.
    this.lastReadAt = clock();
  }

  /** Starts the interval (unref'd: it never keeps a process alive). */
  start(): this {
    this.timer = setInterval(() => void this.reconcile().catch(() => undefined), this.sync.intervalMs);
    this.timer.unref();
    return this;
  }

  /** The database went away (an idle connection of the counters' pool was lost): fail closed until the next read. */
  connectionLost(): void {
    this.failing = true;
  }

  /** Whether decisions may be taken: the totals were read within `staleAfterMs`, and since the connection was last lost. */
  fresh(): boolean {
    return !this.failing && this.clock() - this.lastReadAt <= this.sync.staleAfterMs;
  }

  /**
   * Counts one request on `key`, in its current fixed window of `windowMs` (which begins with
   * the first request counted on the key by any process, as the shared row says once read);
   * returns the total now, this request included, and when the window ends (epoch ms).
   */
  countRequest(key: string, windowMs: number): { total: number; expire: number } {
    const now = this.clock();
    let count = this.rates.get(key);
    if (!count || count.expire <= now) {
      count = { known: 0, pending: 0, sending: 0, expire: now + windowMs };
      this.rates.set(key, count);
    }
    count.pending += 1;
    return { total: total(count), expire: count.expire };
  }

  /**
   * Resolves when decisions may be taken: at once while the totals are fresh; otherwise after
   * one reconciliation (a round trip only after the counters went stale — a process whose event
   * loop stalled, or a database that stopped answering: then it throws, and the caller fails closed).
   */
  async ensureFresh(): Promise<void> {
    if (this.fresh()) return;
    try {
      // A statement already running reads totals as fresh as a new one would: join it.
      await (this.running ?? this.reconcile());
    } catch {
      throw new LimitCountersUnavailable();
    }
    if (!this.fresh()) throw new LimitCountersUnavailable();
  }

  /** Records counted so far today on (clause, recipient, day); undefined when this process has not read that total yet. */
  quotaUsed(clauseId: string, agencyCode: string, day: string): number | undefined {
    const count = this.quotas.get(quotaKey(clauseId, agencyCode, day));
    return count ? total(count) : undefined;
  }

  /** Starts counting (clause, recipient, day) here: its total is read by the next reconciliation. */
  trackQuota(clauseId: string, agencyCode: string, day: string): void {
    const key = quotaKey(clauseId, agencyCode, day);
    if (!this.quotas.has(key)) this.quotas.set(key, { known: 0, pending: 0, sending: 0, read: false, clauseId, agencyCode, day });
  }

  /** Whether the total of a tracked quota counter has been read from the database at least once. */
  quotaRead(clauseId: string, agencyCode: string, day: string): boolean {
    return this.quotas.get(quotaKey(clauseId, agencyCode, day))?.read === true;
  }

  addRecords(clauseId: string, agencyCode: string, day: string, records: number): void {
    this.trackQuota(clauseId, agencyCode, day);
    this.quotas.get(quotaKey(clauseId, agencyCode, day))!.pending += records;
  }

  /**
   * Sends the counts and reads the totals now (one statement). A caller that arrives while a
   * statement runs gets the next one — so that what it counted or tracked before calling is
   * included — and every such caller shares that next one: at most one statement runs and one
   * waits, however many requests ask.
   */
  reconcile(): Promise<void> {
    if (!this.running) return this.startReconciliation();
    this.queued ??= this.running.catch(() => undefined).then(() => {
      this.queued = null;
      return this.startReconciliation();
    });
    return this.queued;
  }

  private startReconciliation(): Promise<void> {
    const run: Promise<void> = this.reconcileOnce().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async reconcileOnce(): Promise<void> {
    const now = this.clock();
    const rateBatch: { key: string; count: RateCount; delta: number }[] = [];
    for (const [key, count] of this.rates) {
      // A finished window matters no more; its unsent counts are dropped with it.
      if (count.expire <= now) {
        this.rates.delete(key);
        continue;
      }
      rateBatch.push({ key, count, delta: count.pending });
    }
    const today = new Date(now).toISOString().slice(0, 10);
    const quotaBatch: { key: string; count: QuotaCount; delta: number }[] = [];
    for (const [key, count] of this.quotas) {
      // Earlier days are sent once more (records disclosed before midnight still count for that day), then forgotten.
      if (count.day < today && count.pending === 0) {
        this.quotas.delete(key);
        continue;
      }
      quotaBatch.push({ key, count, delta: count.pending });
    }
    for (const item of [...rateBatch, ...quotaBatch]) {
      item.count.pending -= item.delta;
      item.count.sending += item.delta;
    }
    const purge = now - this.lastPurge >= PURGE_EVERY_MS;
    let rows: (RateRow | QuotaRow)[];
    try {
      this.reconciliations++;
      // Named: PostgreSQL parses and plans it once per connection.
      const result = await this.pool.query<RateRow | QuotaRow>({ name: 'liaison-limits-reconcile', text: RECONCILE_SQL, values: [
        rateBatch.map((b) => b.key), rateBatch.map((b) => b.delta), rateBatch.map((b) => b.count.expire),
        quotaBatch.map((b) => b.count.clauseId), quotaBatch.map((b) => b.count.agencyCode), quotaBatch.map((b) => b.count.day), quotaBatch.map((b) => b.delta),
        purge, now,
      ] });
      rows = result.rows;
    } catch (error) {
      // Nothing was counted: the counts are sent again with the next statement.
      for (const item of [...rateBatch, ...quotaBatch]) {
        item.count.sending -= item.delta;
        item.count.pending += item.delta;
      }
      // One failed attempt is not an outage (a busy machine, a connection replaced): requests are
      // refused once the totals are older than staleAfterMs, or at once when the connection was lost.
      this.log.warn({ err: (error as Error).message, lastReadMsAgo: this.clock() - this.lastReadAt }, 'rate limits and daily quotas: counters could not be reconciled');
      throw error;
    }
    if (purge) this.lastPurge = now;
    const rateTotals = new Map<string, { n: number; expire: number | null }>();
    const quotaTotals = new Map<string, number>();
    for (const row of rows) {
      if (row.kind === 'rate') rateTotals.set(row.key, { n: Number(row.n), expire: row.expire === null ? null : Number(row.expire) });
      else quotaTotals.set(row.key, Number(row.n));
    }
    for (const { key, count, delta } of rateBatch) {
      count.sending -= delta;
      const read = rateTotals.get(key);
      // The shared row's window is the window (it began with the first request any process
      // counted); an expired row (nobody has counted since) is a total of 0.
      if (read && read.expire !== null && read.expire > now) {
        count.known = read.n;
        count.expire = read.expire;
      } else {
        count.known = 0;
      }
    }
    for (const { key, count, delta } of quotaBatch) {
      count.sending -= delta;
      count.known = quotaTotals.get(key) ?? 0;
      count.read = true;
    }
    if (this.failing || this.clock() - this.lastReadAt > this.sync.staleAfterMs) this.log.info('rate limits and daily quotas: counters reconciled again');
    this.failing = false;
    // The totals are as old as the statement that asked for them, not as its answer's arrival:
    // an answer handled late (a busy event loop, a database frozen just after it replied)
    // must not make them look fresher than they are.
    this.lastReadAt = now;
  }

  /** Stops the interval and sends what is still counted (best effort: the database may be gone). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.reconcile().catch(() => undefined);
  }
}
