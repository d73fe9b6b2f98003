import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { DEV_JWT_PRIVATE_KEY_FILE, DEV_KEY_ID, devIssuerFor } from './trusted-issuers.js';

export interface DevelopmentTokenRequest {
  agency: string;
  roles: readonly string[];
  userId?: string;
  ttlSeconds?: number;
  audience?: string;
}

/**
 * A token from the development issuer of `agency`, signed with the committed development
 * key. Accepted only by a gateway in development mode.
 */
export function mintDevelopmentToken(request: DevelopmentTokenRequest): string {
  const privateKey = readFileSync(DEV_JWT_PRIVATE_KEY_FILE, 'utf8');
  return jwt.sign({ roles: [...request.roles] }, privateKey, {
    algorithm: 'ES256',
    keyid: DEV_KEY_ID,
    issuer: devIssuerFor(request.agency),
    audience: request.audience ?? 'liaison',
    subject: request.userId ?? `dev-${request.agency.toLowerCase()}-${request.roles[0]?.toLowerCase() ?? 'user'}`,
    expiresIn: request.ttlSeconds ?? 3600,
  });
}
