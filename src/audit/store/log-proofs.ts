import type { KeyObject } from 'node:crypto';
import { checkpointNote, type Checkpoint } from '../core/checkpoint.js';
import { consistencyProof, inclusionProof, leafHash, treeRoot } from '../core/merkle-tree.js';
import { formatNote } from '../core/signed-note.js';
import type { Receipt } from '../core/receipt.js';
import { checkpointNumbered, latestNumberedCheckpoint, readChainHashes, readEntries, type Queryable } from './log-store.js';

/** Proofs over the disclosure log's Merkle tree, computed from the chain hashes in the database. */

async function leavesUpTo(db: Queryable, size: number): Promise<Buffer[]> {
  const leaves: Buffer[] = [];
  for await (const hash of readChainHashes(db, { afterSeq: 0, toSeq: size })) leaves.push(leafHash(hash));
  if (leaves.length !== size) throw new Error(`the log holds ${leaves.length} of the ${size} entries the checkpoint seals`);
  return leaves;
}

/** The numbered checkpoint `number` (or the latest), null when there is none. */
export async function numberedCheckpoint(db: Queryable, number: number | 'latest'): Promise<Checkpoint | null> {
  return number === 'latest' ? latestNumberedCheckpoint(db) : checkpointNumbered(db, number);
}

export interface ConsistencyProofView {
  from: { number: number; size: number; root: string };
  to: { number: number; size: number; root: string };
  /** RFC 9162 consistency proof, base64 hashes. */
  proof: string[];
}

/** The proof that checkpoint `to` extends checkpoint `from` (RFC 9162 §2.1.4), null if either is missing. */
export async function checkpointConsistency(db: Queryable, fromNumber: number, toNumber: number): Promise<ConsistencyProofView | null> {
  const [from, to] = [await checkpointNumbered(db, fromNumber), await checkpointNumbered(db, toNumber)];
  if (!from || !to || !from.root || !to.root || from.seq > to.seq) return null;
  const leaves = await leavesUpTo(db, to.seq);
  if (!treeRoot(leaves).equals(to.root)) throw new Error(`the entries no longer have checkpoint ${toNumber}'s root: the log is not intact`);
  const view = (c: Checkpoint) => ({ number: c.number!, size: c.seq, root: c.root!.toString('base64') });
  return { from: view(from), to: view(to), proof: consistencyProof(leaves, from.seq).map((h) => h.toString('base64')) };
}

/** A receipt for entry `seq`: its text and chain link, its inclusion proof, and the checkpoint note it is proved against. */
export async function entryReceipt(db: Queryable, seq: number, publicKey: (keyId: string) => KeyObject | undefined): Promise<Receipt | null> {
  const checkpoint = await latestNumberedCheckpoint(db);
  if (!checkpoint || checkpoint.seq < seq) return null;
  const key = publicKey(checkpoint.keyId);
  if (!key) throw new Error(`checkpoint ${checkpoint.number} is signed with key ${checkpoint.keyId}, which is not configured here`);
  let stored;
  for await (const entry of readEntries(db, { afterSeq: seq - 1, toSeq: seq })) stored = entry;
  if (!stored) return null;
  const leaves = await leavesUpTo(db, checkpoint.seq);
  return {
    type: 'liaison.disclosure-log.receipt',
    version: 1,
    entry: { seq, prevHash: stored.prevHash.toString('hex'), recordedAt: stored.index.recordedAt, text: stored.entry },
    treeSize: checkpoint.seq,
    inclusion: inclusionProof(leaves, seq - 1).map((h) => h.toString('base64')),
    checkpoint: formatNote(checkpointNote(checkpoint, key)),
  };
}
