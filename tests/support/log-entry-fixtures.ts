import type { RecordEntry } from '../../src/context/request-disclosure.js';
import type { RequestTrace } from '../../src/audit/core/log-entry.js';

/** Pure fixtures for the disclosure-log unit tests: a police analyst's request and its records. */

export const PRISONER = '11111111-1111-4111-8111-111111111111';
export const FLAG = '22222222-2222-4222-8222-222222222222';
export const REPORT = '33333333-3333-4333-8333-333333333333';

export const record = (over: Partial<RecordEntry>): RecordEntry => ({
  subject: 'RiskFlag', id: FLAG, prisonerId: PRISONER, ownerAgencyCode: 'PRISONS', fields: ['summary', 'category'], redacted: [], clauseIds: ['c-flags'], ...over,
});

export function trace(over: Partial<RequestTrace> = {}): RequestTrace {
  return {
    decisionId: '44444444-4444-4444-8444-444444444444',
    recordedAt: new Date('2026-03-15T10:30:00.123Z'),
    principal: { userId: 'analyst-1', agencyCode: 'POLICE', roles: ['OFFICER', 'ANALYST'], issuer: 'urn:liaison:dev:POLICE' },
    purpose: 'COUNTER_TERRORISM',
    caseReference: null,
    operationName: 'Flags',
    documentHash: 'ab'.repeat(32),
    queried: ['RiskFlag'],
    searchTerms: [{ agencyCodes: ['PRISONS'], arguments: { first: 5 }, field: 'riskFlags', subject: 'RiskFlag' }],
    records: [],
    denials: [],
    logAccess: [],
    clause: (id) => ({ id, mouReference: 'MOU-PRISONS-POLICE-01', mouVersion: 1, label: `label of ${id}`, providerAgencyCode: 'PRISONS' }),
    ...over,
  };
}
