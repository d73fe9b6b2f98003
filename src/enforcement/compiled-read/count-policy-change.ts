import type { EntityManager } from 'typeorm';
import type { CompiledPolicy } from '../../policies/compiled-policy.js';
import type { SqlPredicate } from '../../policies/sql-predicate.js';
import { SUBJECTS, type SubjectType } from '../../policies/subjects.js';
import { aliasAt, prisonerJoin } from './compile-records.js';
import { RECORD_SHAPES } from './record-shapes.js';
import { SqlStatement } from './sql-statement.js';

/**
 * What a change of policy does to one audience's reads of one owner's records (the MoU impact
 * preview, issue 3 item 4; issue 13 §2: it counts with the compiled predicates): rows readable
 * before and after, rows gained and lost, per field the rows on which it becomes or stops
 * being readable, and optionally the first ids gained and lost. One statement, with the
 * expressions a compiled read runs under each policy: a row counts when the row predicate
 * (`CompiledPolicy.sql`) selects it, a field when its mask (`fieldSql`) holds on a row the
 * predicate selects; withdrawn rows are read by no one and count for neither.
 */

export interface PolicyChange {
  subject: SubjectType;
  ownerAgencyCode: string;
  before: CompiledPolicy;
  after: CompiledPolicy;
  /** Catalogue fields to count. */
  fields: readonly string[];
  /** How many ids gained and lost to return (0: none). */
  sampleSize: number;
}

export interface PolicyChangeCounts {
  rowsBefore: number;
  rowsAfter: number;
  rowsGained: number;
  rowsLost: number;
  /** Per field of `PolicyChange.fields`, in that order. */
  fields: { field: string; rowsGained: number; rowsLost: number }[];
  /** The first ids (by id) of rows gained and lost; null when no sample was asked for. */
  sampleGainedIds: string[] | null;
  sampleLostIds: string[] | null;
}

/** The statement counting `change` (its rows' owner bound), as one row of counts. */
export function compilePolicyChange(stmt: SqlStatement, change: PolicyChange): string {
  const { subject } = change;
  const a = aliasAt(0);
  const aliases = { record: a, prisoner: `${a}p` };
  const predicates: SqlPredicate[] = [];
  const holds = (...parts: SqlPredicate[]): string => {
    predicates.push(...parts);
    return `COALESCE(${parts.map((p) => `(${stmt.embed(p)})`).join(' AND ')}, FALSE)`;
  };
  const before = change.before.sql(subject, aliases);
  const after = change.after.sql(subject, aliases);
  const columns = [`${a}.id`, `${holds(before)} AS b`, `${holds(after)} AS a`];
  change.fields.forEach((field, i) => {
    columns.push(`${holds(before, change.before.fieldSql(subject, field, aliases))} AS b${i}`);
    columns.push(`${holds(after, change.after.fieldSql(subject, field, aliases))} AS a${i}`);
  });
  const linked = SUBJECTS[subject].linkedToPrisoner;
  if (!linked && predicates.some((p) => p.prisonerFields.length > 0)) throw new Error(`policy: ${subject} rules test prisoner fields`);
  const counts = [
    'count(*) FILTER (WHERE x.b) AS rows_before', 'count(*) FILTER (WHERE x.a) AS rows_after',
    'count(*) FILTER (WHERE x.a AND NOT x.b) AS rows_gained', 'count(*) FILTER (WHERE x.b AND NOT x.a) AS rows_lost',
    ...change.fields.flatMap((_, i) => [
      `count(*) FILTER (WHERE x.a${i} AND NOT x.b${i}) AS field_${i}_gained`, `count(*) FILTER (WHERE x.b${i} AND NOT x.a${i}) AS field_${i}_lost`,
    ]),
  ];
  if (change.sampleSize > 0) {
    const limit = stmt.bind(change.sampleSize);
    const sample = (condition: string) =>
      `(SELECT coalesce(json_agg(s.id ORDER BY s.id), '[]'::json) FROM (SELECT x.id FROM x WHERE ${condition} ORDER BY x.id LIMIT ${limit}) s)`;
    counts.push(`${sample('x.a AND NOT x.b')} AS sample_gained`, `${sample('x.b AND NOT x.a')} AS sample_lost`);
  }
  return `WITH x AS (SELECT ${columns.join(', ')}
      FROM ${RECORD_SHAPES[subject].table} ${a} ${linked ? prisonerJoin(a) : ''}
      WHERE ${a}.owner_agency_code = ${stmt.bind(change.ownerAgencyCode)} AND ${a}.withdrawn_at IS NULL)
    SELECT ${counts.join(', ')} FROM x`;
}

/** Counts `change` in one statement (in `manager`'s transaction, for one consistent view). */
export async function countPolicyChange(manager: EntityManager, change: PolicyChange): Promise<PolicyChangeCounts> {
  const stmt = new SqlStatement();
  const text = compilePolicyChange(stmt, change);
  const [raw] = (await manager.query(text, stmt.values)) as Record<string, unknown>[];
  const n = (key: string): number => Number(raw?.[key] ?? 0);
  return {
    rowsBefore: n('rows_before'),
    rowsAfter: n('rows_after'),
    rowsGained: n('rows_gained'),
    rowsLost: n('rows_lost'),
    fields: change.fields.map((field, i) => ({ field, rowsGained: n(`field_${i}_gained`), rowsLost: n(`field_${i}_lost`) })),
    sampleGainedIds: change.sampleSize > 0 ? (raw?.sample_gained as string[] | undefined) ?? [] : null,
    sampleLostIds: change.sampleSize > 0 ? (raw?.sample_lost as string[] | undefined) ?? [] : null,
  };
}
