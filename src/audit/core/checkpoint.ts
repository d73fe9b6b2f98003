import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * Signed checkpoints seal the chain head: "at `signedAt`, entry `seq` of the Liaison disclosure
 * log had hash `hash`", signed with Ed25519. Whoever holds only the public key can then tell
 * that no entry up to `seq` was altered, removed, inserted or reordered since — even by
 * someone able to rewrite the whole table and recompute every hash after it.
 *
 * The signed bytes are the UTF-8 canonical JSON (see canonical-json.ts) of
 *   {"hash":"<64 hex>","keyId":"<key id>","log":"liaison-disclosure-log","seq":<n>,"signedAt":"<ISO 8601 UTC ms>","v":1}
 * The key id is the first 16 hex digits of SHA-256 over the public key's DER (SPKI) form.
 */

export const CHECKPOINT_LOG_NAME = 'liaison-disclosure-log';
export const CHECKPOINT_VERSION = 1;

export interface Checkpoint {
  seq: number;
  hash: Buffer;
  signedAt: Date;
  keyId: string;
  signature: Buffer;
}

export interface AuditSigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The id of an Ed25519 public key (also accepts a private key: its public half is used). */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** The exact bytes a checkpoint's signature covers. */
export function checkpointStatement(checkpoint: Pick<Checkpoint, 'seq' | 'hash' | 'signedAt' | 'keyId'>): Buffer {
  return Buffer.from(canonicalJson({
    hash: checkpoint.hash.toString('hex'),
    keyId: checkpoint.keyId,
    log: CHECKPOINT_LOG_NAME,
    seq: checkpoint.seq,
    signedAt: checkpoint.signedAt.toISOString(),
    v: CHECKPOINT_VERSION,
  }), 'utf8');
}

export function signCheckpoint(key: AuditSigningKey, head: { seq: number; hash: Buffer }, signedAt: Date): Checkpoint {
  // Stored with millisecond precision: sign exactly what will be read back.
  const at = new Date(Math.floor(signedAt.getTime()));
  const unsigned = { seq: head.seq, hash: head.hash, signedAt: at, keyId: key.keyId };
  return { ...unsigned, signature: sign(null, checkpointStatement(unsigned), key.privateKey) };
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** Checks a checkpoint's signature against the trusted public keys (by key id). */
export function checkSignature(checkpoint: Checkpoint, trusted: ReadonlyMap<string, KeyObject>): SignatureCheck {
  const key = trusted.get(checkpoint.keyId);
  if (!key) return { valid: false, reason: `signed with key ${checkpoint.keyId}, which is not a trusted audit key` };
  let ok = false;
  try {
    ok = verify(null, checkpointStatement(checkpoint), key, checkpoint.signature);
  } catch {
    ok = false;
  }
  return ok ? { valid: true } : { valid: false, reason: `signature does not verify with key ${checkpoint.keyId}` };
}
