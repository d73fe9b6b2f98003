import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURATED_EQUIVALENTS } from '../src/names/core/curated-equivalents.js';
import { loadCuratedEquivalents } from '../src/names/store/given-name-equivalents.js';
import { rekeyAllNames } from '../src/names/store/name-key-store.js';

/**
 * Person search across scripts and spellings: the matching keys of every name variant
 * (computed in Node when names are written — src/names/store/name-key-store.ts — so they
 * work on any PostgreSQL), indexed for the search's candidate lookup, and the given-name
 * equivalence table with its curated set. Existing names are keyed here.
 */
export class NameMatching1732001500000 implements MigrationInterface {
  name = 'NameMatching1732001500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
    await q.query(`
      CREATE TABLE prisoner_name_key (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prisoner_id      uuid NOT NULL REFERENCES prisoner (id) ON DELETE CASCADE,
        prisoner_name_id uuid REFERENCES prisoner_name (id) ON DELETE CASCADE,
        field            text NOT NULL CHECK (field IN ('fullName', 'names')),
        value            text NOT NULL,
        script           text NOT NULL,
        kind             text NOT NULL,
        folded           text NOT NULL,
        search_text      text NOT NULL,
        forms            text[] NOT NULL,
        skeletons        text[] NOT NULL,
        phonetics        text[] NOT NULL,
        parts            jsonb NOT NULL,
        key_version      integer NOT NULL,
        CHECK ((field = 'names') = (prisoner_name_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX prisoner_name_key_prisoner_idx ON prisoner_name_key (prisoner_id)`);
    await q.query(`CREATE INDEX prisoner_name_key_name_idx ON prisoner_name_key (prisoner_name_id)`);
    await q.query(`CREATE INDEX prisoner_name_key_forms_idx ON prisoner_name_key USING gin (forms)`);
    await q.query(`CREATE INDEX prisoner_name_key_skeletons_idx ON prisoner_name_key USING gin (skeletons)`);
    await q.query(`CREATE INDEX prisoner_name_key_phonetics_idx ON prisoner_name_key USING gin (phonetics)`);
    await q.query(`CREATE INDEX prisoner_name_key_trgm_idx ON prisoner_name_key USING gin (search_text gin_trgm_ops)`);
    // Every name-part form held, for finding the forms a misspelt part is close to (trigrams):
    // the search then looks those up in the keys' indexes like the part itself.
    await q.query(`CREATE TABLE name_part_form (form text PRIMARY KEY)`);
    await q.query(`CREATE INDEX name_part_form_trgm_idx ON name_part_form USING gin (form gin_trgm_ops)`);
    // A date of birth narrows a search to a few prisoners: looked up by index, not by a scan.
    await q.query(`CREATE INDEX prisoner_date_of_birth_idx ON prisoner (date_of_birth)`);
    await q.query(`
      CREATE TABLE given_name_equivalent (
        name      text PRIMARY KEY,
        canonical text NOT NULL,
        skeleton  text NOT NULL,
        source    text NOT NULL CHECK (source IN ('CURATED', 'ADMINISTRATOR')),
        added_by  text NOT NULL,
        added_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX given_name_equivalent_canonical_idx ON given_name_equivalent (canonical)`);
    await loadCuratedEquivalents(q, CURATED_EQUIVALENTS);
    await rekeyAllNames(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS prisoner_date_of_birth_idx`);
    await q.query(`DROP TABLE IF EXISTS name_part_form`);
    await q.query(`DROP TABLE IF EXISTS given_name_equivalent`);
    await q.query(`DROP TABLE IF EXISTS prisoner_name_key`);
  }
}
