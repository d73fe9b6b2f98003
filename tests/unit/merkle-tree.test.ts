import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendLeaf, consistencyProof, EMPTY_FRONTIER, EMPTY_TREE_ROOT, frontierRoot, inclusionProof, leafHash, treeRoot,
  verifyConsistency, verifyInclusion, type Frontier,
} from '../../src/audit/core/merkle-tree.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i + 1}`)));

describe('the RFC 9162 Merkle tree of the disclosure log', () => {
  it('hashes as RFC 9162 says: the empty tree, one leaf, two leaves, and an uneven split', () => {
    const sha = (hex: string) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest();
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const [a, b, c] = leaves(3) as [Buffer, Buffer, Buffer];
    expect(a).toEqual(sha(`00${Buffer.from('entry 1').toString('hex')}`));
    expect(treeRoot([a])).toEqual(a);
    expect(treeRoot([a, b])).toEqual(sha(`01${a.toString('hex')}${b.toString('hex')}`));
    // Three leaves split at 2: ((a b) c).
    expect(treeRoot([a, b, c])).toEqual(sha(`01${treeRoot([a, b]).toString('hex')}${c.toString('hex')}`));
  });

  it('a frontier grown leaf by leaf has the root of the whole tree, at every size', () => {
    const all = leaves(70);
    let frontier: Frontier = EMPTY_FRONTIER;
    expect(frontierRoot(frontier)).toEqual(EMPTY_TREE_ROOT);
    all.forEach((leaf, i) => {
      frontier = appendLeaf(frontier, leaf);
      expect(frontierRoot(frontier), `size ${i + 1}`).toEqual(treeRoot(all.slice(0, i + 1)));
      expect(frontier.subtrees).toHaveLength([...(i + 1).toString(2)].filter((bit) => bit === '1').length);
    });
  });

  it('proves every leaf\'s inclusion in every tree, and refuses a wrong leaf, position or root', () => {
    const all = leaves(33);
    for (let size = 1; size <= all.length; size += 1) {
      const tree = all.slice(0, size);
      const root = treeRoot(tree);
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionProof(tree, index);
        expect(verifyInclusion(tree[index]!, index, size, proof, root), `${index} of ${size}`).toBe(true);
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
        if (size > 1) {
          expect(verifyInclusion(tree[(index + 1) % size]!, index, size, proof, root)).toBe(false);
          expect(verifyInclusion(tree[index]!, (index + 1) % size, size, proof, root)).toBe(false);
        }
        expect(verifyInclusion(tree[index]!, index, size, proof, leafHash(Buffer.from('another root')))).toBe(false);
      }
    }
  });

  it('proves every earlier tree consistent with every later one, and refuses a rewritten one', () => {
    const all = leaves(33);
    for (let size2 = 1; size2 <= all.length; size2 += 1) {
      const root2 = treeRoot(all.slice(0, size2));
      for (let size1 = 1; size1 <= size2; size1 += 1) {
        const root1 = treeRoot(all.slice(0, size1));
        const proof = consistencyProof(all.slice(0, size2), size1);
        expect(verifyConsistency(size1, size2, proof, root1, root2), `${size1} → ${size2}`).toBe(true);
        // A later tree in which one of the first size1 leaves was rewritten is not consistent.
        const rewritten = [...all.slice(0, size2)];
        rewritten[size1 - 1] = leafHash(Buffer.from('rewritten'));
        const forged = treeRoot(rewritten);
        expect(verifyConsistency(size1, size2, consistencyProof(rewritten, size1), root1, forged), `forged ${size1} → ${size2}`).toBe(false);
      }
    }
  });
});
