/**
 * The policy vocabulary, compiled in from the gateway's own pure modules so that the console
 * offers exactly the subjects, fields, condition fields and statutory exclusions the gateway
 * validates against (one source of truth; the gateway still checks every write).
 */
export { PURPOSES, TLPS, ONWARD_DISCLOSURES } from '../../src/domain/enums.js';
export { SUBJECTS, SUBJECT_TYPES, type SubjectType, type ConditionField } from '../../src/policies/subjects.js';
export { STATUTORY_EXCLUSIONS } from '../../src/policies/statutory-exclusions.js';
