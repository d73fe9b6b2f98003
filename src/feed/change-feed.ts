import type pg from 'pg';
import { WakeupLoop } from './wakeup-loop.js';

/**
 * The change feed: one event per committed create, update, correction and withdrawal, in
 * the outbox table `change_event`, written in the writing transaction. Positions are given
 * in commit order (see migration OwnerWrites1732001400000), so a follower that reads
 * `position > last` in order never misses an event; gaps (rolled-back transactions) are
 * normal. Events name the fields that changed, never their values.
 */

export interface ChangeEvent {
  position: number;
  subject: string;
  recordId: string;
  ownerAgencyCode: string;
  prisonerId: string | null;
  change: 'CREATE' | 'UPDATE' | 'CORRECTION' | 'WITHDRAWAL';
  fields: string[];
  revision: number;
  occurredAt: Date;
}

export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** The channel every write NOTIFYs on commit, with the highest position it wrote. */
export const CHANGE_CHANNEL = 'liaison_changes';

/** Events after `after`, in position order, at most `limit`. */
export async function readChanges(db: Queryable, after: number, limit = 1_000): Promise<ChangeEvent[]> {
  const { rows } = await db.query<{
    position: string; subject: string; record_id: string; owner_agency_code: string; prisoner_id: string | null;
    change: ChangeEvent['change']; fields: string[]; revision: number; occurred_at: Date;
  }>(
    `SELECT position, subject, record_id, owner_agency_code, prisoner_id, change, fields, revision, occurred_at
       FROM change_event WHERE position > $1 ORDER BY position LIMIT $2`,
    [after, limit],
  );
  return rows.map((r) => ({
    position: Number(r.position), subject: r.subject, recordId: r.record_id, ownerAgencyCode: r.owner_agency_code,
    prisonerId: r.prisoner_id, change: r.change, fields: r.fields, revision: r.revision, occurredAt: r.occurred_at,
  }));
}

/** The position of the latest committed event (0 when there is none): where a new follower starts. */
export async function latestPosition(db: Queryable): Promise<number> {
  const { rows: [row] } = await db.query<{ position: string | null }>('SELECT max(position) AS position FROM change_event');
  return Number(row?.position ?? 0);
}

export interface FollowerOptions {
  databaseUrl: string;
  /** Start after this position. */
  after: number;
  /** Receives each batch of new events, in order; the follower waits for it before reading on. */
  onEvents: (events: ChangeEvent[]) => Promise<void> | void;
  /** Re-read this often even without a notification (a missed NOTIFY). */
  pollMs?: number;
  /** A read or `onEvents` failed: the position stays where it was and the next wake-up tries again. */
  onError?: (error: Error) => void;
}

/**
 * Follows the feed: LISTENs on `liaison_changes` and reads on every notification, and every
 * `pollMs` as a safety net (a WakeupLoop). One read at a time, through the listening
 * connection (one connection per follower); the position only moves past what was handed on.
 */
export class ChangeFeedFollower {
  private readonly wakeups: WakeupLoop;
  position: number;

  constructor(private readonly options: FollowerOptions) {
    this.position = options.after;
    const report = (error: Error) => options.onError?.(error);
    this.wakeups = new WakeupLoop({
      pass: () => this.readBatch(),
      pollMs: options.pollMs ?? 1_000,
      onError: report,
      listen: { databaseUrl: options.databaseUrl, channel: CHANGE_CHANNEL, applicationName: 'liaison-feed-follower', onLost: report },
    });
  }

  /** Opens the listening connection (rejects when it cannot be opened), then reads what is new. */
  async start(): Promise<void> {
    await this.wakeups.listening();
    await this.wakeups.start();
  }

  /** Reads until nothing is new; resolves when the follower has caught up with what was committed when called. */
  async catchUp(): Promise<void> {
    await this.wakeups.catchUp();
  }

  async stop(): Promise<void> {
    await this.wakeups.stop();
  }

  /** Hands on the next batch; false when there is none (or no connection to read it with until the next wake-up reopens it). */
  private async readBatch(): Promise<boolean> {
    const client = this.wakeups.connection;
    if (!client) return false;
    const events = await readChanges(client, this.position);
    if (events.length === 0) return false;
    await this.options.onEvents(events);
    this.position = events.at(-1)!.position;
    return true;
  }
}
