import { createHash } from 'node:crypto';

/**
 * The RFC 9162 (Certificate Transparency 2.0, §2.1) Merkle tree over the disclosure log: leaf
 * `i` (from 0) is entry `i + 1`'s chain hash. A signed checkpoint carries the tree's root, so
 * that one entry's inclusion under a checkpoint, and the consistency of two checkpoints (the
 * later tree extends the earlier one: nothing was rewritten in between), are proved by
 * log₂(n) hashes, checkable offline by anyone holding the checkpoint — a receipt.
 *
 *   leaf hash   MTH({d})   = SHA-256(0x00 ‖ d)
 *   node hash   MTH(D[n])  = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])), k the largest power of two < n
 *   empty tree  MTH({})    = SHA-256()
 */

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

export const EMPTY_TREE_ROOT = sha256();
export const leafHash = (data: Buffer): Buffer => sha256(Buffer.from([0]), data);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right);

/** The largest power of two smaller than n (n ≥ 2). */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** MTH over leaf hashes (already hashed with `leafHash`). */
export function treeRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_TREE_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeHash(treeRoot(leaves.slice(0, k)), treeRoot(leaves.slice(k)));
}

/**
 * The roots of the perfect subtrees a tree of `size` leaves is made of, largest first (one per
 * set bit of `size`): enough to append leaves and compute the root without the leaves before.
 */
export interface Frontier {
  size: number;
  subtrees: Buffer[];
}

export const EMPTY_FRONTIER: Frontier = { size: 0, subtrees: [] };

export function appendLeaf(frontier: Frontier, leaf: Buffer): Frontier {
  const subtrees = [...frontier.subtrees, leaf];
  // Like a binary counter: equal-sized subtrees at the end merge.
  for (let size = frontier.size + 1; size % 2 === 0 && subtrees.length >= 2; size /= 2) {
    const right = subtrees.pop()!;
    const left = subtrees.pop()!;
    subtrees.push(nodeHash(left, right));
  }
  return { size: frontier.size + 1, subtrees };
}

export function frontierRoot(frontier: Frontier): Buffer {
  if (frontier.subtrees.length === 0) return EMPTY_TREE_ROOT;
  let root = frontier.subtrees.at(-1)!;
  for (let i = frontier.subtrees.length - 2; i >= 0; i -= 1) root = nodeHash(frontier.subtrees[i]!, root);
  return root;
}

/** RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of `leaves`. */
export function inclusionProof(leaves: readonly Buffer[], index: number): Buffer[] {
  if (index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...inclusionProof(leaves.slice(0, k), index), treeRoot(leaves.slice(k))]
    : [...inclusionProof(leaves.slice(k), index - k), treeRoot(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.3.2: whether `leaf` (a leaf hash) is leaf `index` of the tree of `size` with `root`. */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.1: the proof that the tree of the first `m` leaves is a prefix of the tree of `leaves`. */
export function consistencyProof(leaves: readonly Buffer[], m: number): Buffer[] {
  if (m < 1 || m > leaves.length) throw new RangeError(`no consistency proof from ${m} to ${leaves.length} leaves`);
  const subproof = (mm: number, d: readonly Buffer[], complete: boolean): Buffer[] => {
    if (mm === d.length) return complete ? [] : [treeRoot(d)];
    const k = split(d.length);
    return mm <= k
      ? [...subproof(mm, d.slice(0, k), complete), treeRoot(d.slice(k))]
      : [...subproof(mm - k, d.slice(k), false), treeRoot(d.slice(0, k))];
  };
  return subproof(m, leaves, true);
}

/** RFC 9162 §2.1.4.2: whether the tree of `size2` with `root2` extends the tree of `size1` with `root1`. */
export function verifyConsistency(size1: number, size2: number, proof: readonly Buffer[], root1: Buffer, root2: Buffer): boolean {
  if (size1 < 1 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  let path = [...proof];
  // If size1 is an exact power of two, root1 itself starts the path.
  if ((size1 & (size1 - 1)) === 0) path = [root1, ...path];
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}
