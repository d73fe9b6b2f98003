/**
 * Sorted, duplicate-free lists of names (the fields, withheld fields and clauses of the records
 * a request disclosed), shared by content: within one `SortedLists`, every list of the same
 * names is the same frozen array, whatever order the names came in. A page of fifty records
 * showing the same fields under the same clause then costs one sort, not fifty, and the
 * disclosure log groups its records by these arrays' identity instead of by their text.
 *
 * Order: UTF-16 code units (JavaScript's default sort of strings), as the log's canonical form.
 */
const EMPTY: readonly string[] = Object.freeze([]);

export class SortedLists {
  /** Lists by the order their names were seen in: one Map lookup per name, no allocation once seen. */
  private readonly seen: SeenNode = { next: new Map(), list: undefined };
  /** Lists by content (their JSON text): names seen in another order, or with repeats, find the same array. */
  private readonly byContent = new Map<string, readonly string[]>();

  /** The sorted, duplicate-free list of the names of `set` (the fields a record returned or withheld). */
  ofSet(set: ReadonlySet<string>): readonly string[] {
    if (set.size === 0) return EMPTY;
    let node = this.seen;
    for (const name of set) node = step(node, name);
    node.list ??= this.shared([...set].sort());
    return node.list;
  }

  /** The sorted, duplicate-free list of `names` (a record's clauses; repeats allowed). */
  ofList(names: readonly string[]): readonly string[] {
    if (names.length === 0) return EMPTY;
    let node = this.seen;
    for (let i = 0; i < names.length; i += 1) node = step(node, names[i]!);
    node.list ??= this.shared([...new Set(names)].sort());
    return node.list;
  }

  private shared(sorted: string[]): readonly string[] {
    const text = JSON.stringify(sorted);
    let list = this.byContent.get(text);
    if (!list) {
      list = Object.freeze(sorted);
      this.byContent.set(text, list);
    }
    return list;
  }
}

function step(node: SeenNode, name: string): SeenNode {
  let next = node.next.get(name);
  if (!next) {
    next = { next: new Map(), list: undefined };
    node.next.set(name, next);
  }
  return next;
}

interface SeenNode {
  next: Map<string, SeenNode>;
  list: readonly string[] | undefined;
}
