import type { Purpose } from '../src/domain/enums.js';
import type { PolicyKey, PolicySnapshot } from '../src/policies/build-policy.js';
import type { Clause } from '../src/policies/clause.js';
import { createRandom } from '../src/seed/random.js';
import { scaleSet } from '../src/seed/scale-agencies.js';

/**
 * An agency receiving 60 MoUs with 300 clauses (the benchmark's worst case for one
 * recipient): the benchmark MoU documents, all addressed to one recipient, as clauses.
 */
export const RECIPIENT = 'POLICE_R01';
export const PURPOSE: Purpose = 'PUBLIC_PROTECTION';

export function heavySnapshot(mous = 60): PolicySnapshot {
  const { mous: documents } = scaleSet(4 + 30, 3 + mous, 1);
  const rng = createRandom(42);
  const clauses: Clause[] = [];
  documents.slice(0, mous).forEach((document, m) => {
    const mou = {
      id: rng.uuid(), reference: `${document.reference}-${m}`, version: 1,
      providerAgencyCode: document.provider, recipientAgencyCode: RECIPIENT,
      purposes: [...document.purposes, PURPOSE], status: 'ACTIVE' as const,
      validFrom: new Date('2025-01-01T00:00:00Z'), validUntil: null,
    };
    document.clauses.forEach((clause, position) => clauses.push({
      id: rng.uuid(), label: `${clause.label} ${position}`, mou, subjectType: clause.subject, fields: clause.fields,
      conditions: clause.conditions ?? null, purposes: [...clause.purposes, PURPOSE], recipientRoles: ['ANALYST', 'OFFICER'],
      maxTlp: clause.maxTlp, onwardDisclosure: clause.onwardDisclosure, retentionDays: clause.retentionDays,
      caseReferenceRequired: false,
    }));
  });
  return { revision: 1, clauses };
}

export const heavyKey: PolicyKey = { agencyCode: RECIPIENT, roles: ['ANALYST'], purpose: PURPOSE, hasCaseReference: false };

/** Risk-flag rows shaped as the gateway loads them (prisoner fields joined for conditions). */
export function flagRows(count: number): Record<string, unknown>[] {
  const rng = createRandom(7);
  const statuses = ['ACTIVE', 'EXPIRED', 'WITHDRAWN'];
  const categories = ['VIOLENCE', 'HOSTAGE_TAKING', 'RADICALISATION_INFLUENCE', 'ESCAPE', 'VICTIM_CONTACT', 'GANG_AFFILIATION'];
  const veps = ['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP', 'OF_CONCERN', 'NONE'];
  return Array.from({ length: count }, () => ({
    id: rng.uuid(), ownerAgencyCode: 'PRISONS', prisonerId: rng.uuid(),
    category: rng.pick(categories), severity: rng.pick(['LOW', 'MODERATE', 'HIGH', 'VERY_HIGH']), status: rng.pick(statuses),
    basis: null, summary: 'x', raisedAt: new Date(Date.now() - rng.int(0, 1000) * 86_400_000), reviewDate: null,
    updatedAt: new Date(), tlp: rng.pick(['GREEN', 'AMBER']), handlingCode: null, onwardDisclosure: 'NONE',
    prisoner: { id: rng.uuid(), vepStatus: rng.pick(veps), expectedReleaseDate: new Date(Date.now() + rng.int(0, 2000) * 86_400_000).toISOString().slice(0, 10) },
  }));
}
