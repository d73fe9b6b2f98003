import type { SubjectType } from './subjects.js';

/**
 * Fields no MoU may ever grant (docs/architecture.md §2.3 rule 6: special categories and source identity): health data
 * (Mandela Rules 26, 32), religion, ethnicity, information about children (Bangkok Rules),
 * and the identity of an intelligence source. Enforced twice: a clause naming one is
 * rejected when written, and every ability carries a `cannot` for other agencies' records.
 */
export const STATUTORY_EXCLUSIONS: Readonly<Record<SubjectType, readonly string[]>> = {
  Prisoner: ['religion', 'ethnicity', 'healthNotes', 'dependants'],
  RiskFlag: [],
  RiskAssessment: [],
  Classification: [],
  ReleasePlan: [],
  Intervention: [],
  IntelligenceReport: ['sourceReference'],
};

export const isStatutoryField = (subject: SubjectType, field: string): boolean =>
  STATUTORY_EXCLUSIONS[subject].includes(field);

/** The reason every statutory `cannot` rule carries. */
export const STATUTORY_REASON = 'statutory';
