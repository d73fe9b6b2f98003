import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { developmentAuditKeyId, loadSigningKey } from '../../src/audit/audit-keys.js';
import { checkpointFromNote, checkpointNote, checkpointStatement, checkSignature, keyIdOf, signCheckpoint } from '../../src/audit/core/checkpoint.js';
import { formatNote, hasValidSignature, noteSignature, parseNote } from '../../src/audit/core/signed-note.js';
import { DEV_AUDIT_SIGNING_KEY_FILE } from '../../src/config.js';

describe('checkpoints', () => {
  const key = loadSigningKey(DEV_AUDIT_SIGNING_KEY_FILE);
  const head = { seq: 42, hash: Buffer.alloc(32, 0xab) };
  const at = new Date('2026-03-15T10:30:00.123Z');

  it('sign the canonical statement of (seq, hash, time, key)', () => {
    const checkpoint = signCheckpoint(key, head, at);
    expect(checkpointStatement(checkpoint).toString('utf8')).toBe(
      `{"hash":"${'ab'.repeat(32)}","keyId":"${key.keyId}","log":"liaison-disclosure-log","seq":42,"signedAt":"2026-03-15T10:30:00.123Z","v":1}`);
    expect(key.keyId).toBe(developmentAuditKeyId());
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(checkSignature(checkpoint, new Map([[key.keyId, key.publicKey]]))).toEqual({ valid: true });
  });

  it('any change to what was signed breaks the signature', () => {
    const trusted = new Map([[key.keyId, key.publicKey]]);
    const checkpoint = signCheckpoint(key, head, at);
    for (const forged of [
      { ...checkpoint, seq: 43 },
      { ...checkpoint, hash: Buffer.alloc(32, 0xac) },
      { ...checkpoint, signedAt: new Date(at.getTime() + 1) },
      { ...checkpoint, signature: Buffer.from(checkpoint.signature.map((b, i) => (i === 0 ? b ^ 1 : b))) },
    ]) {
      expect(checkSignature(forged, trusted)).toMatchObject({ valid: false });
    }
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(checkSignature(checkpoint, new Map([[keyIdOf(other), other]]))).toMatchObject({ valid: false, reason: expect.stringContaining('not a trusted audit key') });
  });

  it('numbered checkpoints sign a C2SP-style note carrying the Merkle root, which a witness can cosign', () => {
    const trusted = new Map([[key.keyId, key.publicKey]]);
    const root = Buffer.alloc(32, 0xcd);
    const checkpoint = signCheckpoint(key, head, at, { number: 7, root });
    const note = checkpointNote(checkpoint, key.publicKey);
    expect(note.text).toBe(`liaison-disclosure-log\n42\n${root.toString('base64')}\nchain ${'ab'.repeat(32)}\ncheckpoint 7\nsigned-at 2026-03-15T10:30:00.123Z\nkey ${key.keyId}\n`);
    expect(checkSignature(checkpoint, trusted)).toEqual({ valid: true });
    const serialised = formatNote(note);
    expect(serialised).toMatch(/\n\n— liaison-disclosure-log [A-Za-z0-9+/]{91}=\n$/);
    expect(checkpointFromNote(parseNote(serialised), trusted)).toEqual(checkpoint);

    const witness = generateKeyPairSync('ed25519');
    const cosigned = { ...note, signatures: [...note.signatures, noteSignature(note.text, 'inspectorate.example', witness.privateKey, witness.publicKey)] };
    const reread = parseNote(formatNote(cosigned));
    expect(hasValidSignature(reread, 'inspectorate.example', witness.publicKey)).toBe(true);
    expect(checkpointFromNote(reread, trusted)).toEqual(checkpoint);
    // The text cannot change under either signature.
    const forged = parseNote(formatNote(cosigned).replace('checkpoint 7', 'checkpoint 6'));
    expect(hasValidSignature(forged, 'inspectorate.example', witness.publicKey)).toBe(false);
    expect(() => checkpointFromNote(forged, trusted)).toThrow(/signature does not verify/);
    expect(() => checkpointFromNote(reread, new Map())).toThrow(/not a trusted audit key/);
  });
});
