import type { AgencyKind } from '../domain/enums.js';

export interface AgencyDefinition {
  code: string;
  name: string;
  kind: AgencyKind;
  roles: readonly { role: string; description: string }[];
}

/** The four agencies of the demo data set (docs/architecture.md §2.6). */
export const DEMO_AGENCIES: readonly AgencyDefinition[] = [
  {
    code: 'PRISONS',
    name: 'National Prison Administration',
    kind: 'PRISON_ADMINISTRATION',
    roles: [
      { role: 'SECURITY_OFFICER', description: 'Prison security: dynamic security, intelligence, classification' },
      { role: 'CASE_MANAGER', description: 'Sentence and release planning, assessments, interventions' },
      { role: 'HEALTH_STAFF', description: 'Healthcare: the only readers of health notes' },
      { role: 'MOU_ADMIN', description: 'Drafts, approves and suspends MoUs for the agency' },
    ],
  },
  {
    code: 'POLICE',
    name: 'National Police — Counter-Terrorism Unit',
    kind: 'LAW_ENFORCEMENT',
    roles: [
      { role: 'ANALYST', description: 'Intelligence analyst' },
      { role: 'OFFICER', description: 'Police officer' },
      { role: 'MOU_ADMIN', description: 'Drafts, approves and suspends MoUs for the agency' },
    ],
  },
  {
    code: 'PROBATION',
    name: 'National Probation Service',
    kind: 'PROBATION_SERVICE',
    roles: [
      { role: 'PROBATION_OFFICER', description: 'Supervises people on licence' },
      { role: 'MOU_ADMIN', description: 'Drafts, approves and suspends MoUs for the agency' },
    ],
  },
  {
    code: 'INSPECTORATE',
    name: 'Independent Inspectorate of Prisons and Policing',
    kind: 'OVERSIGHT',
    roles: [{ role: 'AUDITOR', description: 'Inspects disclosure logs and MoUs' }],
  },
];
