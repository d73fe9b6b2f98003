/**
 * What the gateway's runtime database role may do to each table — and nothing else: it owns
 * no table, cannot create one, cannot alter a trigger, and cannot touch a table missing from
 * this list (a migration that adds a table must add it here; a test fails until it does).
 *
 * The disclosure log and its checkpoints are INSERT and SELECT only (LED Art. 25: a log
 * nobody can rewrite through the gateway's credentials); the append-only triggers stay as a
 * second wall, for every role. The chain head and the policy revision are moved by triggers
 * that run with the inserting role's rights, hence UPDATE on them — and each has a guard
 * trigger refusing any other move.
 */
export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

export const RUNTIME_PRIVILEGES: Readonly<Record<string, readonly TablePrivilege[]>> = {
  // Reference data: read only.
  agency: ['SELECT'],
  agency_role: ['SELECT'],
  facility: ['SELECT'],
  // The shared records, written by their owners through the API (src/publishing): rows are
  // updated in place (a withdrawal is a tombstone), never deleted; child rows are replaced.
  prisoner: ['SELECT', 'INSERT', 'UPDATE'],
  prisoner_name: ['SELECT', 'INSERT', 'DELETE'],
  classification: ['SELECT', 'INSERT', 'UPDATE'],
  risk_flag: ['SELECT', 'INSERT', 'UPDATE'],
  risk_assessment: ['SELECT', 'INSERT', 'UPDATE'],
  release_plan: ['SELECT', 'INSERT', 'UPDATE'],
  licence_condition: ['SELECT', 'INSERT', 'DELETE'],
  intervention: ['SELECT', 'INSERT', 'UPDATE'],
  intelligence_report: ['SELECT', 'INSERT', 'UPDATE'],
  intelligence_report_subject: ['SELECT', 'INSERT', 'DELETE'],
  // Every change's history and its change-feed event: append-only (triggers refuse the rest).
  record_revision: ['SELECT', 'INSERT'],
  change_event: ['SELECT', 'INSERT'],
  // Each change's policy images (alerts): written with the change, deleted after their retention.
  change_event_image: ['SELECT', 'INSERT', 'DELETE'],
  // Name matching (person search): keys written with the names; equivalents added by the CLI.
  prisoner_name_key: ['SELECT', 'INSERT', 'DELETE'],
  name_part_form: ['SELECT', 'INSERT'],
  given_name_equivalent: ['SELECT'],
  // Reference data, applied by the owner (`liaison setup apply`): the gateway only reads it.
  trusted_issuer: ['SELECT'],
  deployment: ['SELECT'],
  // Webhooks and correction notices (src/webhooks, src/notices): endpoints are tombstoned, not
  // deleted; the outbox's rows move through their statuses; attempts are append-only.
  webhook_endpoint: ['SELECT', 'INSERT', 'UPDATE'],
  webhook_delivery: ['SELECT', 'INSERT', 'UPDATE'],
  webhook_attempt: ['SELECT', 'INSERT'],
  correction_notice: ['SELECT', 'INSERT', 'UPDATE'],
  alert_cursor: ['SELECT', 'UPDATE'],
  // MoU administration through the API (database triggers guard the status graph).
  mou: ['SELECT', 'INSERT', 'UPDATE'],
  mou_clause: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  mou_approval: ['SELECT', 'INSERT', 'UPDATE'],
  mou_admin_event: ['SELECT', 'INSERT'],
  policy_state: ['SELECT', 'UPDATE'],
  // The disclosure log.
  disclosure_log: ['SELECT', 'INSERT'],
  disclosure_log_checkpoint: ['SELECT', 'INSERT'],
  disclosure_log_head: ['SELECT', 'UPDATE'],
  // Limits: counters the gateway keeps.
  rate_limit_counter: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  clause_daily_disclosure: ['SELECT', 'INSERT', 'UPDATE'],
  // TypeORM's record of applied migrations: read at start to confirm none is pending.
  migrations: ['SELECT'],
};

/** Sequences the runtime role draws from: the change feed's positions (drawn by its trigger, with the inserting role's rights). */
export const RUNTIME_SEQUENCES: readonly string[] = ['change_event_position_seq'];
