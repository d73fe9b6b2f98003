import type { Logger } from 'pino';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { listNotices, type Notice } from './notice-inbox.js';
import { NOTICE_CHANNEL, type NoticeAnnouncement } from './notice-channel.js';

/** A live consumer of one agency's notices (a `noticeIssued` subscription); must not block. */
export type NoticeListener = (notice: Notice) => void;

const RECONNECT_MS = 1_000;
const isAnnouncement = (value: unknown): value is NoticeAnnouncement =>
  typeof value === 'object' && value !== null && typeof (value as NoticeAnnouncement).id === 'string' && typeof (value as NoticeAnnouncement).agency === 'string';

/**
 * One per gateway process: LISTENs on `liaison_notices` on a single connection (the pattern of
 * the change-feed follower and the policy store; never a connection per subscriber) and, per
 * announcement with live listeners in the recipient agency, reads the notice once through the
 * inbox's own read (listNotices, scoped to that agency) and hands it to each of them. A lost
 * connection is reopened within a second; announcements made meanwhile are not replayed live —
 * a subscriber resumes them with `after` (the inbox has every notice).
 */
export class NoticeAnnouncements {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly listeners = new Map<string, Set<NoticeListener>>();
  /** Announcements are read one after another, so listeners get notices in the order announced. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: { databaseUrl: string; db: DataSource; log?: Logger }) {}

  async start(): Promise<void> {
    await this.connect();
    this.timer = setInterval(() => {
      if (!this.client && !this.connecting) void this.connect().catch(() => undefined);
    }, RECONNECT_MS);
    this.timer.unref();
  }

  /** Adds a listener for the notices addressed to `agency`; returns the function that removes it. */
  add(agency: string, listener: NoticeListener): () => void {
    let members = this.listeners.get(agency);
    if (!members) this.listeners.set(agency, members = new Set());
    members.add(listener);
    return () => {
      members.delete(listener);
      if (members.size === 0 && this.listeners.get(agency) === members) this.listeners.delete(agency);
    };
  }

  get listenerCount(): number {
    let n = 0;
    for (const members of this.listeners.values()) n += members.size;
    return n;
  }

  /** Waits for the notices announced so far to be handed on (tests). */
  async settled(): Promise<void> {
    await this.chain;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.settled();
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'liaison-notice-listener' });
      const lost = (error?: Error) => {
        if (this.client === client) this.client = undefined;
        void client.end().catch(() => undefined);
        if (error && !this.stopped) this.options.log?.warn({ err: error.message }, 'notices: listening connection lost; reconnecting');
      };
      client.on('error', lost);
      client.on('end', () => lost());
      client.on('notification', (message) => this.announced(message.payload));
      try {
        await client.connect();
        await client.query(`LISTEN ${NOTICE_CHANNEL}`);
      } catch (error) {
        lost();
        throw error;
      }
      if (this.stopped) await client.end().catch(() => undefined);
      else this.client = client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private announced(payload: string | undefined): void {
    let announcement: unknown;
    try {
      announcement = JSON.parse(payload ?? '');
    } catch {
      return;
    }
    if (!isAnnouncement(announcement) || !this.listeners.has(announcement.agency)) return;
    const { id, agency } = announcement;
    this.chain = this.chain.then(async () => {
      // The inbox's read, scoped to the recipient agency: what its staff would see in `notices`.
      const [notice] = await listNotices(this.options.db, { recipient: agency }, {}, 1, null, { id });
      if (!notice) return;
      for (const listener of [...this.listeners.get(agency) ?? []]) listener(notice);
    }).catch((error: Error) => {
      this.options.log?.error({ err: error.message, agency }, 'notices: an announced notice could not be read; subscribers resume it with after');
    });
  }
}
