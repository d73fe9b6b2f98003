import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checkpoints numbered 1, 2, 3 … with no gap, each signing the RFC 9162 Merkle root of the
 * entries it seals: a deleted checkpoint leaves a gap in the numbering, and a checkpoint can
 * be published, witnessed and proved against outside the database. `frontier` holds the roots
 * of the perfect subtrees at that size, so that the next seal extends the tree without reading
 * every entry again (it is checked against the signed root before use). Checkpoints signed
 * before this migration keep NULL in all three.
 */
export class NumberedCheckpoints1732001300000 implements MigrationInterface {
  name = 'NumberedCheckpoints1732001300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE disclosure_log_checkpoint
        ADD COLUMN number   bigint UNIQUE CHECK (number >= 1),
        ADD COLUMN root     bytea CHECK (octet_length(root) = 32),
        ADD COLUMN frontier bytea[],
        ADD CONSTRAINT disclosure_log_checkpoint_numbered CHECK ((number IS NULL) = (root IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disclosure_log_checkpoint DROP CONSTRAINT disclosure_log_checkpoint_numbered, DROP COLUMN frontier, DROP COLUMN root, DROP COLUMN number`);
  }
}
