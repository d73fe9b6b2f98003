import { describe, expect, it } from 'vitest';
import { SortedLists } from '../../src/context/sorted-lists.js';

describe('SortedLists', () => {
  it('sorts by UTF-16 code units and drops repeats', () => {
    expect(new SortedLists().ofList(['b', 'é', 'B', 'a', 'b', '_'])).toEqual(['B', '_', 'a', 'b', 'é']);
  });

  it('gives the same frozen array for the same names, whatever their order, repeats or container', () => {
    const lists = new SortedLists();
    const list = lists.ofSet(new Set(['summary', 'id']));
    expect(lists.ofList(['id', 'summary', 'id'])).toBe(list);
    expect(lists.ofSet(new Set(['id', 'summary']))).toBe(list);
    expect(Object.isFrozen(list)).toBe(true);
    expect(lists.ofList([])).toBe(lists.ofSet(new Set()));
    expect(lists.ofList(['id'])).not.toBe(list);
  });
});
