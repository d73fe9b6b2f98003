import net from 'node:net';

/**
 * A PostgreSQL wire-protocol proxy that counts what its clients send: every statement executed
 * (simple-protocol Query, extended-protocol Execute) with its SQL text, and round trips (Query,
 * Sync). Used to count statements per request (the benchmark, tests) — never in timed runs.
 * From the PostGraphile peer (../shared/peers/postgraphile/pg-count-proxy.mjs).
 */

export interface StatementCounts {
  statements: number;
  roundTrips: number;
  /** Executions per statement text (whitespace collapsed). */
  counts: Map<string, number>;
  /** Statement texts in order, while recording. */
  sequence: string[];
}

export interface CountingProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  reset(): void;
  record(on: boolean): void;
  snapshot(): StatementCounts;
  close(): Promise<void>;
}

const cstring = (buf: Buffer, at: number): [string, number] => {
  const end = buf.indexOf(0, at);
  return [buf.toString('utf8', at, end), end + 1];
};

export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  const counts = new Map<string, number>();
  const sequence: string[] = [];
  let statements = 0;
  let roundTrips = 0;
  let recording = false;
  const sockets = new Set<net.Socket>();

  const note = (text: string): void => {
    const key = text.replace(/\s+/g, ' ').trim();
    statements++;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (recording) sequence.push(key);
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const prepared = new Map<string, string>();
    const portals = new Map<string, string>();
    let buffer: Buffer = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code !== 80877103 && code !== 80877104) started = true; // not SSL/GSS negotiation
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]!);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        const body = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        if (type === 'Q') {
          roundTrips++;
          note(cstring(body, 0)[0]);
        } else if (type === 'P') {
          const [name, at] = cstring(body, 0);
          prepared.set(name, cstring(body, at)[0]);
        } else if (type === 'B') {
          const [portal, at] = cstring(body, 0);
          portals.set(portal, prepared.get(cstring(body, at)[0]) ?? '?');
        } else if (type === 'E') {
          note(portals.get(cstring(body, 0)[0]) ?? '?');
        } else if (type === 'S') {
          roundTrips++;
        }
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    reset() {
      counts.clear();
      sequence.length = 0;
      statements = 0;
      roundTrips = 0;
    },
    record(on) {
      recording = on;
    },
    snapshot: () => ({ statements, roundTrips, counts: new Map(counts), sequence: [...sequence] }),
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
