import jwt from 'jsonwebtoken';
import type { TrustedIssuers } from './trusted-issuers.js';

/** The verified content of an access token. */
export interface VerifiedToken {
  issuer: string;
  /** From the issuer binding, never from a claim. */
  agencyCode: string;
  userId: string;
  roles: string[];
  expiresAt: Date;
  /** The issuer's key that signed it (`kid`). */
  keyId: string;
}

/**
 * Why a token was refused. The reason goes to the server log only; the caller receives a
 * generic UNAUTHENTICATED, so probing reveals nothing about keys or issuers.
 */
export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface VerifyOptions {
  audience: string;
  clockToleranceSeconds: number;
  maxLifetimeSeconds: number;
  now?: Date;
}

const ALGORITHMS = new Set(['RS256', 'ES256']);
const ROLE = /^[A-Z][A-Z0-9_]{1,63}$/;
const MAX_TOKEN_LENGTH = 8192;

export function verifyAccessToken(token: string, issuers: TrustedIssuers, options: VerifyOptions): VerifiedToken {
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejected('token too large');
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload !== 'object') throw new TokenRejected('malformed token');
  const { header } = decoded;
  if (!ALGORITHMS.has(header.alg)) throw new TokenRejected(`algorithm ${String(header.alg)} not accepted`);
  if (typeof header.kid !== 'string') throw new TokenRejected('no key id (kid) in header');
  const iss = decoded.payload.iss;
  if (typeof iss !== 'string') throw new TokenRejected('no issuer (iss)');
  const issuer = issuers.resolve(iss);
  if (!issuer) throw new TokenRejected(`untrusted issuer ${iss}`);
  const key = issuer.keys.get(header.kid);
  if (!key) throw new TokenRejected(`unknown key id ${header.kid} for issuer ${iss}`);
  if (key.alg !== header.alg) throw new TokenRejected(`key ${header.kid} is ${key.alg}, token says ${header.alg}`);

  const now = options.now ?? new Date();
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(token, key.key, {
      algorithms: [key.alg],
      issuer: iss,
      audience: issuer.audience ?? options.audience,
      clockTolerance: options.clockToleranceSeconds,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    }) as jwt.JwtPayload;
  } catch (error) {
    throw new TokenRejected(`${(error as Error).name}: ${(error as Error).message}`);
  }

  if (typeof payload.exp !== 'number') throw new TokenRejected('no expiry (exp)');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // jsonwebtoken does not check `iat`: a token "issued" years ahead with `exp = iat + 1 h`
  // would pass the lifetime check below and stay valid for years.
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + options.clockToleranceSeconds) {
    throw new TokenRejected(`issued in the future (iat ${payload.iat}, now ${nowSeconds})`);
  }
  // Both the lifetime the token declares (exp − iat) and the one left from now (exp − now)
  // are bounded: neither an early nor a late `iat` stretches how long it is accepted.
  const lifetime = payload.exp - Math.min(typeof payload.iat === 'number' ? payload.iat : nowSeconds, nowSeconds);
  if (lifetime > options.maxLifetimeSeconds) {
    throw new TokenRejected(`lifetime ${lifetime}s exceeds ${options.maxLifetimeSeconds}s`);
  }
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200) {
    throw new TokenRejected('no valid subject (sub)');
  }
  const claimedAgency = (payload as { agency?: unknown }).agency;
  if (claimedAgency !== undefined && claimedAgency !== issuer.agency) {
    throw new TokenRejected(`issuer ${iss} is bound to ${issuer.agency}, token claims ${String(claimedAgency)}`);
  }
  const roles = (payload as { roles?: unknown }).roles;
  if (!Array.isArray(roles) || roles.length === 0 || roles.length > 20 || !roles.every((r) => typeof r === 'string' && ROLE.test(r))) {
    throw new TokenRejected('roles claim must be a non-empty array of role names');
  }
  return {
    issuer: iss,
    agencyCode: issuer.agency,
    userId: payload.sub,
    roles: [...new Set(roles as string[])].sort(),
    expiresAt: new Date(payload.exp * 1000),
    keyId: header.kid,
  };
}
