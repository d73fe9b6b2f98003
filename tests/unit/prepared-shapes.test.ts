import { describe, expect, it } from 'vitest';
import { CONNECTION_LIFETIME_SECONDS } from '../../src/db/data-source.js';
import { preparedShape } from '../../src/enforcement/compiled-read/run-statement.js';

/**
 * Issue 13: compiled reads run as prepared statements, at most 500 shapes at a time — a
 * statement's text changes with the policy and the date, and each pooled connection keeps what
 * it prepared until the pool replaces it (hourly). A shape left unused for longer than that is
 * on no connection any more and makes room for a new one.
 */
describe('prepared statement shapes', () => {
  it('prepares up to 500 shapes, runs the next unnamed, and makes room once old shapes outlive every connection', () => {
    const t0 = Date.parse('2026-12-07T00:00:00Z');
    for (let i = 0; i < 500; i++) expect(preparedShape(`day1_${i}`, t0)).toBe(true);
    expect(preparedShape('day1_overflow', t0 + 1_000)).toBe(false);
    // A shape already prepared keeps running prepared.
    expect(preparedShape('day1_7', t0 + 2_000)).toBe(true);
    // Within a connection's lifetime nothing is forgotten.
    expect(preparedShape('day2_0', t0 + CONNECTION_LIFETIME_SECONDS * 1000)).toBe(false);
    // Past it (and a minute's grace), the shapes unused since are forgotten; the one used again at t0 + 2 s too.
    const later = t0 + (CONNECTION_LIFETIME_SECONDS + 61) * 1000 + 2_000;
    expect(preparedShape('day2_0', later)).toBe(true);
    for (let i = 1; i < 500; i++) expect(preparedShape(`day2_${i}`, later)).toBe(true);
    expect(preparedShape('day2_overflow', later)).toBe(false);
  });
});
