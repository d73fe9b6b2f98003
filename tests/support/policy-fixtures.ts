import type { MouStatus, Purpose } from '../../src/domain/enums.js';
import { buildPolicy, type BuiltPolicy, type PolicyKey, type PolicySnapshot } from '../../src/policies/build-policy.js';
import type { Clause, MouTerms } from '../../src/policies/clause.js';
import { CompiledPolicy } from '../../src/policies/compiled-policy.js';
import { DEMO_MOUS, type MouDocument } from '../../src/seed/demo-mous.js';

/**
 * Pure fixtures for the policy unit tests: the demo MoUs (docs/architecture.md §2.6) as Clause
 * objects with fixed, readable ids, and the journey principals. No database.
 */

/** A fixed clock: well inside the demo MoUs' validity window, mid-morning UTC. */
export const FIXED_NOW = new Date('2026-03-15T10:30:00.000Z');

export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of `now` shifted by `days`. */
export const dayOffset = (days: number, now: Date = FIXED_NOW): string =>
  new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);

export const clauseIdFor = (reference: string, position: number): string => `${reference}#${position}`;

/** The demo clause ids, by MoU reference and position, for assertions. */
export const DEMO_CLAUSE = {
  policePrisoner: clauseIdFor('MOU-PRISONS-POLICE-01', 0),
  policeRiskFlag: clauseIdFor('MOU-PRISONS-POLICE-01', 1),
  policeAssessment: clauseIdFor('MOU-PRISONS-POLICE-01', 2),
  probationPrisoner: clauseIdFor('MOU-PRISONS-PROBATION-01', 0),
  probationReleasePlan: clauseIdFor('MOU-PRISONS-PROBATION-01', 1),
  probationRiskFlag: clauseIdFor('MOU-PRISONS-PROBATION-01', 2),
  probationAssessment: clauseIdFor('MOU-PRISONS-PROBATION-01', 3),
  probationIntervention: clauseIdFor('MOU-PRISONS-PROBATION-01', 4),
  prisonsIntelligence: clauseIdFor('MOU-POLICE-PRISONS-01', 0),
} as const;

export interface MouOverride {
  status?: MouStatus;
  validFrom?: Date;
  validUntil?: Date | null;
}

/** The clauses of one MoU document, as the policy store would load them. */
export function clausesOf(document: MouDocument, override: MouOverride = {}): Clause[] {
  const mou: MouTerms = {
    id: `${document.reference}@v${document.version}`,
    reference: document.reference,
    version: document.version,
    providerAgencyCode: document.provider,
    recipientAgencyCode: document.recipient,
    purposes: [...document.purposes],
    status: override.status ?? 'ACTIVE',
    validFrom: override.validFrom ?? new Date(document.validFrom),
    validUntil: override.validUntil === undefined
      ? (document.validUntil === null ? null : new Date(document.validUntil))
      : override.validUntil,
  };
  return document.clauses.map((clause, position) => ({
    id: clauseIdFor(document.reference, position),
    label: clause.label,
    mou,
    subjectType: clause.subject,
    fields: [...clause.fields],
    conditions: clause.conditions ?? null,
    purposes: [...clause.purposes],
    recipientRoles: [...clause.recipientRoles],
    maxTlp: clause.maxTlp,
    onwardDisclosure: clause.onwardDisclosure,
    retentionDays: clause.retentionDays,
    caseReferenceRequired: clause.caseReferenceRequired,
  }));
}

/** Every demo clause; `overrides` change one MoU's lifecycle by reference. */
export function demoClauses(overrides: Record<string, MouOverride> = {}): Clause[] {
  return DEMO_MOUS.flatMap((document) => clausesOf(document, overrides[document.reference]));
}

export function demoSnapshot(overrides: Record<string, MouOverride> = {}, revision = 7): PolicySnapshot {
  return { revision, clauses: demoClauses(overrides) };
}

export const key = (
  agencyCode: string,
  roles: readonly string[],
  purpose: Purpose | null,
  hasCaseReference = false,
): PolicyKey => ({ agencyCode, roles, purpose, hasCaseReference });

/** The journey principals of docs/architecture.md §2.6, by name. */
export const JOURNEYS = {
  policeAnalystCounterTerrorism: key('POLICE', ['ANALYST'], 'COUNTER_TERRORISM'),
  policeAnalystNoPurpose: key('POLICE', ['ANALYST'], null),
  probationOfficerSupervisionWithCase: key('PROBATION', ['PROBATION_OFFICER'], 'SUPERVISION', true),
  probationOfficerSupervisionNoCase: key('PROBATION', ['PROBATION_OFFICER'], 'SUPERVISION', false),
  prisonsSecurityOfficerPrisonSecurity: key('PRISONS', ['SECURITY_OFFICER'], 'PRISON_SECURITY'),
  prisonsSecurityOfficerNoPurpose: key('PRISONS', ['SECURITY_OFFICER'], null),
} as const satisfies Record<string, PolicyKey>;

export function demoPolicy(policyKey: PolicyKey, now: Date = FIXED_NOW, snapshot: PolicySnapshot = demoSnapshot()): BuiltPolicy {
  return buildPolicy(snapshot, policyKey, now);
}

export function demoCompiled(policyKey: PolicyKey, now: Date = FIXED_NOW, snapshot: PolicySnapshot = demoSnapshot()): CompiledPolicy {
  return new CompiledPolicy(demoPolicy(policyKey, now, snapshot));
}

/** Ids of the clauses whose rules are in a built policy, sorted. */
export const clauseIdsIn = (built: BuiltPolicy): string[] => [...built.clauses.keys()].sort();

/** Reasons of the rules of a built policy that come from clauses, sorted. */
export const clauseReasonsIn = (built: BuiltPolicy): string[] =>
  built.rules.map((rule) => rule.reason ?? '').filter((reason) => reason.startsWith('clause:')).sort();

/** A minimal clause for compiler tests; every part can be overridden. */
export function makeClause(overrides: Partial<Omit<Clause, 'mou'>> & { mou?: Partial<MouTerms> } = {}): Clause {
  const { mou, ...rest } = overrides;
  return {
    id: 'clause-1',
    label: 'test clause',
    subjectType: 'RiskFlag',
    fields: ['id', 'category'],
    conditions: null,
    purposes: ['COUNTER_TERRORISM'],
    recipientRoles: ['ANALYST'],
    maxTlp: 'AMBER',
    onwardDisclosure: 'NONE',
    retentionDays: 30,
    caseReferenceRequired: false,
    ...rest,
    mou: {
      id: 'mou-1',
      reference: 'MOU-TEST-01',
      version: 1,
      providerAgencyCode: 'PRISONS',
      recipientAgencyCode: 'POLICE',
      purposes: ['COUNTER_TERRORISM', 'PUBLIC_PROTECTION'],
      status: 'ACTIVE',
      validFrom: new Date('2025-01-01T00:00:00.000Z'),
      validUntil: null,
      ...mou,
    },
  };
}
