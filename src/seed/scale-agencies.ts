import type { Purpose, Tlp } from '../domain/enums.js';
import type { AgencyDefinition } from './demo-agencies.js';
import { IDENTITY_FIELDS, type ClauseDocument, type MouDocument } from './demo-mous.js';
import { SUPERVISING_OFFICES } from './demo-population.js';
import { createRandom, type Random } from './random.js';

/**
 * More agencies and MoUs for benchmarks at realistic scale (`liaison seed --agencies 30
 * --mous 60`): regional police forces, probation regions and other bodies, each receiving
 * MoUs from the prison administration (and some from the national police) with five clauses
 * of varied conditions — so an ability compiles from dozens of clauses, as in production.
 * The demo agencies and MoUs stay exactly as they are. Deterministic for a given seed.
 */

interface AgencyKindPlan {
  prefix: string;
  name: string;
  kind: AgencyDefinition['kind'];
  roles: string[];
  purposes: Purpose[];
}

const KINDS: readonly AgencyKindPlan[] = [
  { prefix: 'POLICE_R', name: 'Regional Police Force', kind: 'LAW_ENFORCEMENT', roles: ['ANALYST', 'OFFICER', 'MOU_ADMIN'], purposes: ['PUBLIC_PROTECTION', 'CRIME_PREVENTION', 'COUNTER_TERRORISM'] },
  { prefix: 'PROBATION_R', name: 'Regional Probation Service', kind: 'PROBATION_SERVICE', roles: ['PROBATION_OFFICER', 'MOU_ADMIN'], purposes: ['SUPERVISION', 'RELEASE_PLANNING', 'REHABILITATION'] },
  { prefix: 'PARTNER_', name: 'Public Protection Partner', kind: 'OTHER', roles: ['OFFICER', 'MOU_ADMIN'], purposes: ['PUBLIC_PROTECTION', 'REHABILITATION'] },
];

const VEP_SETS = [
  ['TERRORISM_CONVICTION'], ['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED'],
  ['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP'], ['ASSESSED_VEP', 'OF_CONCERN'],
];
const CATEGORY_SETS = [
  ['VIOLENCE', 'HOSTAGE_TAKING'], ['RADICALISATION_INFLUENCE', 'VULNERABLE_TO_RECRUITMENT'],
  ['ESCAPE', 'ILLICIT_COMMUNICATIONS'], ['VICTIM_CONTACT', 'GANG_AFFILIATION', 'VIOLENCE'],
];
const TLPS: Tlp[] = ['GREEN', 'AMBER', 'AMBER_STRICT'];

function extraAgencies(count: number): AgencyDefinition[] {
  const agencies: AgencyDefinition[] = [];
  for (let i = 0; i < count; i++) {
    const plan = KINDS[i % KINDS.length]!;
    const number = String(Math.floor(i / KINDS.length) + 1).padStart(2, '0');
    agencies.push({
      code: `${plan.prefix}${number}`,
      name: `${plan.name} ${number}`,
      kind: plan.kind,
      roles: plan.roles.map((role) => ({ role, description: `${role} (benchmark agency)` })),
    });
  }
  return agencies;
}

function clausesFor(rng: Random, recipient: AgencyDefinition, plan: AgencyKindPlan, purposes: Purpose[], fromPolice: boolean): ClauseDocument[] {
  const roles = recipient.roles.map((r) => r.role).filter((r) => r !== 'MOU_ADMIN');
  const terms = {
    purposes, recipientRoles: roles, maxTlp: rng.pick(TLPS), onwardDisclosure: 'NONE' as const,
    retentionDays: rng.pick([90, 180, 365, 730]), caseReferenceRequired: plan.kind === 'PROBATION_SERVICE',
  };
  if (fromPolice) {
    return [0, 1, 2, 3, 4].map((i) => ({
      label: `Intelligence for ${recipient.code} #${i + 1}`,
      subject: 'IntelligenceReport',
      fields: ['id', 'gradingScheme', 'sourceEvaluation', 'intelligenceAssessment', 'handlingCode', 'sanitisedText', 'priority', 'createdAt'],
      conditions: { handlingCode: 'P', priority: rng.pick(['ROUTINE', 'PRIORITY', 'IMMEDIATE']) },
      ...terms,
    }));
  }
  const window = { $gte: { $daysFromNow: 0 }, $lte: { $daysFromNow: rng.pick([90, 180, 365]) } };
  const vep = { $in: rng.pick(VEP_SETS) };
  const byRelease = rng.chance(0.5);
  const rowScope: Record<string, unknown> = byRelease ? { expectedReleaseDate: window } : { vepStatus: vep };
  const prisonerScope: Record<string, unknown> = byRelease ? { 'prisoner.expectedReleaseDate': window } : { 'prisoner.vepStatus': vep };
  return [
    { label: `Identity for ${recipient.code}`, subject: 'Prisoner', fields: [...IDENTITY_FIELDS, 'facility', 'custodyStatus', 'expectedReleaseDate'], conditions: rowScope, ...terms },
    { label: `Flags for ${recipient.code}`, subject: 'RiskFlag', fields: ['id', 'category', 'severity', 'status', 'summary', 'raisedAt'], conditions: { status: 'ACTIVE', category: { $in: rng.pick(CATEGORY_SETS) }, ...prisonerScope }, ...terms },
    { label: `Assessments for ${recipient.code}`, subject: 'RiskAssessment', fields: ['id', 'tool', 'assessedAt', 'overallLevel'], conditions: { overallLevel: { $in: ['HIGH', 'VERY_HIGH'] }, ...prisonerScope }, ...terms },
    { label: `Release plans for ${recipient.code}`, subject: 'ReleasePlan', fields: ['id', 'expectedReleaseDate', 'releaseType', 'supervisingOffice', 'licenceConditions'], conditions: { supervisingOffice: rng.pick(SUPERVISING_OFFICES), expectedReleaseDate: window }, ...terms },
    { label: `Interventions for ${recipient.code}`, subject: 'Intervention', fields: ['id', 'programme', 'kind', 'status'], conditions: { status: { $ne: 'WITHDRAWN' }, ...prisonerScope }, ...terms },
  ];
}

export interface ScaleSet {
  agencies: AgencyDefinition[];
  mous: MouDocument[];
}

/**
 * `agencies` and `mous` are totals including the demo's four agencies and three MoUs.
 * MoUs go round-robin to the extra agencies: from PRISONS, and every fifth from POLICE.
 */
export function scaleSet(totalAgencies: number, totalMous: number, seed: number): ScaleSet {
  const agencies = extraAgencies(Math.max(0, totalAgencies - 4));
  const count = Math.max(0, totalMous - 3);
  if (count > 0 && agencies.length === 0) throw new Error('more MoUs than the demo\'s need more agencies (--agencies > 4)');
  const rng = createRandom(seed ^ 0x7363616c);
  const mous: MouDocument[] = [];
  for (let i = 0; i < count; i++) {
    const recipient = agencies[i % agencies.length]!;
    const plan = KINDS.find((k) => recipient.code.startsWith(k.prefix))!;
    const fromPolice = i % 5 === 4;
    const provider = fromPolice ? 'POLICE' : 'PRISONS';
    const purposes = fromPolice ? ['PUBLIC_PROTECTION' as Purpose] : [...plan.purposes];
    const effectivePlan = fromPolice ? { ...plan, kind: 'OTHER' as const } : plan;
    mous.push({
      reference: `MOU-${provider}-${recipient.code}-${String(Math.floor(i / agencies.length) + 1).padStart(2, '0')}`,
      version: 1,
      title: `${provider} to ${recipient.name} (benchmark)`,
      provider,
      recipient: recipient.code,
      legalBasis: 'Benchmark data set — synthetic',
      purposes,
      validFrom: '2025-01-01T00:00:00.000Z',
      validUntil: null,
      clauses: clausesFor(rng, recipient, effectivePlan, purposes, fromPolice),
    });
  }
  return { agencies, mous };
}
