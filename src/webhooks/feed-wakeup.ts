import pg from 'pg';
import type { Logger } from 'pino';
import { CHANGE_CHANNEL } from '../feed/change-feed.js';

/**
 * Runs `pass` whenever the change feed announces a commit (LISTEN `liaison_changes`) and every
 * `pollMs` besides (a missed notification, a lost listener), one pass at a time; a pass that
 * reports more work is followed at once by another. The pass itself reads from its stored
 * position, so a wake-up carries no state and a missed one loses nothing.
 */
export class FeedWakeup {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly options: { databaseUrl: string; name: string; pollMs: number; log: Logger; pass: () => Promise<boolean> },
  ) {}

  async start(): Promise<void> {
    try {
      const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `liaison-${this.options.name}` });
      client.on('notification', () => this.wake());
      client.on('error', (error) => this.options.log.warn({ err: error.message, follower: this.options.name }, 'feed listener lost; polling only'));
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.options.log.warn({ err: (error as Error).message, follower: this.options.name }, 'feed listener unavailable; polling only');
    }
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.running = (async () => {
      do {
        this.again = false;
        while (!this.stopped && await this.options.pass());
      } while (this.again && !this.stopped);
    })()
      .catch((error: unknown) => this.options.log.warn({ err: (error as Error).message, follower: this.options.name }, 'follower pass failed; retrying on the next poll'))
      .finally(() => {
        this.busy = false;
      });
  }

  /** Runs passes until nothing is left that was committed when called. */
  async catchUp(): Promise<void> {
    await this.running;
    this.wake();
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.client?.end().catch(() => undefined);
  }
}
