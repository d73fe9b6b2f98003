import type { Action, LiaisonRule } from './ability.js';
import { OWNER_FIELD, SUBJECTS, SUBJECT_TYPES, type SubjectType } from './subjects.js';

/**
 * What each role may do with its own agency's records. Staff read their agency's data
 * according to their role (Mandela Rule 9: records open only to those whose duties require
 * it); only the owner writes. Roles are named alike across agencies; a grant always stays
 * inside the caller's agency. A role not listed here grants nothing.
 */
interface OwnAgencyGrant {
  actions: readonly Action[];
  subjects: readonly SubjectType[];
  /** Fields withheld from this role (default: none). */
  except?: readonly string[];
  /** Only these fields (default: all). */
  only?: readonly string[];
  /** Extra row conditions. */
  conditions?: Record<string, unknown>;
}

const ALL = SUBJECT_TYPES;
/** Intelligence stays with the people who handle it: other roles of the originator do not read it here. */
const ALL_BUT_INTELLIGENCE = SUBJECT_TYPES.filter((s) => s !== 'IntelligenceReport');

export const ROLE_MATRIX: Readonly<Record<string, readonly OwnAgencyGrant[]>> = {
  SECURITY_OFFICER: [
    { actions: ['read'], subjects: ALL, except: ['healthNotes'] },
    { actions: ['create', 'update'], subjects: ['RiskFlag', 'Classification', 'IntelligenceReport'] },
  ],
  CASE_MANAGER: [
    { actions: ['read'], subjects: ALL, except: ['healthNotes', 'sourceReference'] },
    { actions: ['create', 'update'], subjects: ['RiskFlag', 'RiskAssessment', 'ReleasePlan', 'Intervention'] },
    // The prisoner file; health notes stay with health staff (Mandela Rules 26, 32).
    { actions: ['create', 'update'], subjects: ['Prisoner'], except: ['healthNotes'] },
  ],
  HEALTH_STAFF: [
    {
      actions: ['read'], subjects: ['Prisoner'],
      only: ['id', 'prisonNumber', 'fullName', 'names', 'dateOfBirth', 'gender', 'facility', 'custodyStatus', 'healthNotes'],
    },
    { actions: ['read', 'create', 'update'], subjects: ['RiskFlag'], conditions: { category: 'SELF_HARM' } },
    { actions: ['update'], subjects: ['Prisoner'], only: ['healthNotes'] },
  ],
  ANALYST: [{ actions: ['read'], subjects: ALL_BUT_INTELLIGENCE }],
  OFFICER: [{ actions: ['read'], subjects: ALL_BUT_INTELLIGENCE }],
  /** Handles the agency's own intelligence, source identity included (it never leaves the originator). */
  INTELLIGENCE_OFFICER: [
    { actions: ['read', 'create', 'update'], subjects: ['IntelligenceReport'] },
  ],
  PROBATION_OFFICER: [{ actions: ['read'], subjects: ALL }],
  MOU_ADMIN: [],
  AUDITOR: [],
};

export const roleReason = (role: string): string => `role:${role}`;

/** The own-agency rules for an agency's staff holding `roles`. */
export function ownAgencyRules(agencyCode: string, roles: readonly string[]): LiaisonRule[] {
  const rules: LiaisonRule[] = [];
  for (const role of [...roles].sort()) {
    for (const grant of ROLE_MATRIX[role] ?? []) {
      for (const subjectType of grant.subjects) {
        const all = SUBJECTS[subjectType].fields;
        const fields = (grant.only ?? all).filter((f) => all.includes(f) && !grant.except?.includes(f));
        rules.push({
          action: [...grant.actions],
          subject: subjectType,
          fields,
          conditions: { [OWNER_FIELD]: agencyCode, ...grant.conditions },
          reason: roleReason(role),
        });
      }
    }
  }
  return rules;
}
