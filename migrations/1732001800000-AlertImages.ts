import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts (issue 14).
 *
 * - `change_event_image`: for each change-feed event, the changed record's policy image before
 *   and after the change (src/alerts/policy-image.ts), written by the writing transaction. An
 *   alert is decided at delivery with the recipient's current ability from these images
 *   ("could see it before", "sees it after"). Unlike the feed, the images hold values, so
 *   they are pruned after a retention period (rows are deleted, not updated).
 * - Custody status UNLAWFULLY_AT_LARGE: an escape is something recipients must be told of.
 */
export class AlertImages1732001800000 implements MigrationInterface {
  name = 'AlertImages1732001800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE change_event_image (
        position    bigint PRIMARY KEY,
        before      jsonb,
        after       jsonb,
        recorded_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX change_event_image_recorded_idx ON change_event_image (recorded_at)`);
    await q.query(`ALTER TABLE prisoner DROP CONSTRAINT prisoner_custody_status_check`);
    await q.query(`
      ALTER TABLE prisoner ADD CONSTRAINT prisoner_custody_status_check
        CHECK (custody_status IN ('REMAND','SENTENCED','RECALLED','RELEASED_ON_LICENCE','RELEASED','UNLAWFULLY_AT_LARGE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE prisoner DROP CONSTRAINT prisoner_custody_status_check`);
    await q.query(`
      ALTER TABLE prisoner ADD CONSTRAINT prisoner_custody_status_check
        CHECK (custody_status IN ('REMAND','SENTENCED','RECALLED','RELEASED_ON_LICENCE','RELEASED'))`);
    await q.query(`DROP TABLE change_event_image`);
  }
}
