import { TokenRejected, verifyAccessToken, type VerifiedToken, type VerifyOptions } from './verify-token.js';
import type { TrustedIssuers } from './trusted-issuers.js';

/**
 * Verified tokens, remembered until they expire: a client sends the same token with every
 * request of a session, and the signature check (ES256/RS256) is a large share of a small
 * request's CPU. Only the exact bytes of a token that verified are remembered; expiry is
 * re-checked on every use, and everything else (agency, roles) is still checked per request
 * against the current policy snapshot.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, VerifiedToken>();

  constructor(
    private readonly issuers: TrustedIssuers,
    private readonly options: VerifyOptions,
    private readonly maxEntries = 10_000,
  ) {}

  verify(token: string, now = new Date()): VerifiedToken {
    const cached = this.entries.get(token);
    if (cached) {
      if (now.getTime() < cached.expiresAt.getTime() + this.options.clockToleranceSeconds * 1000) return cached;
      this.entries.delete(token);
      throw new TokenRejected('TokenExpiredError: jwt expired');
    }
    const verified = verifyAccessToken(token, this.issuers, { ...this.options, now });
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, verified);
    return verified;
  }
}
