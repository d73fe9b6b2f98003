import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';

export const TEST_ISSUER = 'https://idp.police.test/realms/liaison';
export const TEST_KEY_ID = 'test-2026-01';

export interface ProductionIssuer {
  /** Environment for a production-mode gateway trusting only this issuer (bound to POLICE). */
  env: Record<string, string>;
  /** The issuer's public key, PEM (SPKI), as configured. */
  publicKeyPem: string;
  /** A token from this issuer. */
  token(claims?: { roles?: string[]; sub?: string; [claim: string]: unknown }, options?: jwt.SignOptions): string;
  remove(): Promise<void>;
}

/**
 * A production identity provider for tests: a freshly generated RS256 key pair (never the
 * committed development key) and a trusted-issuer file in a temporary directory.
 */
export async function createProductionIssuer(): Promise<ProductionIssuer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liaison-issuer-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  await writeFile(path.join(dir, 'police.pem'), publicKeyPem);
  const file = path.join(dir, 'issuers.json');
  await writeFile(file, JSON.stringify([{ issuer: TEST_ISSUER, agency: 'POLICE', keys: [{ kid: TEST_KEY_ID, alg: 'RS256', publicKeyFile: 'police.pem' }] }]));
  const signer: KeyObject = privateKey;
  return {
    env: { LIAISON_MODE: 'production', LIAISON_TRUSTED_ISSUERS: file },
    publicKeyPem,
    token: ({ roles = ['ANALYST'], sub = 'prod-analyst-1', ...extra } = {}, options = {}) => jwt.sign({ ...extra, roles }, signer, {
      algorithm: 'RS256', keyid: TEST_KEY_ID, issuer: TEST_ISSUER, audience: 'liaison', subject: sub, expiresIn: 600, ...options,
    }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
