import jwt from 'jsonwebtoken';
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

  async verify(token: string, now = new Date()): Promise<VerifiedToken> {
    const cached = this.entries.get(token);
    if (cached) {
      if (now.getTime() < cached.expiresAt.getTime() + this.options.clockToleranceSeconds * 1000) return cached;
      this.entries.delete(token);
      throw new TokenRejected('TokenExpiredError: jwt expired');
    }
    const missing = await this.lookUpKey(token);
    let verified: VerifiedToken;
    try {
      verified = verifyAccessToken(token, this.issuers, { ...this.options, now });
    } catch (error) {
      if (error instanceof TokenRejected && missing) throw new TokenRejected(`${error.reason} (${missing})`);
      throw error;
    }
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, verified);
    return verified;
  }

  /** An issuer that publishes its keys may have rotated to a key id we have not fetched yet. */
  private async lookUpKey(token: string): Promise<string | null> {
    if (token.length > 8192) return null; // refused by verifyAccessToken, undecoded
    const decoded = jwt.decode(token, { complete: true });
    const iss = decoded && typeof decoded.payload === 'object' ? decoded.payload.iss : undefined;
    const kid = decoded?.header.kid;
    if (typeof iss !== 'string' || typeof kid !== 'string') return null;
    return this.issuers.lookUpKey(iss, kid);
  }
}
