import { describe, expect, it } from 'vitest';
import { editDistance, toleratedEdits } from '../../src/names/core/edit-distance.js';

describe('editDistance (optimal string alignment)', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as one edit each', () => {
    expect(editDistance('smith', 'smith')).toBe(0);
    expect(editDistance('smith', 'sith')).toBe(1);
    expect(editDistance('price', 'prhce')).toBe(1);
    expect(editDistance('clarke', 'clakre')).toBe(1);
    expect(editDistance('clarke', 'calrek')).toBe(2);
    expect(editDistance('hughes', 'hguhes')).toBe(1);
  });

  it('stops past the bound', () => {
    expect(editDistance('quartermaine', 'nasser', 2)).toBe(3);
    expect(editDistance('abcdef', 'ghijkl', 1)).toBe(2);
  });

  it('tolerates one edit from four letters and two from seven', () => {
    expect([3, 4, 6, 7].map(toleratedEdits)).toEqual([0, 1, 1, 2]);
  });
});
