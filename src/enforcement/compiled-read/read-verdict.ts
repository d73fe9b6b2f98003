import type { EntityManager } from 'typeorm';
import type { CompiledPolicy } from '../../policies/compiled-policy.js';
import type { CompiledVerdict } from '../../policies/compiled-verdict.js';
import { SUBJECTS, type SubjectType } from '../../policies/subjects.js';
import { aliasAt, prisonerJoin } from './compile-records.js';
import { policyFormSql } from './policy-form.js';
import { RECORD_SHAPES } from './record-shapes.js';
import { literal, SqlStatement } from './sql-statement.js';

/**
 * One record as an access explanation needs it (issue 13 §2: explanations use the compiled
 * predicates): in one statement, the record's policy form (owner and condition fields, for the
 * wording of each clause's verdict; no granted value) and the verdict of `policy` on it,
 * computed with the expressions a compiled read of the record runs — the row predicate, each
 * clause's match and each field's mask (compile-records.ts). Nothing read here reaches a caller
 * as data.
 *
 * A withdrawn record is judged as it stands, as explanations always have: the verdict is the
 * policy's, and no read returns a withdrawn record to anyone.
 */

export interface RecordVerdict {
  /** The record's policy form (src/enforcement/compiled-read/policy-form.ts). */
  row: Record<string, unknown>;
  verdict: CompiledVerdict;
}

const textArray = (items: readonly string[]): string =>
  items.length ? `array_remove(ARRAY[${items.join(', ')}]::text[], NULL)` : `'{}'::text[]`;

/** The statement reading the record with id `id` (bound) and `policy`'s verdict on it. */
export function compileVerdict(stmt: SqlStatement, policy: CompiledPolicy, subject: SubjectType, id: string): string {
  const a = aliasAt(0);
  const aliases = { record: a, prisoner: `${a}p` };
  const row = policy.sql(subject, aliases);
  const matches = policy.clauseSql(subject, aliases);
  const masked = SUBJECTS[subject].fields.filter((f) => !SUBJECTS[subject].alwaysVisible.includes(f));
  const masks = masked.map((field) => ({ field, predicate: policy.fieldSql(subject, field, aliases) }));
  const testsPrisoner = [row, ...matches.map((m) => m.predicate), ...masks.map((m) => m.predicate)].some((p) => p.prisonerFields.length > 0);
  if (testsPrisoner && !SUBJECTS[subject].linkedToPrisoner) throw new Error(`policy: ${subject} rules test prisoner fields`);
  const clauses = matches.map((match) => `CASE WHEN COALESCE(${stmt.embed(match.predicate)}, FALSE) THEN ${literal(match.clauseId)} END`);
  const withheld = masks.map((mask) => `CASE WHEN NOT COALESCE(${stmt.embed(mask.predicate)}, FALSE) THEN ${literal(mask.field)} END`);
  return `SELECT ${policyFormSql(subject, a, `${a}p`)} AS row,
    COALESCE(${stmt.embed(row)}, FALSE) AS readable, ${textArray(clauses)} AS clause_ids, ${textArray(withheld)} AS withheld
    FROM ${RECORD_SHAPES[subject].table} ${a} ${SUBJECTS[subject].linkedToPrisoner ? prisonerJoin(a) : ''}
    WHERE ${a}.id = ${stmt.bind(id)}`;
}

/** The record of `subject` with this id and `policy`'s verdict on it, or null when there is none. */
export async function readVerdict(manager: EntityManager, policy: CompiledPolicy, subject: SubjectType, id: string): Promise<RecordVerdict | null> {
  const stmt = new SqlStatement();
  const text = compileVerdict(stmt, policy, subject, id);
  const [found] = (await manager.query(text, stmt.values)) as { row: Record<string, unknown>; readable: boolean; clause_ids: string[]; withheld: string[] }[];
  if (!found) return null;
  const readable = found.readable;
  return {
    row: found.row,
    verdict: { readable, clauseIds: readable ? found.clause_ids : [], withheld: readable ? found.withheld : [] },
  };
}
