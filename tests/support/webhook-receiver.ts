import { once } from 'node:events';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedEvent {
  id: string;
  type: string;
  subject: string;
  recordId: string;
  prisonerId: string | null;
  time: string;
  noticeId?: string;
}

/**
 * A real HTTP receiver, as an agency's system would run one: it verifies every request's
 * Standard Webhooks signature with the `standardwebhooks` library (401 when it does not verify)
 * and answers 204, or `failWith` while set. `down()` really closes the port (connections are
 * refused) and `up()` listens on the same port again.
 */
export class WebhookReceiver {
  readonly received: ReceivedEvent[] = [];
  /** Requests whose signature did not verify. */
  rejected = 0;
  failWith: number | null = null;
  secret = '';
  private server: Server | undefined;
  port = 0;

  async up(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let event: ReceivedEvent;
        try {
          event = new Webhook(this.secret).verify(body, req.headers as Record<string, string>) as ReceivedEvent;
        } catch {
          this.rejected++;
          res.writeHead(401).end();
          return;
        }
        if (this.failWith !== null) {
          res.writeHead(this.failWith).end();
          return;
        }
        if (event.id !== req.headers['webhook-id']) {
          this.rejected++;
          res.writeHead(400).end();
          return;
        }
        this.received.push(event);
        res.writeHead(204).end();
      });
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/liaison-events`;
  }

  /** How many times each event id arrived. */
  countsById(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const event of this.received) counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
    return counts;
  }

  ofRecord(recordId: string): ReceivedEvent[] {
    return this.received.filter((e) => e.recordId === recordId);
  }
}

/** Polls `check` until it is true or `timeoutMs` passes (then fails with `what`). */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
