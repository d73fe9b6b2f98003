import { describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { TrustedIssuers } from '../../src/auth/trusted-issuers.js';
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
});
