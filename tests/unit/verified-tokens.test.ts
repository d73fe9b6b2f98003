import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { DEV_JWT_PRIVATE_KEY_FILE, DEV_KEY_ID, TrustedIssuers } from '../../src/auth/trusted-issuers.js';
import { VerifiedTokens } from '../../src/auth/verified-tokens.js';
import { TokenRejected } from '../../src/auth/verify-token.js';

const options = { audience: 'liaison', clockToleranceSeconds: 0, maxLifetimeSeconds: 3600 };

describe('verified tokens', () => {
  it('remember a verified token until it expires, then refuse it', async () => {
    const tokens = new VerifiedTokens(new TrustedIssuers([], true), options);
    const token = mintDevelopmentToken({ agency: 'POLICE', roles: ['ANALYST'], ttlSeconds: 60 });
    const now = new Date();
    const first = await tokens.verify(token, now);
    expect(await tokens.verify(token, new Date(now.getTime() + 30_000))).toBe(first);
    await expect(tokens.verify(token, new Date(now.getTime() + 61_000))).rejects.toThrow(TokenRejected);
  });

  it('never remember a token that failed, nor accept one another process would refuse', async () => {
    const trusting = new VerifiedTokens(new TrustedIssuers([], true), options);
    const token = mintDevelopmentToken({ agency: 'POLICE', roles: ['ANALYST'] });
    await trusting.verify(token);
    // A gateway that does not trust development tokens refuses it, whatever another one remembered.
    await expect(new VerifiedTokens(new TrustedIssuers([], false), options).verify(token)).rejects.toThrow(TokenRejected);
    const forged = `${token.slice(0, -4)}AAAA`;
    await expect(trusting.verify(forged)).rejects.toThrow(TokenRejected);
    await expect(trusting.verify(forged)).rejects.toThrow(TokenRejected);
  });

  it('refuse a token issued in the future, and bound what is left of a lifetime from now', async () => {
    const tokens = new VerifiedTokens(new TrustedIssuers([], true), { ...options, clockToleranceSeconds: 30 });
    const now = new Date();
    const mintedAt = (offsetSeconds: number) => jwt.sign({ roles: ['ANALYST'], iat: Math.floor(now.getTime() / 1000) + offsetSeconds }, readFileSync(DEV_JWT_PRIVATE_KEY_FILE, 'utf8'), {
      algorithm: 'ES256', keyid: DEV_KEY_ID, issuer: 'urn:liaison:dev:POLICE', audience: 'liaison', subject: 'dev-police-analyst', expiresIn: 3600,
    });
    await expect(tokens.verify(mintedAt(10 * 365 * 24 * 3600), now)).rejects.toThrow(/issued in the future/);
    await expect(tokens.verify(mintedAt(31), now)).rejects.toThrow(/issued in the future/);
    // Within the tolerance, but then more than the maximum lifetime is left from now.
    await expect(tokens.verify(mintedAt(20), now)).rejects.toThrow(/lifetime 3620s exceeds 3600s/);
    expect((await tokens.verify(mintedAt(0), now)).userId).toBe('dev-police-analyst');
  });
});
