import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestGateway } from './gateway.js';

/** One message a subscriber received, with when (ms since the epoch). */
export interface Received {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: any;
  at: number;
}

export interface Subscriber {
  received: Received[];
  /** Resolves with the close code when the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  /** The first message (already received or to come) that satisfies `predicate`. */
  waitFor(predicate: (message: Received) => boolean, timeoutMs?: number): Promise<Received>;
  dispose(): Promise<void>;
}

export interface Credentials {
  token: string;
  purpose?: string;
  caseReference?: string;
}

/**
 * A real graphql-ws client over a real WebSocket to the gateway's /graphql, authenticated with
 * connection parameters; resolves once the server holds the subscription (its listener is
 * registered), so a change committed afterwards is certain to be heard.
 */
export async function subscribe(
  gateway: TestGateway, credentials: Credentials, query: string, variables: Record<string, unknown> = {},
  /** The server's count of streams opened for this kind of subscription (record changes unless told). */
  opened: (gateway: TestGateway) => number = (g) => g.server.recordChanges.opened,
): Promise<Subscriber> {
  const received: Received[] = [];
  const waiters: { predicate: (m: Received) => boolean; resolve: (m: Received) => void }[] = [];
  let onClosed!: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => { onClosed = resolve; });
  const connectionParams: Record<string, string> = { Authorization: `Bearer ${credentials.token}` };
  if (credentials.purpose) connectionParams['Liaison-Purpose'] = credentials.purpose;
  if (credentials.caseReference) connectionParams['Liaison-Case-Reference'] = credentials.caseReference;
  const before = opened(gateway);
  const client: Client = createClient({
    url: `${gateway.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    shouldRetry: () => false,
    on: { closed: (event) => onClosed({ code: (event as { code: number }).code, reason: String((event as { reason?: string }).reason ?? '') }) },
  });
  client.subscribe({ query, variables }, {
    next: (message) => {
      const entry = { ...(message as object), at: Date.now() } as Received;
      received.push(entry);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(entry)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(entry);
        }
      }
    },
    error: (error) => received.push({ errors: [{ message: String((error as Error)?.message ?? JSON.stringify(error)) }], at: Date.now() }),
    complete: () => undefined,
  });
  const deadline = Date.now() + 10_000;
  while (opened(gateway) <= before) {
    if (Date.now() > deadline || received.some((m) => m.errors)) {
      await client.dispose();
      throw new Error(`subscription not established: ${JSON.stringify(received)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    received,
    closed,
    waitFor(predicate, timeoutMs = 10_000) {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (m: Received) => { clearTimeout(timer); resolve(m); } };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching message within ${timeoutMs} ms; received ${JSON.stringify(received)}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    dispose: () => Promise.resolve(client.dispose()),
  };
}

/** Opens a raw graphql-transport-ws connection and sends connection_init with `token`; resolves with how the server closed it. */
export function connectOnly(gateway: TestGateway, token: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${gateway.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } })));
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('error', reject);
  });
}
