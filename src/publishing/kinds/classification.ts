import { PLACEMENT_APPROACHES, SECURITY_LEVELS } from '../../domain/enums.js';
import { date, oneOf } from '../field-types.js';
import { field, HANDLING_FIELDS, type RecordKind } from '../record-kind.js';

/** A security classification and, for violent extremist prisoners, the placement approach. */
export const CLASSIFICATION_KIND: RecordKind = {
  subject: 'Classification',
  importName: 'classifications',
  table: 'classification',
  linkedToPrisoner: true,
  fields: Object.fromEntries([
    field('securityCategory', oneOf(SECURITY_LEVELS), { required: true }),
    field('placementApproach', oneOf(PLACEMENT_APPROACHES), { nullable: true }),
    field('decidedOn', date, { required: true }),
    field('reviewDate', date, { nullable: true }),
    ...HANDLING_FIELDS,
  ]),
};
