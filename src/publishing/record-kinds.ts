import { badUserInput } from '../errors.js';
import type { SubjectType } from '../policies/subjects.js';
import { CLASSIFICATION_KIND } from './kinds/classification.js';
import { INTELLIGENCE_REPORT_KIND } from './kinds/intelligence-report.js';
import { INTERVENTION_KIND } from './kinds/intervention.js';
import { PRISONER_KIND } from './kinds/prisoner.js';
import { RELEASE_PLAN_KIND } from './kinds/release-plan.js';
import { RISK_ASSESSMENT_KIND } from './kinds/risk-assessment.js';
import { RISK_FLAG_KIND } from './kinds/risk-flag.js';
import type { RecordKind } from './record-kind.js';

/** The kinds of shared record their owners write through Liaison. */
export const RECORD_KINDS: readonly RecordKind[] = [
  PRISONER_KIND, RISK_FLAG_KIND, RISK_ASSESSMENT_KIND, CLASSIFICATION_KIND, RELEASE_PLAN_KIND, INTERVENTION_KIND, INTELLIGENCE_REPORT_KIND,
];

/** The write side of a kind of record; bad input when its owners do not write it through Liaison. */
export function recordKindOf(subject: SubjectType | string): RecordKind {
  const kind = RECORD_KINDS.find((k) => k.subject === subject);
  if (!kind) throw badUserInput(`${subject} records are not written through Liaison`);
  return kind;
}

/** By `liaison import --kind` name (risk-flags, …). */
export const recordKindByImportName = (name: string): RecordKind | undefined => RECORD_KINDS.find((k) => k.importName === name);
