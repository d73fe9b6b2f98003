import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * An endpoint's signing secret (Standard Webhooks: `whsec_` + base64 of 24–64 random bytes).
 * It is shown once, at registration or rotation. HMAC signing needs the secret itself, so it
 * is stored encrypted (AES-256-GCM under LIAISON_WEBHOOK_SECRET_KEY), never in clear: a copy
 * of the database without the key signs nothing.
 */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealSecret(secret: string, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function openSecret(sealed: Buffer, key: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
