import pg from 'pg';
import type { LoadResult } from './load.js';

/**
 * The SQL floor: the same data fetched with hand-written SQL over a pool of `connections`
 * clients in closed loops for the same duration — what a gateway with no GraphQL, no policy,
 * no HTTP could at best achieve on this machine.
 */
export async function measureFloor(
  url: string, sql: { text: string; values: (i: number) => unknown[] },
  connections: number, durationSeconds: number, warmupSeconds: number,
): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  let counter = 0;
  const loop = async (until: number, latencies: number[] | null): Promise<void> => {
    while (performance.now() < until) {
      const started = performance.now();
      await pool.query(sql.text, sql.values(counter++));
      latencies?.push(performance.now() - started);
    }
  };
  try {
    const warmUntil = performance.now() + warmupSeconds * 1000;
    await Promise.all(Array.from({ length: connections }, () => loop(warmUntil, null)));
    const latencies: number[] = [];
    const started = performance.now();
    const until = started + durationSeconds * 1000;
    await Promise.all(Array.from({ length: connections }, () => loop(until, latencies)));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 100) / 100;
    return { requests: latencies.length, rps: Math.round((latencies.length / elapsed) * 10) / 10, p50: at(0.5), p99: at(0.99), errors: 0 };
  } finally {
    await pool.end();
  }
}
