import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, DEV_AUDIT_PUBLIC_KEY_FILE, type Config } from '../config.js';
import { keyIdOf, type AuditSigningKey } from './core/checkpoint.js';

/**
 * The keys of the disclosure log: the Ed25519 key that signs checkpoints (from
 * LIAISON_AUDIT_SIGNING_KEY; the committed development key by default in development mode)
 * and the public keys whose checkpoints are trusted when verifying (the signing key's own,
 * plus LIAISON_AUDIT_PUBLIC_KEYS for keys retired by rotation).
 */
export interface AuditKeys {
  signer: AuditSigningKey | null;
  trusted: ReadonlyMap<string, KeyObject>;
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${what}: cannot read ${file}: ${(error as Error).message}`);
  }
}

function ed25519(key: KeyObject, what: string, file: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${what}: ${file} is a ${key.asymmetricKeyType ?? 'non-asymmetric'} key; Ed25519 is required`);
  return key;
}

export function loadSigningKey(file: string): AuditSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readPem(file, 'LIAISON_AUDIT_SIGNING_KEY'));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`LIAISON_AUDIT_SIGNING_KEY: ${file} is not a PEM private key (${(error as Error).message})`);
  }
  ed25519(privateKey, 'LIAISON_AUDIT_SIGNING_KEY', file);
  return { privateKey, publicKey: createPublicKey(privateKey), keyId: keyIdOf(privateKey) };
}

export function loadPublicKey(file: string, what = 'audit public key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(readPem(file, what));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${what}: ${file} is not a PEM public key (${(error as Error).message})`);
  }
  return ed25519(key, what, file);
}

/** Public keys by key id. */
export const trustedKeys = (keys: readonly KeyObject[]): Map<string, KeyObject> => new Map(keys.map((k) => [keyIdOf(k), k]));

export function loadAuditKeys(config: Config): AuditKeys {
  const signer = config.audit.signingKeyFile ? loadSigningKey(config.audit.signingKeyFile) : null;
  const publicKeys = config.audit.publicKeyFiles.map((f) => loadPublicKey(f, 'LIAISON_AUDIT_PUBLIC_KEYS'));
  return { signer, trusted: trustedKeys([...(signer ? [signer.publicKey] : []), ...publicKeys]) };
}

/** The id of the committed DEVELOPMENT-ONLY audit key, which production must neither sign with nor trust. */
export const developmentAuditKeyId = (): string => keyIdOf(createPublicKey(readFileSync(DEV_AUDIT_PUBLIC_KEY_FILE, 'utf8')));
