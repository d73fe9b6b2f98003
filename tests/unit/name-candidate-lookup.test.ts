import { describe, expect, it } from 'vitest';
import { candidateLookup, type PartLookupKeys } from '../../src/records/name-candidate-lookup.js';

/**
 * The index condition of a person search, as SQL text (its behaviour on data is proven through
 * HTTP in tests/integration/person-search.test.ts): which keys are asked for, and how.
 */

const part = (forms: string[], skeletons: string[], phonetics: string[] = []): PartLookupKeys => ({ forms, skeletons, phonetics });
const mohamed = part(['mohamed', 'muhammad'], ['mhmd'], ['MHMT']);
const bilal = part(['bilal'], ['bll'], ['PLL']);
const ali = part(['ali', 'aly'], ['l'], ['AL']);
const hassan = part(['hassan', 'hasan'], ['hsn'], ['HSN']);
const husain = part(['husain', 'hussein'], ['hsn'], ['HSN']);

/** The condition with each parameter's values written in place. */
function written(parts: PartLookupKeys[], needed: number): string {
  const lookup = candidateLookup('k', parts, needed);
  return lookup.condition.replace(/CAST\(:(\w+) AS text\[\]\)/g, (_m, name: string) => `{${(lookup.params[name] as string[]).join(',')}}`);
}

describe('candidateLookup', () => {
  it('looks each part up once in the one lookup array, prefixed keys, and asks two of three as (1 and (2 or 3)) or (2 and 3)', () => {
    const lookup = candidateLookup('k', [mohamed, bilal, ali], 2);
    expect(Object.keys(lookup.params)).toHaveLength(3);
    expect(written([mohamed, bilal, ali], 2)).toBe(
      '((k.lookup_keys && {f:mohamed,f:muhammad,s:mhmd,p:MHMT} AND (k.lookup_keys && {f:bilal,s:bll,p:PLL} OR (k.lookup_keys && {f:ali,f:aly,s:l,p:AL})))'
      + ' OR (k.lookup_keys && {f:bilal,s:bll,p:PLL} AND k.lookup_keys && {f:ali,f:aly,s:l,p:AL}))',
    );
    expect(lookup.hits).toHaveLength(3);
  });

  it('asks for both of two parts, and for the one part of a one-part name', () => {
    expect(written([mohamed, bilal], 2)).toBe('(k.lookup_keys && {f:mohamed,f:muhammad,s:mhmd,p:MHMT} AND k.lookup_keys && {f:bilal,s:bll,p:PLL})');
    expect(written([ali], 1)).toBe('(k.lookup_keys && {f:ali,f:aly,s:l,p:AL})');
  });

  it('two equal parts ("Ali … Bin Ali") ask for a variant holding the key in two parts, not every variant holding it once', () => {
    expect(written([ali, ali], 2)).toBe('(((k.lookup_keys && {2f:ali,2f:aly,2s:l,2p:AL})))');
    const three = written([mohamed, ali, ali], 2);
    expect(three).toContain('k.lookup_keys && {2f:ali,2f:aly,2s:l,2p:AL}');
    // Mohamed with either Ali is the same combination, asked once.
    expect(three.match(/\{f:mohamed/g)).toHaveLength(1);
  });

  it('two parts sharing a skeleton ("Hassan Husain") ask each by the keys the other lacks, or the shared key twice', () => {
    expect(written([hassan, husain], 2)).toBe(
      '((((k.lookup_keys && {f:hassan,f:hasan} AND k.lookup_keys && {f:husain,f:hussein}) OR k.lookup_keys && {2s:hsn,2p:HSN})))',
    );
  });

  it('a part with no key hits nothing', () => {
    expect(written([part([], []), ali], 1)).toBe('(FALSE OR (k.lookup_keys && {f:ali,f:aly,s:l,p:AL}))');
  });
});
