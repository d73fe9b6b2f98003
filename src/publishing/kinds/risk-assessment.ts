import { RISK_LEVELS } from '../../domain/enums.js';
import { date, instant, oneOf, recordsOf, text } from '../field-types.js';
import { field, HANDLING_FIELDS, type RecordKind } from '../record-kind.js';

/** A structured professional judgement; its narrative is confidential, its summary shareable (LED Art. 7: an assessment, not a fact). */
export const RISK_ASSESSMENT_KIND: RecordKind = {
  subject: 'RiskAssessment',
  importName: 'risk-assessments',
  table: 'risk_assessment',
  linkedToPrisoner: true,
  fields: Object.fromEntries([
    field('tool', text(60), { required: true }),
    field('toolVersion', text(20), { nullable: true }),
    field('assessor', text(200), { nullable: true }),
    field('assessedAt', instant, { required: true }),
    field('overallLevel', oneOf(RISK_LEVELS), { required: true }),
    field('domains', recordsOf({ code: { type: text(60), required: true }, rating: { type: text(40), required: true } }, 40, true), { defaultValue: () => [] }),
    field('shareableSummary', text(4_000), { nullable: true }),
    field('narrative', text(20_000), { nullable: true }),
    field('nextReviewDate', date, { nullable: true }),
    ...HANDLING_FIELDS,
  ]),
};
