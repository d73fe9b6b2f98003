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
  // The shared records and reference data: read only.
  agency: ['SELECT'],
  agency_role: ['SELECT'],
  facility: ['SELECT'],
  prisoner: ['SELECT'],
  prisoner_name: ['SELECT'],
  classification: ['SELECT'],
  risk_flag: ['SELECT'],
  risk_assessment: ['SELECT'],
  release_plan: ['SELECT'],
  licence_condition: ['SELECT'],
  intervention: ['SELECT'],
  intelligence_report: ['SELECT'],
  intelligence_report_subject: ['SELECT'],
  // Name matching (person search): keys written with the names; equivalents added by the CLI.
  prisoner_name_key: ['SELECT'],
  name_part_form: ['SELECT'],
  given_name_equivalent: ['SELECT'],
  // Reference data, applied by the owner (`liaison setup apply`): the gateway only reads it.
  trusted_issuer: ['SELECT'],
  deployment: ['SELECT'],
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
