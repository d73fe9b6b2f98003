import { tlpsUpTo } from '../domain/enums.js';
import type { LiaisonRule } from './ability.js';
import { clauseReason, type Clause } from './clause.js';
import { normaliseConditions, type ConditionProblem, type MongoConditions } from './condition-language.js';
import { isStatutoryField } from './statutory-exclusions.js';
import { isSubjectType, OWNER_FIELD, SUBJECTS } from './subjects.js';

export type CompiledClause =
  | { ok: true; rule: LiaisonRule }
  | { ok: false; problems: ConditionProblem[] };

/**
 * Checks the parts of a clause the compiler depends on: a known subject, known and
 * non-statutory fields, and valid conditions. (Lifecycle rules — purposes within the MoU's,
 * roles of the recipient — are checked where clauses are written.)
 */
export function clauseShapeProblems(clause: Pick<Clause, 'subjectType' | 'fields' | 'conditions'>, now: Date): ConditionProblem[] {
  const { subjectType } = clause;
  if (!isSubjectType(subjectType)) {
    return [{ path: 'subjectType', message: `unknown subject "${subjectType}"` }];
  }
  const problems: ConditionProblem[] = [];
  if (clause.fields.length === 0) problems.push({ path: 'fields', message: 'must grant at least one field' });
  for (const field of clause.fields) {
    if (!SUBJECTS[subjectType].fields.includes(field)) {
      problems.push({ path: `fields.${field}`, message: `unknown field "${field}" of ${subjectType}` });
    } else if (isStatutoryField(subjectType, field)) {
      problems.push({ path: `fields.${field}`, message: `"${field}" is a statutory exclusion; no MoU may grant it` });
    }
  }
  problems.push(...normaliseConditions(subjectType, clause.conditions, now).problems);
  return problems;
}

/**
 * Compiles a clause into one CASL `can` rule whose reason is the clause id:
 * rows owned by the provider, marked at or below the clause's maximum TLP, matching the
 * clause's conditions; the clause's fields. A clause never reaches records its provider
 * does not own, whatever its conditions say.
 */
export function compileClause(clause: Clause, now: Date): CompiledClause {
  const problems = clauseShapeProblems(clause, now);
  const { subjectType } = clause;
  // clauseShapeProblems reports an unknown subject; the guard narrows the type for what follows.
  if (problems.length > 0 || !isSubjectType(subjectType)) return { ok: false, problems };
  const { conditions } = normaliseConditions(subjectType, clause.conditions, now);
  const scope: MongoConditions = {
    [OWNER_FIELD]: clause.mou.providerAgencyCode,
    tlp: { $in: tlpsUpTo(clause.maxTlp) },
  };
  const merged = !conditions
    ? scope
    : Object.keys(conditions).some((key) => key in scope)
      ? { $and: [scope, conditions] }
      : { ...scope, ...conditions };
  return {
    ok: true,
    rule: {
      action: 'read',
      subject: subjectType,
      fields: [...clause.fields],
      conditions: merged,
      reason: clauseReason(clause.id),
    },
  };
}
