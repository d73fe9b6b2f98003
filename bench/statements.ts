import { startCountingProxy } from './pg-count-proxy.js';

/** What one system sends to PostgreSQL per request of a scenario, counted on the wire. */
export interface StatementsPerRequest {
  statements: number;
  roundTrips: number;
  /** Executions per request of each statement text, most frequent first (background work shows as fractions). */
  breakdown: { perRequest: number; sql: string }[];
}

export interface CountedServer {
  url: string;
  stop(): Promise<void>;
}

const WARM_UP = 20;
const COUNTED = 50;

/**
 * Starts a system whose every database connection goes through a counting proxy, warms it
 * (pools, caches, prepared statements), then sends each scenario's request COUNTED times one
 * after another and divides what the proxy saw. Not timed; background work of the system
 * (Liaison's policy-revision check, its limit counters' reconciliation) lands in the count.
 */
export async function countStatements(
  databaseUrl: string,
  start: (viaProxy: string) => Promise<CountedServer>,
  requests: readonly { id: string; headers: Record<string, string>; body: (i: number) => string }[],
): Promise<Record<string, StatementsPerRequest>> {
  const target = new URL(databaseUrl);
  const proxy = await startCountingProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const server = await start(proxy.via(databaseUrl));
  const out: Record<string, StatementsPerRequest> = {};
  const send = async (headers: Record<string, string>, body: string): Promise<void> => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    await response.arrayBuffer();
  };
  try {
    for (const request of requests) {
      for (let i = 0; i < WARM_UP; i++) await send(request.headers, request.body(i));
      await new Promise((resolve) => setTimeout(resolve, 200));
      proxy.reset();
      for (let i = 0; i < COUNTED; i++) await send(request.headers, request.body(i));
      await new Promise((resolve) => setTimeout(resolve, 100)); // group-committed log writes land
      const seen = proxy.snapshot();
      const round = (x: number): number => Math.round(x * 100) / 100;
      out[request.id] = {
        statements: round(seen.statements / COUNTED),
        roundTrips: round(seen.roundTrips / COUNTED),
        breakdown: [...seen.counts.entries()]
          .map(([sql, count]) => ({ perRequest: round(count / COUNTED), sql: sql.length > 120 ? `${sql.slice(0, 117)}…` : sql }))
          .sort((a, b) => b.perRequest - a.perRequest),
      };
    }
  } finally {
    await server.stop();
    await proxy.close();
  }
  return out;
}
