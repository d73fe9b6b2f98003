import { createHash, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Signed notes (C2SP signed-note), the form in which checkpoints leave the database: a text,
 * a blank line, then one line per signature, `— <key name> <base64(key hash ‖ signature)>`.
 * The key hash is the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ the 32-byte Ed25519
 * public key), so a verifier finds the signature it can check among others'. The gateway
 * signs; a witness (the inspectorate) adds its own signature to the same text once it has
 * checked that the checkpoint extends the ones it already holds (C2SP tlog-witness).
 */

const SIGNATURE_PREFIX = '— ';
const ED25519_ALGORITHM = 0x01;
const NAME = /^[^\s+]+$/;

export interface NoteSignature {
  name: string;
  keyHash: Buffer;
  signature: Buffer;
}

export interface SignedNote {
  /** The signed text, ending with a newline. */
  text: string;
  signatures: NoteSignature[];
}

export class MalformedNote extends Error {}

/** The raw 32-byte Ed25519 public key. */
function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
}

export function noteKeyHash(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519_ALGORITHM]), rawPublicKey(publicKey)])).digest().subarray(0, 4);
}

export function noteSignature(text: string, name: string, privateKey: KeyObject, publicKey: KeyObject): NoteSignature {
  if (!NAME.test(name)) throw new MalformedNote(`a key name has no spaces or "+": "${name}"`);
  return { name, keyHash: noteKeyHash(name, publicKey), signature: sign(null, Buffer.from(text, 'utf8'), privateKey) };
}

export function formatNote(note: SignedNote): string {
  if (!note.text.endsWith('\n')) throw new MalformedNote('a note text ends with a newline');
  const lines = note.signatures.map((s) => `${SIGNATURE_PREFIX}${s.name} ${Buffer.concat([s.keyHash, s.signature]).toString('base64')}\n`);
  return `${note.text}\n${lines.join('')}`;
}

export function parseNote(serialised: string): SignedNote {
  const split = serialised.lastIndexOf('\n\n');
  if (split < 0) throw new MalformedNote('no blank line between the text and its signatures');
  const text = serialised.slice(0, split + 1);
  const signatures = serialised.slice(split + 2).split('\n').filter((line) => line !== '').map((line) => {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new MalformedNote(`not a signature line: "${line.slice(0, 40)}"`);
    const [name, encoded, ...rest] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    const bytes = Buffer.from(encoded ?? '', 'base64');
    if (!name || !NAME.test(name) || rest.length > 0 || bytes.length !== 4 + 64) throw new MalformedNote(`not a signature line: "${line.slice(0, 40)}"`);
    return { name, keyHash: bytes.subarray(0, 4), signature: bytes.subarray(4) };
  });
  if (signatures.length === 0) throw new MalformedNote('the note has no signature');
  return { text, signatures };
}

/** Whether `note` carries a valid signature by `publicKey` under `name`. */
export function hasValidSignature(note: SignedNote, name: string, publicKey: KeyObject): boolean {
  const keyHash = noteKeyHash(name, publicKey);
  return note.signatures.some((s) => s.name === name && s.keyHash.equals(keyHash) && verifySafely(note.text, s.signature, publicKey));
}

function verifySafely(text: string, signature: Buffer, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, signature);
  } catch {
    return false;
  }
}
