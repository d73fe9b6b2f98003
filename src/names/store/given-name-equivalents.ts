import type { SqlExecutor } from '../../seed/bulk-insert.js';
import { nameKeys } from '../core/name-keys.js';
import type { PartEquivalents } from '../core/ranking.js';

/**
 * The given-name equivalence table: spellings of one given name share a `canonical` group.
 * Shipped with a curated set (core/curated-equivalents.ts, loaded by a migration) and
 * extended by administrators (`liaison names equivalents add`). Read at search time, so an
 * addition takes effect on the next search, without recomputing any stored key.
 */

export type EquivalentSource = 'CURATED' | 'ADMINISTRATOR';

/** A given name as the table holds it: its single normalised part and that part's skeleton. */
export function equivalentKey(name: string): { form: string; skeleton: string } {
  const parts = nameKeys(name).parts;
  if (parts.length !== 1) throw new RangeError(`"${name}" is not one given name`);
  const part = parts[0]!;
  return { form: part.forms[0]!, skeleton: part.skeletons[0] ?? '' };
}

/** Adds `name` to the group of `equivalentTo` (a new group when neither is known). Returns the group. */
export async function addGivenNameEquivalent(
  db: SqlExecutor, name: string, equivalentTo: string, source: EquivalentSource, addedBy: string,
): Promise<string> {
  const added = equivalentKey(name);
  const existing = equivalentKey(equivalentTo);
  const rows = (await db.query('SELECT name, canonical FROM given_name_equivalent WHERE name = ANY($1::text[])', [[added.form, existing.form]])) as { name: string; canonical: string }[];
  const groupOf = (form: string) => rows.find((r) => r.name === form)?.canonical;
  const canonical = groupOf(existing.form) ?? groupOf(added.form) ?? existing.form;
  const addedGroup = groupOf(added.form);
  if (addedGroup && addedGroup !== canonical) {
    // Both already belong to groups: they become one.
    await db.query('UPDATE given_name_equivalent SET canonical = $1 WHERE canonical = $2', [canonical, addedGroup]);
  }
  for (const key of [existing, added]) {
    await db.query(
      `INSERT INTO given_name_equivalent (name, canonical, skeleton, source, added_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO UPDATE SET canonical = EXCLUDED.canonical`,
      [key.form, canonical, key.skeleton, source, addedBy],
    );
  }
  return canonical;
}

/** Loads the curated set (idempotent: names already present keep their group). */
export async function loadCuratedEquivalents(db: SqlExecutor, groups: readonly (readonly string[])[]): Promise<void> {
  const names: string[] = [];
  const canonicals: string[] = [];
  const skeletons: string[] = [];
  for (const group of groups) {
    const canonical = equivalentKey(group[0]!).form;
    for (const name of group) {
      const key = equivalentKey(name);
      if (names.includes(key.form)) continue;
      names.push(key.form);
      canonicals.push(canonical);
      skeletons.push(key.skeleton);
    }
  }
  await db.query(
    `INSERT INTO given_name_equivalent (name, canonical, skeleton, source, added_by)
     SELECT u.name, u.canonical, u.skeleton, 'CURATED', 'liaison' FROM unnest($1::text[], $2::text[], $3::text[]) AS u(name, canonical, skeleton)
     ON CONFLICT (name) DO NOTHING`,
    [names, canonicals, skeletons],
  );
}

/** For each of `forms`, the other spellings of its group (none when it is in no group). */
export async function equivalentsOf(db: SqlExecutor, forms: readonly string[]): Promise<Map<string, PartEquivalents>> {
  const result = new Map<string, PartEquivalents>();
  if (forms.length === 0) return result;
  const rows = (await db.query(
    `SELECT g.name AS form, e.name AS equivalent, e.skeleton
       FROM given_name_equivalent g JOIN given_name_equivalent e ON e.canonical = g.canonical AND e.name <> g.name
      WHERE g.name = ANY($1::text[])`,
    [forms],
  )) as { form: string; equivalent: string; skeleton: string }[];
  for (const row of rows) {
    let entry = result.get(row.form) as { forms: Set<string>; skeletons: Set<string> } | undefined;
    if (!entry) result.set(row.form, entry = { forms: new Set(), skeletons: new Set() });
    entry.forms.add(row.equivalent);
    if (row.skeleton) entry.skeletons.add(row.skeleton);
  }
  return result;
}

export async function listGivenNameEquivalents(db: SqlExecutor): Promise<{ canonical: string; names: string[] }[]> {
  return (await db.query(
    `SELECT canonical, array_agg(name ORDER BY name) AS names FROM given_name_equivalent GROUP BY canonical ORDER BY canonical`,
  )) as { canonical: string; names: string[] }[];
}
