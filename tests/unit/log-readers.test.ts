import { describe, expect, it } from 'vitest';
import { buildLogEntry, recordsOf } from '../../src/audit/core/log-entry.js';
import { entryAsSeenBy, logAuditDecision, logReadDecision } from '../../src/audit/store/log-readers.js';
import { FLAG, record, REPORT, trace } from '../support/log-entry-fixtures.js';

describe('who reads the log', () => {
  const reader = (over: object) => ({ agencyCode: 'PRISONS', agencyKind: 'PRISON_ADMINISTRATION', roles: ['MOU_ADMIN'], purpose: 'OVERSIGHT', ...over });
  const auditor = { agencyCode: 'INSPECTORATE', agencyKind: 'OVERSIGHT', roles: ['AUDITOR'], purpose: 'OVERSIGHT' };

  it('inspectorate auditors read all; MoU administrators their agency; nobody else', () => {
    expect(logReadDecision(auditor)).toEqual({ allowed: true, scope: { kind: 'ALL' } });
    expect(logReadDecision(reader({}))).toEqual({ allowed: true, scope: { kind: 'AGENCY', agencyCode: 'PRISONS' } });
    expect(logReadDecision(reader({ roles: ['SECURITY_OFFICER'] }))).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    // AUDITOR is an oversight role: the same name in another kind of agency grants nothing.
    expect(logReadDecision(reader({ roles: ['AUDITOR'] }))).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
  });

  it('only for the purpose OVERSIGHT (LED Art. 25(2))', () => {
    expect(logReadDecision({ ...auditor, purpose: null })).toMatchObject({ allowed: false, code: 'PURPOSE_REQUIRED' });
    expect(logReadDecision(reader({ purpose: 'COUNTER_TERRORISM' }))).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
  });

  it('only auditors verify and seal', () => {
    expect(logAuditDecision(auditor)).toMatchObject({ allowed: true });
    expect(logAuditDecision(reader({}))).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
  });

  it('an administrator sees only its own agency\'s records in another agency\'s entry, without its refusals', () => {
    const entry = buildLogEntry(trace({
      records: [record({}), record({ subject: 'IntelligenceReport', id: REPORT, prisonerId: null, ownerAgencyCode: 'POLICE', clauseIds: [] })],
      denials: [{ code: 'PURPOSE_REQUIRED', subject: 'ReleasePlan', detail: 'x' }],
    }))!;
    const seen = entryAsSeenBy({ kind: 'AGENCY', agencyCode: 'PRISONS' }, entry);
    expect(recordsOf(seen).map((r) => r.id)).toEqual([FLAG]);
    expect(seen.clauses.map((c) => c.id)).toEqual(['c-flags']);
    expect(seen.denials).toEqual([]);
    expect(entryAsSeenBy({ kind: 'AGENCY', agencyCode: 'POLICE' }, entry)).toBe(entry);
    expect(entryAsSeenBy({ kind: 'ALL' }, entry)).toBe(entry);
  });
});
