import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Computes `lookup_keys` from the stored `parts`, as src/names/core/name-keys.ts `lookupKeys`
 * does. Row by row (a correlated subquery, not a join): the new row versions are written in
 * the table's order, so that one prisoner's variants stay on the same pages.
 */
export const FILL_LOOKUP_KEYS = `UPDATE prisoner_name_key k SET lookup_keys = COALESCE((
  SELECT array_agg(held.key) || COALESCE(array_agg('2' || held.key) FILTER (WHERE held.parts >= 2), '{}')
    FROM (SELECT part_key.key, count(DISTINCT part.i) AS parts
            FROM jsonb_array_elements(k.parts) WITH ORDINALITY AS part(keys, i)
            CROSS JOIN LATERAL (
              SELECT 'f:' || jsonb_array_elements_text(part.keys -> 'forms')
              UNION SELECT 's:' || jsonb_array_elements_text(part.keys -> 'skeletons')
              UNION SELECT 'p:' || jsonb_array_elements_text(part.keys -> 'phonetics')) AS part_key(key)
           GROUP BY part_key.key) held), '{}')`;

/**
 * Person search's candidate lookup on one indexed array per name variant, `lookup_keys`
 * (src/names/core/name-keys.ts `lookupKeys`): every form, skeleton and phonetic code prefixed
 * with its kind (`f:`, `s:`, `p:`), and, marked `2`, those held by two or more of the
 * variant's parts. One GIN index instead of three: a searched part is one index scan instead
 * of three, and two searched parts sharing a key ("Ali … Bin Ali") look for a variant
 * holding it twice instead of every variant holding it once. Filled here from the stored
 * parts — the same computation, in SQL — so existing keys need no recomputation. The three
 * per-kind indexes had no other use and are dropped.
 */
export class NameLookupKeys1732002000000 implements MigrationInterface {
  name = 'NameLookupKeys1732002000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE prisoner_name_key ADD COLUMN lookup_keys text[] NOT NULL DEFAULT '{}'`);
    await q.query(FILL_LOOKUP_KEYS);
    await q.query(`CREATE INDEX prisoner_name_key_lookup_idx ON prisoner_name_key USING gin (lookup_keys)`);
    await q.query(`DROP INDEX prisoner_name_key_forms_idx`);
    await q.query(`DROP INDEX prisoner_name_key_skeletons_idx`);
    await q.query(`DROP INDEX prisoner_name_key_phonetics_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX prisoner_name_key_forms_idx ON prisoner_name_key USING gin (forms)`);
    await q.query(`CREATE INDEX prisoner_name_key_skeletons_idx ON prisoner_name_key USING gin (skeletons)`);
    await q.query(`CREATE INDEX prisoner_name_key_phonetics_idx ON prisoner_name_key USING gin (phonetics)`);
    await q.query(`DROP INDEX IF EXISTS prisoner_name_key_lookup_idx`);
    await q.query(`ALTER TABLE prisoner_name_key DROP COLUMN IF EXISTS lookup_keys`);
  }
}
