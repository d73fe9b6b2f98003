import type { DataSource } from 'typeorm';
import type { NoticeAnnouncements } from './notice-announcements.js';
import { listNotices, type Notice } from './notice-inbox.js';

export interface NoticeStreamOptions {
  announcements: NoticeAnnouncements;
  db: DataSource;
  /** The subscriber's agency: it receives exactly the notices its `notices` inbox lists. */
  agencyCode: string;
  /** Resume: first the notices issued after this one (a notice id of the agency's inbox), oldest first. */
  after: string | null;
  /** A consumer this far behind is cut off (it resumes with the last notice id received). */
  maxQueued?: number;
}

/** Raised into the stream when its consumer falls too far behind, or a resumption reaches too far back. */
export class NoticeConsumerTooSlow extends Error {}

const BACKLOG_PAGE = 500;
const DEFAULT_MAX_QUEUED = 2_000;
/** A notice is delivered once as issued and once more when escalated. */
const deliveryKey = (notice: Notice): string => `${notice.id}:${notice.escalatedAt ? 'escalated' : 'issued'}`;

/**
 * One subscriber's correction notices, as an async iterator: when resuming, the notices of its
 * agency issued after the given one (read from the inbox, oldest first); then the live ones the
 * process's NoticeAnnouncements hands on. The live listener is added before the backlog is read,
 * so nothing falls between the two; a notice both read and announced is delivered once.
 * `return()` (unsubscribed, socket closed) ends it at once.
 */
export class NoticeStream implements AsyncIterableIterator<Notice> {
  private readonly queue: Notice[] = [];
  private readonly delivered = new Set<string>();
  private waiting: ((result: IteratorResult<Notice>) => void) | undefined;
  private failure: Error | undefined;
  private done = false;
  private backlog: Promise<void> | null;
  private readonly remove: () => void;

  constructor(private readonly options: NoticeStreamOptions) {
    this.remove = options.announcements.add(options.agencyCode, (notice) => this.push(notice));
    this.backlog = options.after === null ? null : this.readBacklog(options.after);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Notice> {
    return this;
  }

  async next(): Promise<IteratorResult<Notice>> {
    if (this.backlog) {
      const backlog = this.backlog;
      this.backlog = null;
      await backlog;
    }
    if (this.failure) {
      const failure = this.failure;
      this.finish();
      throw failure;
    }
    for (;;) {
      const next = this.queue.shift();
      if (!next) break;
      if (!this.first(next)) continue;
      return { value: next, done: false };
    }
    if (this.done) return { value: undefined, done: true };
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async return(): Promise<IteratorResult<Notice>> {
    this.finish();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<Notice>> {
    this.finish();
    throw error;
  }

  /** Whether this delivery has not been made yet (and notes it as made). */
  private first(notice: Notice): boolean {
    const key = deliveryKey(notice);
    if (this.delivered.has(key)) return false;
    this.delivered.add(key);
    return true;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.remove();
    this.queue.length = 0;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  private push(notice: Notice): void {
    if (this.done) return;
    if (this.waiting && this.queue.length === 0 && !this.backlog) {
      if (!this.first(notice)) return;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting({ value: notice, done: false });
      return;
    }
    this.queue.push(notice);
    if (this.queue.length > (this.options.maxQueued ?? DEFAULT_MAX_QUEUED)) {
      this.failure = new NoticeConsumerTooSlow('Too many undelivered notices; resubscribe with after: the last notice id received');
      this.queue.length = 0;
      this.remove();
    }
  }

  /** The agency's notices issued after `after`, oldest first, ahead of any live one. */
  private async readBacklog(after: string): Promise<void> {
    const missed: Notice[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await listNotices(this.options.db, { recipient: this.options.agencyCode }, {}, BACKLOG_PAGE, cursor, { newerThan: after });
      missed.push(...page);
      if (page.length < BACKLOG_PAGE || this.done) break;
      if (missed.length >= (this.options.maxQueued ?? DEFAULT_MAX_QUEUED)) {
        this.failure = new NoticeConsumerTooSlow('Too many notices to resume from that notice id; read them with the notices query');
        return;
      }
      cursor = page.at(-1)!.id;
    }
    this.queue.unshift(...missed.reverse());
  }
}
