import { describe, expect, it } from 'vitest';
import { SortedLists } from '../../src/context/sorted-lists.js';

describe('SortedLists', () => {
  it('sorts by UTF-16 code units and drops repeats', () => {
    expect(new SortedLists().of(['b', 'é', 'B', 'a', 'b', '_'])).toEqual(['B', '_', 'a', 'b', 'é']);
  });

  it('gives the same frozen array for the same names, whatever their order, repeats or container', () => {
    const lists = new SortedLists();
    const list = lists.of(new Set(['summary', 'id']));
    expect(lists.of(['id', 'summary', 'id'])).toBe(list);
    expect(lists.of(new Set(['id', 'summary']))).toBe(list);
    expect(Object.isFrozen(list)).toBe(true);
    expect(lists.of([])).toBe(lists.of(new Set()));
    expect(lists.of(['id'])).not.toBe(list);
  });
});
