import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/core/canonical-json.js';
import { buildLogEntry, entryKind, indexMismatch, indexOf, parseLogEntry, recordsOf } from '../../src/audit/core/log-entry.js';
import { FLAG, PRISONER, record, REPORT, trace } from '../support/log-entry-fixtures.js';

describe('entry kind', () => {
  const police = trace().principal;
  it.each([
    ['another agency\'s record', { records: [record({})] }, 'DISCLOSURE'],
    ['own records only', { records: [record({ ownerAgencyCode: 'POLICE', clauseIds: [] })] }, 'CONSULTATION'],
    ['a search that found nothing', { queried: ['Prisoner'] }, 'CONSULTATION'],
    ['a refusal after a search (not found)', { queried: ['Prisoner'], denials: [{ code: 'NOT_FOUND', subject: 'Prisoner' as const, detail: 'x' }] }, 'DENIAL'],
    ['a refusal before any search', { denials: [{ code: 'PURPOSE_REQUIRED', subject: 'RiskFlag' as const, detail: 'x' }] }, 'DENIAL'],
    ['a read of the log', { logAccess: [{ action: 'LIST' as const, filter: null, seqs: [1] }] }, 'LOG_ACCESS'],
    ['records and a refusal', { records: [record({})], denials: [{ code: 'PURPOSE_REQUIRED', subject: 'IntelligenceReport' as const, detail: 'x' }] }, 'DISCLOSURE'],
  ])('%s → %s', (_name, over, kind) => {
    expect(entryKind({ principal: police, queried: [], records: [], denials: [], logAccess: [], ...over })).toBe(kind);
  });

  it('nothing read, nothing refused: not logged', () => {
    expect(buildLogEntry(trace({ queried: [] }))).toBeNull();
  });
});

describe('buildLogEntry', () => {
  it('is deterministic: records, fields, roles and clauses sorted; clauses described', () => {
    const entry = buildLogEntry(trace({
      records: [
        record({ fields: ['summary', 'category', 'id'], clauseIds: ['c-flags'] }),
        record({ subject: 'Prisoner', id: PRISONER, prisonerId: PRISONER, fields: ['fullName'], redacted: ['religion'], clauseIds: ['c-identity'] }),
      ],
    }))!;
    expect(entry.kind).toBe('DISCLOSURE');
    expect(entry.roles).toEqual(['ANALYST', 'OFFICER']);
    expect(entry.records.map((r) => r.subject)).toEqual(['Prisoner', 'RiskFlag']);
    expect(entry.records[1]!.fields).toEqual(['category', 'id', 'summary']);
    expect(recordsOf(entry).map((r) => [r.subject, r.id])).toEqual([['Prisoner', PRISONER], ['RiskFlag', FLAG]]);
    expect(entry.clauses.map((c) => c.id)).toEqual(['c-flags', 'c-identity']);
    expect(entry.clauses[0]).toMatchObject({ mouReference: 'MOU-PRISONS-POLICE-01', providerAgencyCode: 'PRISONS' });
    expect(entry.recordedAt).toBe('2026-03-15T10:30:00.123Z');
    expect(parseLogEntry(canonicalJson(entry))).toEqual(entry);
    // Built in canonical key order, so canonicalJson takes its fast path.
    expect(JSON.stringify(entry)).toBe(canonicalJson(entry));
  });

  it('stores records that showed the same fields under the same clauses once, with every id', () => {
    const ids = ['b', 'a', 'c'].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000000`);
    const entry = buildLogEntry(trace({
      records: [
        ...ids.map((id) => record({ id, prisonerId: PRISONER })),
        record({ id: FLAG, fields: ['category'], prisonerId: PRISONER }),
        record({ subject: 'IntelligenceReport', id: REPORT, prisonerId: null, ownerAgencyCode: 'POLICE', clauseIds: [] }),
      ],
    }))!;
    expect(entry.records).toEqual([
      { clauseIds: [], fields: ['category', 'summary'], ids: [[REPORT, null]], ownerAgencyCode: 'POLICE', redacted: [], subject: 'IntelligenceReport' },
      { clauseIds: ['c-flags'], fields: ['category', 'summary'], ids: [...ids].sort().map((id) => [id, PRISONER]), ownerAgencyCode: 'PRISONS', redacted: [], subject: 'RiskFlag' },
      { clauseIds: ['c-flags'], fields: ['category'], ids: [[FLAG, PRISONER]], ownerAgencyCode: 'PRISONS', redacted: [], subject: 'RiskFlag' },
    ]);
    expect(recordsOf(entry)).toHaveLength(5);
    expect(recordsOf(entry).find((r) => r.id === FLAG)).toEqual({
      subject: 'RiskFlag', id: FLAG, prisonerId: PRISONER, ownerAgencyCode: 'PRISONS', fields: ['category'], redacted: [], clauseIds: ['c-flags'],
    });
  });

  it('is built in canonical key order for every kind of content (the writer\'s fast path)', () => {
    const entry = buildLogEntry(trace({
      records: [record({})],
      denials: [{ code: 'NOT_FOUND', subject: 'Prisoner', detail: 'x' }],
      logAccess: [{ action: 'LIST', filter: { userId: 'u', kinds: ['DENIAL'], agencyCode: 'POLICE' }, seqs: [3, 1] }],
    }))!;
    expect(JSON.stringify(entry)).toBe(canonicalJson(entry));
  });

  it('indexes owners and every record and data-subject id', () => {
    const entry = buildLogEntry(trace({
      records: [record({}), record({ subject: 'IntelligenceReport', id: REPORT, prisonerId: null, ownerAgencyCode: 'POLICE', clauseIds: [] })],
    }))!;
    expect(indexOf(entry)).toEqual({
      decisionId: entry.decisionId, recordedAt: entry.recordedAt, kind: 'DISCLOSURE', userId: 'analyst-1', agencyCode: 'POLICE',
      purpose: 'COUNTER_TERRORISM', ownerAgencyCodes: ['POLICE', 'PRISONS'], subjectIds: [PRISONER, FLAG, REPORT],
    });
  });

  it('notices an index column that disagrees with the hashed text', () => {
    const entry = buildLogEntry(trace({ records: [record({})] }))!;
    const text = canonicalJson(entry);
    expect(indexMismatch(text, indexOf(entry))).toBeNull();
    expect(indexMismatch(text, { ...indexOf(entry), userId: 'someone-else' })).toBe('column user_id no longer matches the hashed entry');
    expect(indexMismatch(text, { ...indexOf(entry), ownerAgencyCodes: [], purpose: null })).toBe('columns purpose, owner_agency_codes no longer match the hashed entry');
    expect(indexMismatch('{"v":2}', indexOf(entry))).toMatch(/not a valid entry/);
  });

  it('parseLogEntry refuses what this version does not write', () => {
    expect(() => parseLogEntry('[]')).toThrow(/object/);
    expect(() => parseLogEntry('{"v":1}')).toThrow(/kind/);
    const entry = buildLogEntry(trace())!;
    expect(() => parseLogEntry(JSON.stringify({ ...entry, records: [{ id: 1 }] }))).toThrow(/records/);
  });
});
