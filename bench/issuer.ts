import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';

/**
 * The benchmark runs the gateway in production mode, as deployed: its tokens come from a
 * benchmark identity provider, and its disclosure log is signed, with key pairs generated for
 * this run (never the committed development keys, which production mode refuses).
 */
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const dir = mkdtempSync(path.join(tmpdir(), 'liaison-bench-issuer-'));
const issuers = [
  { issuer: 'https://idp.bench.example/police', agency: 'POLICE' },
  { issuer: 'https://idp.bench.example/probation', agency: 'PROBATION' },
  { issuer: 'https://idp.bench.example/prisons', agency: 'PRISONS' },
  { issuer: 'https://idp.bench.example/inspectorate', agency: 'INSPECTORATE' },
].map((i) => ({ ...i, keys: [{ kid: 'bench-1', alg: 'ES256', publicKey: publicKey.export({ type: 'spki', format: 'pem' }) }] }));

export const TRUSTED_ISSUERS_FILE = path.join(dir, 'trusted-issuers.json');
writeFileSync(TRUSTED_ISSUERS_FILE, JSON.stringify(issuers));

/** The disclosure log's checkpoint-signing key for this run (production refuses the development key). */
export const AUDIT_SIGNING_KEY_FILE = path.join(dir, 'audit-signing.pem');
writeFileSync(AUDIT_SIGNING_KEY_FILE, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));

export function benchToken(agency: string, roles: string[], userId: string): string {
  const issuer = issuers.find((i) => i.agency === agency)!.issuer;
  return jwt.sign({ roles }, privateKey, { algorithm: 'ES256', keyid: 'bench-1', issuer, audience: 'liaison', subject: userId, expiresIn: 12 * 3600 });
}
