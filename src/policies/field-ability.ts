import { createLiaisonAbility, type LiaisonAbility, type LiaisonRule } from './ability.js';
import { SUBJECTS, type SubjectType } from './subjects.js';

const appliesTo = (rule: LiaisonRule, subject: SubjectType): boolean => {
  const actions = Array.isArray(rule.action) ? rule.action : [rule.action];
  const subjects = Array.isArray(rule.subject) ? rule.subject : [rule.subject];
  return actions.includes('read') && subjects.includes(subject);
};

const mentions = (rule: LiaisonRule, field: string): boolean => {
  if (!rule.fields) return true;
  return (Array.isArray(rule.fields) ? rule.fields : [rule.fields]).includes(field);
};

/**
 * An ability whose row rules select exactly the rows of `subject` on which `field` is
 * readable under `rules`, so that `toSqlPredicate` can count them in SQL (the impact
 * preview counts, per field, the rows a draft would expose). It mirrors
 * `CompiledPolicy.decide`: a field is visible on a row when a rule matching the row grants
 * it and no higher-priority `cannot` matching the row withholds it; an always-visible field
 * (id, owner, handling) follows the row itself. Rule order — CASL's priority — is kept.
 */
export function fieldReadAbility(rules: readonly LiaisonRule[], subject: SubjectType, field: string): LiaisonAbility {
  const followsRow = SUBJECTS[subject].alwaysVisible.includes(field);
  const selected = rules.filter((rule) => {
    if (!appliesTo(rule, subject)) return false;
    // A row-level rule (no fields) always counts; a field-level `cannot` only for its fields,
    // and never for the row itself (CASL's rulesFor without a field skips it likewise).
    if (followsRow) return !(rule.inverted && rule.fields);
    return mentions(rule, field);
  });
  return createLiaisonAbility(selected.map(({ fields: _fields, ...rule }) => ({ ...rule, action: 'read', subject })));
}
