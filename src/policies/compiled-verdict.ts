import type { AccessExplanation } from './access-explanation.js';
import { SUBJECTS, type SubjectType } from './subjects.js';

/**
 * What the compiled predicates decide about one record under one policy, computed in SQL by
 * the compiler (src/enforcement/compiled-read/read-verdict.ts) with the expressions a compiled
 * read of the record runs: the row predicate (`CompiledPolicy.sql`), the clause matches
 * (`clauseSql`, the clause ids a read logs) and the field masks (`fieldSql`, the fields a read
 * withholds).
 */
export interface CompiledVerdict {
  readable: boolean;
  /** Clauses whose rules match the record (meaningful when it is readable). */
  clauseIds: readonly string[];
  /** Catalogue fields a read would withhold from the record (meaningful when it is readable). */
  withheld: readonly string[];
}

/** The in-memory explanation and the compiled predicates decided differently: no answer is given. */
export class VerdictDisagreement extends Error {
  constructor(readonly disagreements: readonly string[]) {
    super(`access explanation: the in-memory policy and the compiled predicates disagree (${disagreements.join('; ')})`);
    this.name = 'VerdictDisagreement';
  }
}

/** Every field of a record, in the order an explanation lists them. */
const catalogue = (subject: SubjectType): string[] =>
  [...SUBJECTS[subject].fields, ...SUBJECTS[subject].alwaysVisible.filter((f) => !SUBJECTS[subject].fields.includes(f))];

const sorted = (names: readonly string[]): string => JSON.stringify([...names].sort());
const sameMembers = (a: readonly string[], b: readonly string[]): boolean => sorted(a) === sorted(b);

/**
 * The explanation with its verdict — allowed, whether the record is readable, the readable
 * fields — as the compiled predicates decide it; the in-memory explanation contributes the
 * wording (which clause, role rule or exclusion decided, and each clause's verdict). When the
 * two disagree on anything, including the clauses that match, this throws
 * `VerdictDisagreement` rather than answer (fail closed).
 */
export function confirmedByCompiled(
  explanation: AccessExplanation, verdict: CompiledVerdict, subject: SubjectType, field: string | null,
): AccessExplanation {
  const withheld = new Set(verdict.withheld);
  const readableFields = verdict.readable ? catalogue(subject).filter((f) => !withheld.has(f)) : [];
  const allowed = verdict.readable && (field === null || readableFields.includes(field));
  const disagreements: string[] = [];
  if (explanation.recordReadable !== verdict.readable) {
    disagreements.push(`record readable: in memory ${explanation.recordReadable}, compiled ${verdict.readable}`);
  }
  if (explanation.allowed !== allowed) disagreements.push(`allowed: in memory ${explanation.allowed}, compiled ${allowed}`);
  if (!sameMembers(explanation.readableFields, readableFields)) {
    disagreements.push(`readable fields: in memory [${explanation.readableFields.join(', ')}], compiled [${readableFields.join(', ')}]`);
  }
  if (verdict.readable && !sameMembers(explanation.clauseIds, verdict.clauseIds)) {
    disagreements.push(`matching clauses: in memory [${explanation.clauseIds.join(', ')}], compiled [${verdict.clauseIds.join(', ')}]`);
  }
  if (disagreements.length > 0) throw new VerdictDisagreement(disagreements);
  return { ...explanation, allowed, recordReadable: verdict.readable, readableFields };
}
