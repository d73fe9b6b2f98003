import { INTERVENTION_KINDS, INTERVENTION_STATUSES } from '../../domain/enums.js';
import { date, oneOf, text } from '../field-types.js';
import { field, HANDLING_FIELDS, type RecordKind, type RecordProblem } from '../record-kind.js';

/** A prisoner's participation in a programme: status and dates are shareable, session notes are not. */
export const INTERVENTION_KIND: RecordKind = {
  subject: 'Intervention',
  importName: 'interventions',
  table: 'intervention',
  linkedToPrisoner: true,
  fields: Object.fromEntries([
    field('programme', text(200), { required: true }),
    field('kind', oneOf(INTERVENTION_KINDS), { required: true }),
    field('status', oneOf(INTERVENTION_STATUSES), { required: true }),
    field('startedOn', date, { nullable: true }),
    field('endedOn', date, { nullable: true }),
    field('sessionNotes', text(20_000), { nullable: true }),
    ...HANDLING_FIELDS,
  ]),
  checkState(state) {
    const problems: RecordProblem[] = [];
    if (typeof state.startedOn === 'string' && typeof state.endedOn === 'string' && state.endedOn < state.startedOn) {
      problems.push({ path: 'endedOn', message: `must not be before startedOn (${state.startedOn})` });
    }
    return problems;
  },
};
