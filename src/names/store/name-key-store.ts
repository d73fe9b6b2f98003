import type { NameKind } from '../../domain/enums.js';
import { bulkInsert, type SqlExecutor, type TableDefinition } from '../../seed/bulk-insert.js';
import { flatKeys, NAME_KEY_VERSION, nameKeys, lookupKeys } from '../core/name-keys.js';

/**
 * The one place where a prisoner's name keys are written. Whoever writes a prisoner's names —
 * the seed, an owner's edit through the API, an import — calls `writeNameKeys` (names in hand)
 * or `refreshNameKeys` (names read back from the database) in the same transaction, after
 * the names are written. There is no trigger: the keys need Node (transliteration, Double
 * Metaphone), and one function keeps every writer computing them the same way.
 *
 * One row per name variant: the `full_name` column (field `fullName`) and each
 * `prisoner_name` row (field `names`), so that a search can tell which variant matched and
 * skip a variant whose field the caller may not see.
 */

export interface PrisonerNames {
  prisonerId: string;
  fullName: string;
  names: readonly { id: string; value: string; script: string; kind: NameKind | string }[];
}

export interface NameKeyRow {
  prisoner_id: string;
  prisoner_name_id: string | null;
  field: 'fullName' | 'names';
  value: string;
  script: string;
  kind: string;
  folded: string;
  search_text: string;
  forms: string[];
  skeletons: string[];
  phonetics: string[];
  /** Every key, prefixed by kind, and those two parts hold (core/name-keys.ts `lookupKeys`): what a search looks up. */
  lookup_keys: string[];
  parts: unknown;
  key_version: number;
}

export const NAME_KEY_TABLE: TableDefinition<NameKeyRow> = {
  name: 'prisoner_name_key',
  columns: {
    prisoner_id: 'uuid', prisoner_name_id: 'uuid', field: 'text', value: 'text', script: 'text', kind: 'text',
    folded: 'text', search_text: 'text', forms: 'text[]', skeletons: 'text[]', phonetics: 'text[]', lookup_keys: 'text[]', parts: 'jsonb',
    key_version: 'integer',
  },
};

function keyRow(prisonerId: string, nameId: string | null, value: string, script: string, kind: string): NameKeyRow {
  const keys = nameKeys(value);
  const flat = flatKeys(keys);
  return {
    prisoner_id: prisonerId,
    prisoner_name_id: nameId,
    field: nameId === null ? 'fullName' : 'names',
    value,
    script,
    kind,
    folded: keys.folded,
    search_text: keys.searchText,
    forms: flat.forms,
    skeletons: flat.skeletons,
    phonetics: flat.phonetics,
    lookup_keys: lookupKeys(keys),
    parts: keys.parts,
    key_version: NAME_KEY_VERSION,
  };
}

/** The key rows of prisoners' names (pure: no database). */
export function nameKeyRows(prisoners: readonly PrisonerNames[]): NameKeyRow[] {
  const rows: NameKeyRow[] = [];
  for (const prisoner of prisoners) {
    const fullName = nameKeys(prisoner.fullName);
    rows.push(keyRow(prisoner.prisonerId, null, prisoner.fullName, fullName.script, 'PRIMARY'));
    for (const name of prisoner.names) rows.push(keyRow(prisoner.prisonerId, name.id, name.value, name.script, name.kind));
  }
  return rows;
}

export interface WriteNameKeysOptions {
  /** The prisoners have no keys yet (a fresh load): skip deleting old ones. */
  fresh?: boolean;
  onChunk?: (inserted: number) => void;
}

/** Replaces the name keys of these prisoners with keys of the names given. Returns the rows written. */
export async function writeNameKeys(db: SqlExecutor, prisoners: readonly PrisonerNames[], options: WriteNameKeysOptions = {}): Promise<number> {
  if (prisoners.length === 0) return 0;
  if (!options.fresh) {
    await db.query('DELETE FROM prisoner_name_key WHERE prisoner_id = ANY($1::uuid[])', [prisoners.map((p) => p.prisonerId)]);
  }
  const rows = nameKeyRows(prisoners);
  const written = await bulkInsert(db, NAME_KEY_TABLE, rows, { onChunk: options.onChunk });
  await db.query(
    'INSERT INTO name_part_form (form) SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING',
    [[...new Set(rows.flatMap((row) => row.forms))]],
  );
  return written;
}

/** Reads these prisoners' names from the database and rewrites their keys. */
export async function refreshNameKeys(db: SqlExecutor, prisonerIds: readonly string[]): Promise<number> {
  if (prisonerIds.length === 0) return 0;
  const prisoners = (await db.query(
    `SELECT p.id AS "prisonerId", p.full_name AS "fullName",
            COALESCE(json_agg(json_build_object('id', n.id, 'value', n.value, 'script', n.script, 'kind', n.kind) ORDER BY n.id)
                     FILTER (WHERE n.id IS NOT NULL), '[]') AS names
       FROM prisoner p LEFT JOIN prisoner_name n ON n.prisoner_id = p.id
      WHERE p.id = ANY($1::uuid[])
      GROUP BY p.id`,
    [prisonerIds],
  )) as PrisonerNames[];
  return writeNameKeys(db, prisoners);
}

/** Recomputes every prisoner's keys, a batch of prisoners at a time (after the key computation changed). */
export async function rekeyAllNames(db: SqlExecutor, batchSize = 2_000): Promise<number> {
  let written = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = ((await db.query('SELECT id FROM prisoner WHERE id > $1 ORDER BY id LIMIT $2', [after, batchSize])) as { id: string }[]).map((r) => r.id);
    if (ids.length === 0) return written;
    written += await refreshNameKeys(db, ids);
    after = ids[ids.length - 1]!;
  }
}
