import type { KeyObject } from 'node:crypto';
import { chainHash, entryDigest, hashFromHex } from './chain-hash.js';
import { checkpointFromNote } from './checkpoint.js';
import { leafHash, verifyInclusion } from './merkle-tree.js';
import { parseNote } from './signed-note.js';

/**
 * A receipt for one disclosure-log entry: what an auditor keeps to prove, offline and without
 * the rest of the log, that the entry (byte for byte) is entry `seq` of the log a signed
 * checkpoint vouches for. The entry's chain hash is recomputed from its text, time and
 * predecessor's hash; it is a leaf of the checkpoint's Merkle tree by the inclusion proof;
 * the checkpoint's signature is checked against the trusted public key(s).
 */
export interface Receipt {
  type: 'liaison.disclosure-log.receipt';
  version: 1;
  entry: { seq: number; prevHash: string; recordedAt: string; text: string };
  treeSize: number;
  /** RFC 9162 inclusion proof of leaf seq − 1, base64 hashes. */
  inclusion: string[];
  /** The signed checkpoint note (possibly cosigned by witnesses). */
  checkpoint: string;
}

export type ReceiptCheck = { valid: true; seq: number; checkpointNumber: number } | { valid: false; reason: string };

export function verifyReceipt(value: unknown, trusted: ReadonlyMap<string, KeyObject>): ReceiptCheck {
  const r = value as Partial<Receipt> | null;
  if (!r || r.type !== 'liaison.disclosure-log.receipt' || r.version !== 1 || !r.entry || typeof r.entry.text !== 'string'
    || !Number.isSafeInteger(r.entry.seq) || !Number.isSafeInteger(r.treeSize) || !Array.isArray(r.inclusion) || typeof r.checkpoint !== 'string') {
    return { valid: false, reason: 'not a liaison.disclosure-log.receipt version 1' };
  }
  let checkpoint;
  try {
    checkpoint = checkpointFromNote(parseNote(r.checkpoint), trusted);
  } catch (error) {
    return { valid: false, reason: `the checkpoint does not verify: ${(error as Error).message}` };
  }
  const prevHash = hashFromHex(r.entry.prevHash);
  const recordedAtMs = Date.parse(r.entry.recordedAt);
  if (!prevHash || Number.isNaN(recordedAtMs)) return { valid: false, reason: 'the entry\'s predecessor hash or time is malformed' };
  if (checkpoint.seq !== r.treeSize) return { valid: false, reason: `the proof is for ${r.treeSize} entries, the checkpoint seals ${checkpoint.seq}` };
  const hash = chainHash(prevHash, r.entry.seq, recordedAtMs, entryDigest(r.entry.text));
  const proof = r.inclusion.map((h) => Buffer.from(String(h), 'base64'));
  if (!verifyInclusion(leafHash(hash), r.entry.seq - 1, r.treeSize, proof, checkpoint.root!)) {
    return { valid: false, reason: `entry ${r.entry.seq}, as given, is not in the log checkpoint ${checkpoint.number} seals` };
  }
  return { valid: true, seq: r.entry.seq, checkpointNumber: checkpoint.number! };
}
