import { conditionValuePairs } from '../enforcement/compiled-read/policy-form.js';
import { SUBJECTS, OWNER_FIELD, type SubjectType } from '../policies/subjects.js';

/**
 * A record as the policy sees it, at one moment: its owner, whether it is withdrawn, and every
 * field a clause condition may test (for a record of a prisoner, the prisoner's under
 * `prisoner`). Values are in the form the policy compares (docs/architecture.md §2.4): dates
 * `YYYY-MM-DD`, timestamps ISO-8601 UTC with milliseconds, everything else text.
 *
 * The writing transaction stores the image of each changed record as it was before the change
 * and as it is after (`change_event_image`, src/alerts/feed-changes.ts). "Could the recipient
 * see it before?" and "does it see it after?" are then answered at delivery, with the
 * recipient's current ability, from the images alone — whenever the delivery happens, and
 * however often the record has changed since.
 */
export interface PolicyImage {
  [OWNER_FIELD]: string;
  withdrawn: boolean;
  prisoner?: PolicyImage;
  [field: string]: string | boolean | null | PolicyImage | undefined;
}

/** The table of each subject (snake_case of the type, as the migrations name them). */
export const SUBJECT_TABLES: Readonly<Record<SubjectType, string>> = {
  Prisoner: 'prisoner',
  RiskFlag: 'risk_flag',
  RiskAssessment: 'risk_assessment',
  Classification: 'classification',
  ReleasePlan: 'release_plan',
  Intervention: 'intervention',
  IntelligenceReport: 'intelligence_report',
};

/**
 * The SQL expression (jsonb) of the image of the row aliased `record`, with its prisoner
 * aliased `prisoner` (joined by the caller when the subject belongs to a prisoner).
 */
export function policyImageSql(subject: SubjectType, record = 'record', prisoner = 'prisoner'): string {
  const parts = [`'${OWNER_FIELD}'`, `${record}.owner_agency_code`, `'withdrawn'`, `(${record}.withdrawn_at IS NOT NULL)`, ...conditionValuePairs(record, subject)];
  if (SUBJECTS[subject].linkedToPrisoner) {
    // The prisoner's own image too: conditions test `prisoner.<field>`, and an event names its
    // prisoner only to a recipient who may see that prisoner.
    const prisonerParts = [`'${OWNER_FIELD}'`, `${prisoner}.owner_agency_code`, `'withdrawn'`, `(${prisoner}.withdrawn_at IS NOT NULL)`, ...conditionValuePairs(prisoner, 'Prisoner')];
    parts.push(`'prisoner'`, `jsonb_build_object(${prisonerParts.join(', ')})`);
  }
  return `jsonb_build_object(${parts.join(', ')})`;
}

/** `FROM … ` of a subject's table aliased `record`, with its prisoner joined when it has one. */
export function policyImageFrom(subject: SubjectType, record = 'record', prisoner = 'prisoner'): string {
  const from = `${SUBJECT_TABLES[subject]} ${record}`;
  return SUBJECTS[subject].linkedToPrisoner ? `${from} LEFT JOIN prisoner ${prisoner} ON ${prisoner}.id = ${record}.prisoner_id` : from;
}
