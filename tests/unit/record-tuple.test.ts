import { describe, expect, it } from 'vitest';
import { clauseIdsOf, decodeRecord, noteClauses, type ClauseTable, type RecordTuple } from '../../src/enforcement/compiled-read/record-tuple.js';
import type { RecordSelection } from '../../src/enforcement/compiled-read/selection.js';

/**
 * A compiled record comes back as one flat array with its clauses and withheld fields as bit
 * sets (record-tuple.ts); these are what the disclosure log names, so a bit must decode to
 * exactly its clause, and a tuple that does not fit its selection must fail, not be misread.
 */

const flagSelection: RecordSelection = {
  fields: new Set(['id', 'summary', 'category', 'severity']),
  relations: new Map([['prisoner', { fields: new Set(['fullName', 'prisonNumber']), relations: new Map() }]]),
};
const clauses: ClauseTable = new Map([
  ['RiskFlag', ['clause-flags-a', 'clause-flags-b', 'clause-flags-c']],
  ['Prisoner', ['clause-prisoners']],
]);
const prisonerTuple: RecordTuple = ['p-1', 'PRISONS', 'GREEN', null, 'NONE', null, 1, 0, 'Amina Diallo', 'A1234'];

describe('a compiled record tuple', () => {
  it('decodes its fields by name, its clause bits to clause ids and its withheld bits to field names', () => {
    // Fields in name order: category, severity, summary. Clauses: bits 0 and 2. Withheld: bit 2 (summary).
    const tuple: RecordTuple = ['f-1', 'PRISONS', 'AMBER', 'P', 'NONE', 'p-1', 0b101, 0b100, 'VIOLENCE', 'HIGH', null, prisonerTuple];
    const record = decodeRecord('RiskFlag', tuple, flagSelection, clauses);
    expect(record.c).toEqual(['clause-flags-a', 'clause-flags-c']);
    expect(record.w).toEqual(['summary']);
    expect(record.f).toEqual({ category: 'VIOLENCE', severity: 'HIGH', summary: null });
    expect(record.p).toBe('p-1');
    expect(record.r.prisoner).toMatchObject({ i: 'p-1', c: ['clause-prisoners'], w: [], f: { fullName: 'Amina Diallo', prisonNumber: 'A1234' } });
  });

  it('reads a relation returned as false as not read (gated), and null as no record', () => {
    const gated = decodeRecord('RiskFlag', ['f-1', 'PRISONS', 'AMBER', null, 'NONE', 'p-1', 1, 0, 'VIOLENCE', 'HIGH', 'text', false], flagSelection, clauses);
    expect('prisoner' in gated.r).toBe(false);
    const none = decodeRecord('RiskFlag', ['f-1', 'PRISONS', 'AMBER', null, 'NONE', 'p-1', 1, 0, 'VIOLENCE', 'HIGH', 'text', null], flagSelection, clauses);
    expect(none.r.prisoner).toBeNull();
  });

  it('takes the ids as they are when the statement returned them instead of bits', () => {
    expect(clauseIdsOf('RiskFlag', ['clause-x', 'clause-y'], clauses)).toEqual(['clause-x', 'clause-y']);
    expect(clauseIdsOf('RiskFlag', 0, clauses)).toEqual([]);
  });

  it('refuses a bit that stands for no clause, and a tuple that does not fit its selection', () => {
    expect(() => clauseIdsOf('RiskFlag', 0b1000, clauses)).toThrow(/bit 3 stands for nothing/);
    expect(() => clauseIdsOf('Intervention', 1, clauses)).toThrow(/stands for nothing/);
    expect(() => decodeRecord('RiskFlag', ['f-1', 'PRISONS', 'AMBER', null, 'NONE', 'p-1', 1, 0, 'VIOLENCE', 'HIGH', 'text'], flagSelection, clauses))
      .toThrow(/11 positions, 12 expected/);
  });

  it('refuses to compile one kind of record under two different clause lists in one statement', () => {
    const table: ClauseTable = new Map();
    noteClauses(table, 'RiskFlag', ['a', 'b']);
    noteClauses(table, 'RiskFlag', ['a', 'b']);
    expect(() => noteClauses(table, 'RiskFlag', ['b', 'a'])).toThrow(/different clauses/);
    expect(table.get('RiskFlag')).toEqual(['a', 'b']);
  });
});
