import { RISK_FLAG_BASES, RISK_FLAG_CATEGORIES, RISK_LEVELS } from '../../domain/enums.js';
import { date, instant, oneOf, text } from '../field-types.js';
import { field, HANDLING_FIELDS, type RecordKind, type RecordProblem } from '../record-kind.js';

/**
 * A risk flag as its owner writes it. `status` is ACTIVE or EXPIRED (closed); WITHDRAWN is
 * what a withdrawal leaves, never written as a value.
 */
export const RISK_FLAG_KIND: RecordKind = {
  subject: 'RiskFlag',
  importName: 'risk-flags',
  table: 'risk_flag',
  linkedToPrisoner: true,
  fields: Object.fromEntries([
    field('category', oneOf(RISK_FLAG_CATEGORIES), { required: true }),
    field('severity', oneOf(RISK_LEVELS), { required: true }),
    field('status', oneOf(['ACTIVE', 'EXPIRED']), { defaultValue: () => 'ACTIVE' }),
    field('basis', oneOf(RISK_FLAG_BASES), { nullable: true }),
    field('summary', text(2_000), { nullable: true }),
    field('raisedAt', instant, { defaultValue: () => new Date().toISOString() }),
    field('reviewDate', date, { nullable: true }),
    ...HANDLING_FIELDS,
  ]),
  checkState(state) {
    const problems: RecordProblem[] = [];
    if (typeof state.reviewDate === 'string' && typeof state.raisedAt === 'string' && state.reviewDate < state.raisedAt.slice(0, 10)) {
      problems.push({ path: 'reviewDate', message: `must not be before the day the flag was raised (${state.raisedAt.slice(0, 10)})` });
    }
    return problems;
  },
};
