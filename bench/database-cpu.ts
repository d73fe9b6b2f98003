import type pg from 'pg';
import { processCpuMs } from './process-cpu.js';

/** What a backend serves, by its application_name (src/db): the gateway's compiled reads, its disclosure log, or the rest (policy listener, rate limits, autovacuum, a peer). */
export type BackendRole = 'reads' | 'log' | 'other';

const roleOf = (application: string): BackendRole =>
  application === 'liaison' ? 'reads' : application === 'liaison-disclosure-log' ? 'log' : 'other';

export type DatabaseCpuSnapshot = Map<number, { role: BackendRole; ms: number }>;

/**
 * CPU (ms) used so far by each backend connected to `client`'s database but `client`'s own,
 * with what it serves — read from /proc, so PostgreSQL must run on this machine.
 */
export async function databaseCpu(client: pg.Client): Promise<DatabaseCpuSnapshot> {
  const { rows } = await client.query<{ pid: number; application_name: string }>(
    'SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  const backends: DatabaseCpuSnapshot = new Map();
  for (const { pid, application_name } of rows) {
    try {
      backends.set(pid, { role: roleOf(application_name), ms: processCpuMs(pid) });
    } catch {
      // the backend ended meanwhile
    }
  }
  return backends;
}

/** The database CPU (ms) spent between two snapshots: in all, and by role. */
export function databaseCpuBetween(before: DatabaseCpuSnapshot, after: DatabaseCpuSnapshot): Record<BackendRole | 'all', number> {
  const spent = { all: 0, reads: 0, log: 0, other: 0 };
  for (const [pid, { role, ms }] of after) {
    const delta = ms - (before.get(pid)?.ms ?? 0);
    spent.all += delta;
    spent[role] += delta;
  }
  return spent;
}
