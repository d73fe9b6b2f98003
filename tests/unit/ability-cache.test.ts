import { describe, expect, it } from 'vitest';
import { AbilityCache } from '../../src/policies/ability-cache.js';
import { ABILITY_MAX_AGE_MS } from '../../src/policies/build-policy.js';
import { demoSnapshot, FIXED_NOW, JOURNEYS, key } from '../support/policy-fixtures.js';

/** Abilities cached by (agency, roles, purpose, case reference) and policy revision (docs/architecture.md §2.3 rule 10). */

const now = FIXED_NOW;
const later = (ms: number) => new Date(now.getTime() + ms);

describe('AbilityCache', () => {
  it('returns the same compiled policy for the same key, revision and time window', () => {
    const cache = new AbilityCache();
    const snapshot = demoSnapshot();
    const first = cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, now);
    expect(cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, later(30_000))).toBe(first);
    // Role order does not matter; a fresh but equal key object hits.
    expect(cache.get(snapshot, key('POLICE', ['ANALYST'], 'COUNTER_TERRORISM'), later(1))).toBe(first);
    expect(cache.get(snapshot, key('POLICE', ['OFFICER', 'ANALYST'], 'COUNTER_TERRORISM'), now))
      .toBe(cache.get(snapshot, key('POLICE', ['ANALYST', 'OFFICER'], 'COUNTER_TERRORISM'), now));
    expect(cache.size).toBe(2);
  });

  it('keeps keys that differ in agency, roles, purpose or case reference apart', () => {
    const cache = new AbilityCache();
    const snapshot = demoSnapshot();
    const keys = [
      key('POLICE', ['ANALYST'], 'COUNTER_TERRORISM'),
      key('PROBATION', ['ANALYST'], 'COUNTER_TERRORISM'),
      key('POLICE', ['OFFICER'], 'COUNTER_TERRORISM'),
      key('POLICE', ['ANALYST'], 'PUBLIC_PROTECTION'),
      key('POLICE', ['ANALYST'], null),
      key('POLICE', ['ANALYST'], 'COUNTER_TERRORISM', true),
    ];
    const policies = keys.map((k) => cache.get(snapshot, k, now));
    expect(new Set(policies).size).toBe(keys.length);
    expect(new Set(keys.map((k) => AbilityCache.keyOf(k))).size).toBe(keys.length);
    keys.forEach((k, i) => expect(policies[i]!.built.key).toEqual(k));
  });

  it('rebuilds when the policy revision moves (an MoU changed)', () => {
    const cache = new AbilityCache();
    const first = cache.get(demoSnapshot({}, 7), JOURNEYS.policeAnalystCounterTerrorism, now);
    const suspended = demoSnapshot({ 'MOU-PRISONS-POLICE-01': { status: 'SUSPENDED' } }, 8);
    const second = cache.get(suspended, JOURNEYS.policeAnalystCounterTerrorism, later(1));
    expect(second).not.toBe(first);
    expect(second.built.revision).toBe(8);
    expect(second.built.clauses.size).toBe(0);
    expect(first.built.clauses.size).toBe(3);
    expect(cache.get(suspended, JOURNEYS.policeAnalystCounterTerrorism, later(2))).toBe(second);
    expect(cache.size).toBe(1);
  });

  it('rebuilds at expiry (60 s at most)', () => {
    const cache = new AbilityCache();
    const snapshot = demoSnapshot();
    const first = cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, now);
    expect(first.built.expiresAt).toBe(now.getTime() + ABILITY_MAX_AGE_MS);
    expect(cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, later(ABILITY_MAX_AGE_MS - 1))).toBe(first);
    const rebuilt = cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, later(ABILITY_MAX_AGE_MS));
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.built.builtAt).toBe(now.getTime() + ABILITY_MAX_AGE_MS);
  });

  it('rebuilds at an MoU validity boundary: revocation by the calendar takes effect without a revision bump', () => {
    const cache = new AbilityCache();
    const until = later(5_000);
    const snapshot = demoSnapshot({ 'MOU-PRISONS-POLICE-01': { validUntil: until } });
    const first = cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, now);
    expect(first.built.clauses.size).toBe(3);
    expect(cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, later(4_999))).toBe(first);
    const after = cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, until);
    expect(after).not.toBe(first);
    expect(after.built.clauses.size).toBe(0);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new AbilityCache(2);
    const snapshot = demoSnapshot();
    const a = cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, now);
    const b = cache.get(snapshot, JOURNEYS.probationOfficerSupervisionWithCase, now);
    expect(cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, now)).toBe(a); // a is now the most recent
    const c = cache.get(snapshot, JOURNEYS.prisonsSecurityOfficerPrisonSecurity, now); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, now)).toBe(a);
    expect(cache.get(snapshot, JOURNEYS.prisonsSecurityOfficerPrisonSecurity, now)).toBe(c);
    const b2 = cache.get(snapshot, JOURNEYS.probationOfficerSupervisionWithCase, now); // rebuilt, evicts a
    expect(b2).not.toBe(b);
    expect(cache.size).toBe(2);
    expect(cache.get(snapshot, JOURNEYS.prisonsSecurityOfficerPrisonSecurity, now)).toBe(c);
    expect(cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, now)).not.toBe(a);
  });

  it('clear() drops everything', () => {
    const cache = new AbilityCache();
    const snapshot = demoSnapshot();
    const first = cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, now);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get(snapshot, JOURNEYS.policeAnalystCounterTerrorism, now)).not.toBe(first);
  });
});
