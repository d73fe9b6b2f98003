import type { Translate } from './i18n/i18n.js';
import type { MouClause } from './mou-queries.js';

/** A list as a sentence writes it: "a, b and c". */
export function listOf(items: readonly string[], t: Translate, conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(t('plain.comma'))} ${t(conjunction === 'and' ? 'plain.and' : 'plain.or')} ${items[items.length - 1]}`;
}

function value(v: unknown, t: Translate): string {
  if (v === null) return t('plain.empty');
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, number>;
    if ('$daysFromNow' in o) return t('plain.daysFromNow', { n: o.$daysFromNow! });
    if ('$daysAgo' in o) return t('plain.daysAgo', { n: o.$daysAgo! });
  }
  return String(v);
}

function fieldSpec(field: string, spec: unknown, t: Translate): string {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec) || '$daysFromNow' in spec || '$daysAgo' in spec) {
    return t('plain.op.$eq', { field, value: value(spec, t) });
  }
  return listOf(Object.entries(spec as Record<string, unknown>).map(([op, operand]) => {
    if (op === '$not') return t('plain.not', { condition: fieldSpec(field, operand, t) });
    const rendered = Array.isArray(operand) ? listOf(operand.map((o) => value(o, t)), t, 'or') : value(operand, t);
    return t(`plain.op.${op}` as never, { field, value: rendered });
  }), t);
}

/** A condition in words: "whose prisoner.vepStatus is one of A, B or C and …". */
export function describeConditions(conditions: Record<string, unknown> | null, t: Translate): string {
  if (!conditions || Object.keys(conditions).length === 0) return '';
  const parts = Object.entries(conditions).map(([key, spec]) => {
    if (key === '$and' || key === '$or') {
      const inner = (spec as Record<string, unknown>[]).map((c) => `(${describeConditions(c, t)})`);
      return listOf(inner, t, key === '$and' ? 'and' : 'or');
    }
    return fieldSpec(key, spec, t);
  });
  return listOf(parts, t);
}

/**
 * A clause as an administrator would read it aloud: "POLICE staff with role ANALYST, for
 * COUNTER_TERRORISM, see the id, fullName and facility of prisoners whose vepStatus is one of
 * …; nothing above TLP AMBER."
 */
export function describeClause(clause: MouClause, recipient: string, t: Translate): string {
  const conditions = describeConditions(clause.conditions, t);
  return t('plain.clause', {
    recipient,
    roles: listOf(clause.recipientRoles, t),
    purposes: listOf(clause.purposes.map((p) => t(`purpose.${p}` as never)), t),
    fields: listOf(clause.fields, t),
    subject: t(`subject.${clause.subject}` as never),
    conditions: conditions ? ` ${t('plain.whose', { conditions })}` : '',
    tlp: clause.maxTlp,
  });
}

export function describeHandling(clause: MouClause, t: Translate): string {
  return [
    t('plain.retention', { days: clause.retentionDays }),
    t(`plain.onward.${clause.onwardDisclosure}` as never),
    clause.caseReferenceRequired ? t('plain.caseReference') : '',
    clause.dailyRecordQuota !== null && clause.dailyRecordQuota !== undefined ? t('plain.quota', { n: clause.dailyRecordQuota }) : '',
  ].filter(Boolean).join(' ');
}
