import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hardening (issue 5): counters that hold across every gateway process on the database.
 * - `mou_clause.daily_record_quota`: an optional clause term against bulk extraction — the
 *   most records the recipient may receive under the clause per UTC day;
 * - `clause_daily_disclosure`: records disclosed per clause, recipient agency and UTC day
 *   (operational counters, deliberately without foreign keys: they must not stop a clause,
 *   an agency or the demo data from being removed, and a clause id is never reused);
 * - `rate_limit_counter`: per-user and per-agency request counters, in the layout
 *   rate-limiter-flexible's PostgreSQL store expects (key, points, expire in epoch ms).
 */
export class Hardening1732000300000 implements MigrationInterface {
  name = 'Hardening1732000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mou_clause
        ADD COLUMN daily_record_quota integer CHECK (daily_record_quota IS NULL OR daily_record_quota > 0)`);

    await q.query(`
      CREATE TABLE clause_daily_disclosure (
        clause_id             uuid NOT NULL,
        recipient_agency_code text NOT NULL,
        day                   date NOT NULL,
        records               integer NOT NULL CHECK (records >= 0),
        PRIMARY KEY (clause_id, recipient_agency_code, day)
      )`);

    await q.query(`
      CREATE TABLE rate_limit_counter (
        key    varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await q.query(`CREATE INDEX rate_limit_counter_expire_idx ON rate_limit_counter (expire)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rate_limit_counter`);
    await q.query(`DROP TABLE IF EXISTS clause_daily_disclosure`);
    await q.query(`ALTER TABLE mou_clause DROP COLUMN IF EXISTS daily_record_quota`);
  }
}
