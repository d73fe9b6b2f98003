import type pg from 'pg';
import { refreshNameKeys } from '../names/store/name-key-store.js';

/** A name a prisoner is known by, in a given script. */
export interface PrisonerName {
  value: string;
  script: string;
  kind: string;
}

/** SQL reading a prisoner's names (alias `t` for the prisoner) as a JSON list, for the write side's current state. */
export const PRISONER_NAMES_SQL = `SELECT coalesce(jsonb_agg(jsonb_build_object('value', n.value, 'script', n.script, 'kind', n.kind)), '[]'::jsonb)
  FROM prisoner_name n WHERE n.prisoner_id = t.id`;

/**
 * The one place a prisoner's names are written: replaces the names of each prisoner given.
 * The search keys derived from them (src/names) are rewritten by `writeNameSearchKeys`, which
 * the prisoner kind runs after every write that changed a name or the full name.
 */
export async function writePrisonerNames(client: pg.ClientBase, prisoners: readonly { prisonerId: string; names: readonly PrisonerName[] }[]): Promise<void> {
  if (prisoners.length === 0) return;
  await client.query('DELETE FROM prisoner_name WHERE prisoner_id = ANY($1::uuid[])', [prisoners.map((p) => p.prisonerId)]);
  const rows = prisoners.flatMap((p) => p.names.map((n) => ({ prisoner_id: p.prisonerId, value: n.value, script: n.script, kind: n.kind })));
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO prisoner_name (prisoner_id, value, script, kind)
     SELECT x.prisoner_id, x.value, x.script, x.kind FROM jsonb_to_recordset($1::jsonb) AS x(prisoner_id uuid, value text, script text, kind text)`,
    [JSON.stringify(rows)],
  );
}

/** Rewrites the name-search keys of these prisoners from their names and full name as now written. */
export async function writeNameSearchKeys(client: pg.ClientBase, prisonerIds: readonly string[]): Promise<void> {
  if (prisonerIds.length === 0) return;
  // The name-key store takes an executor answering rows, as TypeORM's does.
  await refreshNameKeys({ query: async (sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows }, prisonerIds);
}
