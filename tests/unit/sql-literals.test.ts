import { describe, expect, it } from 'vitest';
import { dateLiteral, policyLiteral, Slot, SqlStatement } from '../../src/enforcement/compiled-read/sql-statement.js';

/**
 * Issue 13: a compiled read writes the policy's plain constants and the gateway's own dates
 * into its text (so PostgreSQL plans it once), and nothing else: a request's values stay bound,
 * and a constant that could end a literal is bound too.
 */
describe('constants written into a compiled read', () => {
  it('writes codes, levels, dates, numbers and booleans of the policy in, and binds the request\'s values', () => {
    const stmt = new SqlStatement();
    const sql = stmt.embed({
      sql: 'r.owner_agency_code = :owner AND r.tlp IN (:...levels) AND r.release >= :from AND r.score > :score AND r.flag = :on AND r.id = :id',
      params: { owner: 'PRISONS', levels: ['CLEAR', 'GREEN'], from: '2026-12-07', score: 3, on: true, id: new Slot('id') },
    });
    expect(sql).toBe("r.owner_agency_code = 'PRISONS' AND r.tlp IN ('CLEAR', 'GREEN') AND r.release >= '2026-12-07' AND r.score > 3 AND r.flag = TRUE AND r.id = $1");
    expect(stmt.values).toEqual([new Slot('id')]);
  });

  it('binds a constant that is not a plain word, whatever it holds', () => {
    for (const value of ["O'Brien", "x' OR '1'='1", 'a\\b', 'line\nbreak', '%like%', '', 'x'.repeat(101), '{"a":1}', Number.NaN, Infinity, null, new Date(0), ['A']]) {
      expect(policyLiteral(value)).toBeNull();
      const stmt = new SqlStatement();
      expect(stmt.embed({ sql: 'r.x = :v', params: { v: value } })).toBe('r.x = $1');
      expect(stmt.values).toEqual([value]);
    }
  });

  it('writes only calendar dates as date literals', () => {
    expect(dateLiteral('2027-03-07')).toBe("DATE '2027-03-07'");
    for (const bad of ["2027-03-07' OR TRUE --", '2027-3-7', '07/03/2027', '']) expect(() => dateLiteral(bad)).toThrow(/not a date/);
  });
});
