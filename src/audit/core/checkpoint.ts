import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { noteKeyHash, type SignedNote } from './signed-note.js';

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
  /**
   * Numbered checkpoints (1, 2, 3 … with no gap; null for those signed before numbering) are
   * signed as a checkpoint note (see `checkpointNoteText`), which also carries the Merkle
   * root of entries 1…seq (RFC 9162), so that they can be published, witnessed and proved
   * against outside the database.
   */
  number: number | null;
  root: Buffer | null;
}

/** The key name the gateway signs checkpoint notes under. */
export const CHECKPOINT_SIGNER_NAME = CHECKPOINT_LOG_NAME;

/**
 * The text of a numbered checkpoint, in the C2SP checkpoint layout (origin, tree size, root
 * hash in base64) with extension lines:
 *   liaison-disclosure-log
 *   <seq>
 *   <base64 Merkle root of entries 1…seq>
 *   chain <hex hash(seq)>
 *   checkpoint <number>
 *   signed-at <ISO 8601 UTC ms>
 *   key <key id>
 */
export function checkpointNoteText(checkpoint: Pick<Checkpoint, 'seq' | 'hash' | 'signedAt' | 'keyId'> & { number: number; root: Buffer }): string {
  return [
    CHECKPOINT_LOG_NAME, String(checkpoint.seq), checkpoint.root.toString('base64'),
    `chain ${checkpoint.hash.toString('hex')}`, `checkpoint ${checkpoint.number}`,
    `signed-at ${checkpoint.signedAt.toISOString()}`, `key ${checkpoint.keyId}`, '',
  ].join('\n');
}

/** Reads a checkpoint note's text back (the signature is checked separately). */
export function parseCheckpointNoteText(text: string): Omit<Checkpoint, 'signature'> & { number: number; root: Buffer } {
  const lines = text.split('\n');
  const field = (i: number, prefix: string): string => {
    const line = lines[i] ?? '';
    if (!line.startsWith(prefix)) throw new Error(`line ${i + 1} of a checkpoint note should start "${prefix}"`);
    return line.slice(prefix.length);
  };
  if (lines[0] !== CHECKPOINT_LOG_NAME || lines.length !== 8 || lines[7] !== '') throw new Error(`not a ${CHECKPOINT_LOG_NAME} checkpoint note`);
  const seq = Number(lines[1]);
  const number = Number(field(4, 'checkpoint '));
  const signedAt = new Date(field(5, 'signed-at '));
  const root = Buffer.from(lines[2]!, 'base64');
  const hash = Buffer.from(field(3, 'chain '), 'hex');
  if (!Number.isSafeInteger(seq) || seq < 1 || !Number.isSafeInteger(number) || number < 1 || Number.isNaN(signedAt.getTime())
    || root.length !== 32 || hash.length !== 32) {
    throw new Error('a checkpoint note with a malformed size, number, time or hash');
  }
  return { seq, root, hash, number, signedAt, keyId: field(6, 'key ') };
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

/** The exact bytes a checkpoint's signature covers: its note text when numbered, else the version-1 statement. */
export function checkpointStatement(checkpoint: Pick<Checkpoint, 'seq' | 'hash' | 'signedAt' | 'keyId'> & Partial<Pick<Checkpoint, 'number' | 'root'>>): Buffer {
  if (checkpoint.number != null && checkpoint.root != null) {
    return Buffer.from(checkpointNoteText({ ...checkpoint, number: checkpoint.number, root: checkpoint.root }), 'utf8');
  }
  return Buffer.from(canonicalJson({
    hash: checkpoint.hash.toString('hex'),
    keyId: checkpoint.keyId,
    log: CHECKPOINT_LOG_NAME,
    seq: checkpoint.seq,
    signedAt: checkpoint.signedAt.toISOString(),
    v: CHECKPOINT_VERSION,
  }), 'utf8');
}

/**
 * Signs a checkpoint over the chain head: numbered, with the Merkle root of entries 1…seq,
 * as the sealer does; without `numbered`, the version-1 statement (kept for verifying old
 * checkpoints, and for tests of the chain alone).
 */
export function signCheckpoint(
  key: AuditSigningKey, head: { seq: number; hash: Buffer }, signedAt: Date, numbered?: { number: number; root: Buffer },
): Checkpoint {
  // Stored with millisecond precision: sign exactly what will be read back.
  const at = new Date(Math.floor(signedAt.getTime()));
  const unsigned = { seq: head.seq, hash: head.hash, signedAt: at, keyId: key.keyId, number: numbered?.number ?? null, root: numbered?.root ?? null };
  return { ...unsigned, signature: sign(null, checkpointStatement(unsigned), key.privateKey) };
}

/** A numbered checkpoint as a signed note (for publication). */
export function checkpointNote(checkpoint: Checkpoint, publicKey: KeyObject): SignedNote {
  if (checkpoint.number === null || checkpoint.root === null) throw new Error(`checkpoint at entry ${checkpoint.seq} predates numbered checkpoints`);
  return {
    text: checkpointNoteText({ ...checkpoint, number: checkpoint.number, root: checkpoint.root }),
    signatures: [{ name: CHECKPOINT_SIGNER_NAME, keyHash: noteKeyHash(CHECKPOINT_SIGNER_NAME, publicKey), signature: checkpoint.signature }],
  };
}

/** The gateway's checkpoint in a note (published or witnessed), its gateway signature checked against `trusted`. */
export function checkpointFromNote(note: SignedNote, trusted: ReadonlyMap<string, KeyObject>): Checkpoint {
  const fields = parseCheckpointNoteText(note.text);
  const key = trusted.get(fields.keyId);
  if (!key) throw new Error(`checkpoint ${fields.number} is signed with key ${fields.keyId}, which is not a trusted audit key`);
  const keyHash = noteKeyHash(CHECKPOINT_SIGNER_NAME, key);
  const own = note.signatures.find((s) => s.name === CHECKPOINT_SIGNER_NAME && s.keyHash.equals(keyHash));
  if (!own) throw new Error(`checkpoint ${fields.number} carries no signature by the gateway's key ${fields.keyId}`);
  const checkpoint = { ...fields, signature: own.signature };
  const check = checkSignature(checkpoint, trusted);
  if (!check.valid) throw new Error(`checkpoint ${fields.number}: ${check.reason}`);
  return checkpoint;
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
