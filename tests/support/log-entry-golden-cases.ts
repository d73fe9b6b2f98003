import type { RequestTrace } from '../../src/audit/core/log-entry.js';
import { RequestDisclosure, type PresentedRecord } from '../../src/context/request-disclosure.js';
import type { RedactionReason } from '../../src/policies/compiled-policy.js';
import type { SubjectType } from '../../src/policies/subjects.js';
import { trace } from './log-entry-fixtures.js';

/**
 * Fixed requests whose disclosure-log entries were captured as text (log-entry-golden.json)
 * before the entry writer was optimised: the writer must produce the same bytes for them
 * forever (the hash chain is over this text). Pseudo-random but seeded: records presented
 * several times, fields and clauses in any order and repeated, records revealed with no field,
 * own and shared records, odd characters in clause ids (which order the groups), searches,
 * candidates, refusals and log reads.
 */

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uuid = (n: number, kind: number): string => `${(n * 2654435761 % 0xffffffff).toString(16).padStart(8, '0')}-${kind}000-4000-8000-${String(n).padStart(12, '0')}`;

const SUBJECTS: SubjectType[] = ['RiskFlag', 'Prisoner', 'IntelligenceReport', 'RiskAssessment'];
const OWNERS = ['PRISONS', 'POLICE', 'PROBATION'];
const FIELDS = ['id', 'category', 'severity', 'summary', 'raisedAt', 'prisoner', 'fullName', 'facility', 'releaseDate', 'Zeta', '_private', 'é'];
const CLAUSE_IDS = ['c-flags', 'c-identity', 'c-"quoted"', 'c,comma', 'c\\back', 'c-é', 'c-\u0001', 'C-upper', 'c-flags-2'];

function presented(
  subject: SubjectType, id: string, prisonerId: string | null, owner: string, clauseIds: string[], returned: string[], redacted: string[], revealed: boolean,
): PresentedRecord {
  return {
    subject, id, prisonerId, ownerAgencyCode: owner, clauseIds,
    withheld: new Map<string, RedactionReason>(redacted.map((f) => [f, 'NO_CLAUSE'])),
    returned: new Set(returned), redacted: new Set(redacted), revealed,
  };
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
const some = <T>(next: () => number, list: readonly T[], max: number): T[] => Array.from({ length: Math.floor(next() * (max + 1)) }, () => pick(next, list));

/** A police analyst's page of `flags` risk flags, each with its prisoner (several flags per prisoner); every 10th summary withheld. */
export function analystPage(flags: number): RequestDisclosure {
  const disclosed = new RequestDisclosure();
  disclosed.queried('RiskFlag');
  for (let i = 0; i < flags; i += 1) {
    const prisoner = uuid(Math.floor(i * 0.8), 1);
    disclosed.track(presented('RiskFlag', uuid(i, 2), prisoner, 'PRISONS', i % 7 === 0 ? ['c-flags', 'c-flags-2'] : ['c-flags'],
      ['id', 'category', 'severity', 'raisedAt', 'prisoner', ...(i % 10 === 0 ? [] : ['summary'])], i % 10 === 0 ? ['summary'] : [], true));
    disclosed.track(presented('Prisoner', prisoner, prisoner, 'PRISONS', ['c-identity'], ['fullName', 'facility', 'releaseDate', 'id'], [], true));
  }
  return disclosed;
}

/** A request of `seed`: up to 150 presentations over a small pool of ids (so that records merge). */
export function randomDisclosure(seed: number): RequestDisclosure {
  const next = random(seed);
  const disclosed = new RequestDisclosure();
  const count = Math.floor(next() * 150);
  for (let i = 0; i < count; i += 1) {
    const subject = pick(next, SUBJECTS);
    const n = Math.floor(next() * 40);
    disclosed.track(presented(
      subject, uuid(n, SUBJECTS.indexOf(subject) + 1), next() < 0.2 ? null : uuid(Math.floor(next() * 30), 9), pick(next, OWNERS),
      some(next, CLAUSE_IDS, 3), some(next, FIELDS, 6), some(next, FIELDS, 2), next() < 0.5,
    ));
  }
  if (next() < 0.5) disclosed.queried(pick(next, SUBJECTS));
  if (next() < 0.3) disclosed.deny({ code: 'NOT_FOUND', subject: 'Prisoner', detail: `no prisoner ${seed}` });
  if (next() < 0.2) disclosed.readLog({ action: 'LIST', filter: { userId: 'u', kinds: ['DENIAL', 'CONSULTATION'], agencyCode: 'POLICE' }, seqs: [3, 1, 2] });
  if (next() < 0.3) {
    disclosed.candidatesReturned({ field: 'personSearch', candidates: [{ prisonerId: uuid(seed, 9), score: 912.4 }, { prisonerId: uuid(seed + 1, 9), score: 500 }] });
  }
  return disclosed;
}

/** The trace of `disclosed` as `traceOf` gives it (policy and clauses as in the fixtures). */
export function traceFrom(disclosed: RequestDisclosure, seed: number): RequestTrace {
  return trace({
    decisionId: `44444444-4444-4444-8444-${String(seed).padStart(12, '0')}`,
    caseReference: seed % 3 === 0 ? 'CASE-Ø-42 "q" \u2028' : null,
    queried: disclosed.searchedSubjects,
    searchTerms: [
      { agencyCodes: ['PRISONS', 'POLICE', 'PRISONS'], arguments: { first: 50, name: 'Smith', nested: { b: 1, a: [2, 1] } }, field: 'riskFlags', subject: 'RiskFlag' },
    ],
    records: disclosed.entries(),
    denials: disclosed.denials,
    logAccess: disclosed.logAccesses,
    searchCandidates: disclosed.searchCandidates,
  });
}

/** Every golden case, by name. */
export function goldenCases(): [string, RequestTrace][] {
  return [
    ['S1 analyst page of 50 flags', traceFrom(analystPage(50), 1)],
    ['S2 page of 100 flags', traceFrom(analystPage(100), 2)],
    ...Array.from({ length: 40 }, (_, i): [string, RequestTrace] => [`random ${i}`, traceFrom(randomDisclosure(i + 100), i + 100)]),
  ];
}
