import { OWNER_FIELD, SUBJECTS, type ConditionField, type SubjectType } from '../../policies/subjects.js';
import { columnOf, literal } from './sql-statement.js';

/**
 * A record in the form the in-memory policy compares (docs/architecture.md §2.4), as SQL: its
 * owner and every field a clause condition may test — dates `YYYY-MM-DD`, timestamps
 * ISO-8601 UTC with milliseconds, everything else text. What `CompiledPolicy.decide` and the
 * wording of an access explanation need of a record, and nothing else (no granted value).
 */

/** One condition field of the row aliased `alias`, as the policy compares it. */
export function conditionValueSql(alias: string, field: string, definition: ConditionField): string {
  const column = `${alias}.${columnOf(field)}`;
  switch (definition.kind) {
    case 'date': return `to_char(${column}, 'YYYY-MM-DD')`;
    case 'timestamp': return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    default: return `${column}::text`;
  }
}

/** `'field', value` pairs of every condition field of `subject` on the row aliased `alias` (for json(b)_build_object). */
export const conditionValuePairs = (alias: string, subject: SubjectType): string[] =>
  Object.entries(SUBJECTS[subject].conditionFields).flatMap(([field, definition]) => [literal(field), conditionValueSql(alias, field, definition)]);

/**
 * The policy form (json) of the row aliased `record`; for a record of a prisoner, with the
 * prisoner's condition fields under `prisoner` (aliased `prisoner`, joined by the caller;
 * null when the record has none).
 */
export function policyFormSql(subject: SubjectType, record: string, prisoner: string): string {
  const parts = [literal(OWNER_FIELD), `${record}.owner_agency_code`, ...conditionValuePairs(record, subject)];
  if (SUBJECTS[subject].linkedToPrisoner) {
    parts.push(literal('prisoner'), `CASE WHEN ${prisoner}.id IS NULL THEN NULL ELSE json_build_object(${conditionValuePairs(prisoner, 'Prisoner').join(', ')}) END`);
  }
  return `json_build_object(${parts.join(', ')})`;
}
