import pg from 'pg';

export interface WakeupLoopOptions {
  /** One pass of the work; resolves true when more is waiting, and another pass follows at once. */
  pass: () => Promise<boolean>;
  /** Wake this often even without a notification (a missed NOTIFY, a lost listener, work come due). */
  pollMs: number;
  /** A pass failed: nothing moved on, and the next wake-up tries again. */
  onError: (error: Error) => void;
  /**
   * Also wake on every NOTIFY on `channel`, LISTENed to on a connection of its own. A lost
   * connection (a database restart) is reported through `onLost` and reopened at the next wake-up.
   */
  listen?: { databaseUrl: string; channel: string; applicationName: string; onLost: (error: Error) => void };
}

/**
 * The wake-up of everything that follows the change feed or the work it leads to: runs `pass`
 * when woken — by a NOTIFY (when listening), every `pollMs`, or `wake()` — one pass at a time;
 * a wake-up during a pass runs another after it. A pass reads from a stored position, so a
 * wake-up carries no state and a missed one loses nothing: the poll is the safety net.
 */
export class WakeupLoop {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private again = false;
  private stopped = false;

  constructor(private readonly options: WakeupLoopOptions) {}

  /** Starts listening (a failure is reported and retried at each wake-up) and polling; the first pass runs at once. */
  async start(): Promise<void> {
    const listen = this.options.listen;
    if (listen) await this.listening().catch((error: Error) => listen.onLost(error));
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** The listening connection as it is now (none until opened, or after it was lost). */
  get connection(): pg.Client | undefined {
    return this.client;
  }

  /** The listening connection, opened when there is none; rejects when it cannot be. */
  listening(): Promise<pg.Client> {
    const listen = this.options.listen;
    if (!listen) return Promise.reject(new Error('this wake-up loop does not listen'));
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: listen.databaseUrl, application_name: listen.applicationName });
      const lost = (error?: Error) => {
        if (this.client === client) this.client = undefined;
        void client.end().catch(() => undefined);
        if (error && !this.stopped) listen.onLost(error);
      };
      client.on('error', lost);
      client.on('end', () => lost());
      client.on('notification', () => this.wake());
      try {
        await client.connect();
        await client.query(`LISTEN ${listen.channel}`);
      } catch (error) {
        lost();
        throw error;
      }
      if (this.stopped) await client.end().catch(() => undefined);
      else this.client = client;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** Something happened: run a pass now, or right after the one running. */
  wake(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.running = this.drain()
      .catch((error: Error) => this.options.onError(error))
      .finally(() => {
        this.busy = false;
      });
  }

  private async drain(): Promise<void> {
    const listen = this.options.listen;
    if (listen && !this.client) await this.listening().catch((error: Error) => listen.onLost(error));
    do {
      this.again = false;
      while (!this.stopped && await this.options.pass());
    } while (this.again && !this.stopped);
  }

  /** Resolves when the pass running (if any) is over. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Runs passes until nothing is left of what was there when called. */
  async catchUp(): Promise<void> {
    await this.running;
    this.wake();
    await this.running;
  }

  /** Stops waking, waits for the pass running and closes the listening connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
