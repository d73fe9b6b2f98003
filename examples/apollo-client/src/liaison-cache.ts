import { InMemoryCache } from '@apollo/client';

/** Shared record types: normalised by `__typename` and `id` (Apollo's default key, `Prisoner:<uuid>`). */
const RECORD_TYPES = ['Prisoner', 'RiskFlag', 'RiskAssessment', 'Classification', 'ReleasePlan', 'Intervention', 'IntelligenceReport'] as const;

/**
 * A cache for ONE purpose and ONE case reference of ONE signed-in user. What the gateway
 * returns depends on all three (and on the MoUs in force at that moment), so one cache must
 * never serve another purpose, case or user: create a new client (and cache) for each, and
 * clear it on sign-out.
 *
 * - Records are normalised by `id`; each carries its own `redactions`, which is replaced
 *   (never merged) by every response, so a field withheld in the latest answer is listed
 *   with the record, wherever else the record appears.
 * - `Redaction`, `Handling` and `Agency` have no identity of their own: kept inside their
 *   record.
 */
export function createLiaisonCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      ...Object.fromEntries(RECORD_TYPES.map((type) => [type, {
        fields: { redactions: { merge: false } },
      }])),
      Redaction: { keyFields: false },
      Handling: { keyFields: false },
      Agency: { keyFields: false },
      // Lists are pages of a Relay connection, fetched with `first`/`after`: keep each page as asked.
      Query: { fields: { riskFlags: { keyArgs: ['filter'] }, releasePlans: { keyArgs: ['filter'] }, prisoners: { keyArgs: ['filter'] } } },
    },
  });
}
