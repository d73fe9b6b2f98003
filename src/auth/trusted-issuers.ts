import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { DEV_KEYS_DIR } from '../paths.js';
import { assertSecureKeyUrl } from './openid-discovery.js';
import { RemoteKeySet, type RemoteKeysConfig } from './remote-key-set.js';

/**
 * Token issuers the gateway trusts. Each issuer is bound to exactly one agency: a token from
 * the police issuer acts for the police, whatever its claims say (docs/architecture.md §2.1).
 * Algorithms are pinned per key (RS256 or ES256); keys are found by `kid` — among the keys
 * configured, and the keys the issuer publishes (JWKS, named or found by OpenID Connect
 * discovery), fetched and refreshed by a RemoteKeySet.
 */

export type TokenAlgorithm = 'RS256' | 'ES256';

export interface TrustedKeyConfig {
  kid: string;
  alg: TokenAlgorithm;
  /** PEM (SPKI) public key. */
  publicKey: string;
}

export interface TrustedIssuerConfig {
  issuer: string;
  agency: string;
  /** The `aud` this issuer's tokens must carry; absent or null: the gateway's LIAISON_JWT_AUDIENCE. */
  audience?: string | null;
  /** Keys pinned in configuration (may be empty when the issuer publishes its keys). */
  keys: TrustedKeyConfig[];
  /** The issuer publishes its keys: at `jwksUri`, or (no `jwksUri`) where its discovery document says. */
  remoteKeys?: RemoteKeysConfig;
  /** OpenID Connect sign-in for the console (authorization code + PKCE, a public client). */
  oidc?: { clientId: string; scope?: string };
}

export interface TrustedKey {
  kid: string;
  alg: TokenAlgorithm;
  key: KeyObject;
}

export interface TrustedIssuer {
  issuer: string;
  agency: string;
  audience?: string | null;
  keys: Pick<ReadonlyMap<string, TrustedKey>, 'get'>;
  /** The keys the issuer publishes, when it does. */
  remote?: RemoteKeySet;
}

/** Configured keys first, then the published ones. */
class IssuerKeys {
  constructor(private readonly pinned: ReadonlyMap<string, TrustedKey>, private readonly remote: RemoteKeySet) {}

  get(kid: string): TrustedKey | undefined {
    return this.pinned.get(kid) ?? this.remote.get(kid);
  }
}

export const DEV_ISSUER_PREFIX = 'urn:liaison:dev:';
export const DEV_KEY_ID = 'liaison-dev-es256';
const DEV_ISSUER = /^urn:liaison:dev:([A-Z][A-Z0-9_]{1,31})$/;

export const devIssuerFor = (agency: string): string => `${DEV_ISSUER_PREFIX}${agency}`;

export const DEV_JWT_PUBLIC_KEY_FILE = path.join(DEV_KEYS_DIR, 'DEVELOPMENT-ONLY-jwt-es256.public.pem');
export const DEV_JWT_PRIVATE_KEY_FILE = path.join(DEV_KEYS_DIR, 'DEVELOPMENT-ONLY-jwt-es256.private.pem');

/**
 * A key fetched from an issuer's JWKS: its algorithm from the JWK, or else from the key's
 * type; checked like a configured key, and never the public development key.
 */
function publishedKey(issuer: string, devKeyDer: Buffer) {
  return (kid: string, alg: TokenAlgorithm | undefined, publicKey: string): TrustedKey => {
    const key = createPublicKey(publicKey);
    if (key.export({ type: 'spki', format: 'der' }).equals(devKeyDer)) throw new Error('the DEVELOPMENT-ONLY key is never trusted from a published key set');
    return toTrustedKey({ kid, alg: alg ?? (key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256'), publicKey }, issuer);
  };
}

export function toTrustedKey(config: TrustedKeyConfig, issuer: string): TrustedKey {
  let key: KeyObject;
  try {
    key = createPublicKey(config.publicKey);
  } catch (error) {
    throw new Error(`issuer ${issuer}, key ${config.kid}: not a PEM public key (${(error as Error).message})`);
  }
  const expected = config.alg === 'ES256' ? 'ec' : 'rsa';
  if (key.asymmetricKeyType !== expected) {
    throw new Error(`issuer ${issuer}, key ${config.kid}: ${config.alg} needs an ${expected.toUpperCase()} key, found ${key.asymmetricKeyType}`);
  }
  if (config.alg === 'ES256' && key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`issuer ${issuer}, key ${config.kid}: ES256 needs a P-256 key`);
  }
  if (config.alg === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new Error(`issuer ${issuer}, key ${config.kid}: RS256 keys must be at least 2048 bits`);
  }
  return { kid: config.kid, alg: config.alg, key };
}

/**
 * A key of an issuer applied to the database, bound to its agency, as one comparable value:
 * a request's token is accepted only while the current reference data still holds exactly it.
 */
export const appliedKeyIdentity = (issuer: string, agency: string, kid: string, publicKeyPem: string): string =>
  JSON.stringify([issuer, agency, kid, publicKeyPem]);

/**
 * The keys an issuer applied to the database publishes (at its JWKS URI, or found by
 * discovery), bound to its agency, as one comparable value: its tokens signed with a
 * published key are accepted only while the reference data still names that source.
 */
export const appliedKeySourceIdentity = (issuer: string, agency: string, jwksUri: string | null): string =>
  JSON.stringify([issuer, agency, 'published', jwksUri ?? 'discovery']);

/** An identity provider offering the console's OpenID Connect sign-in. */
export interface SignInProvider {
  agency: string;
  issuer: string;
  clientId: string;
  scope: string;
}

export class TrustedIssuers {
  private readonly issuers = new Map<string, TrustedIssuer>();
  private readonly devKey: TrustedKey | undefined;
  private readonly devKeyDer: Buffer;
  /** `issuer kid` → identity, for the keys of issuers applied to the database. */
  private readonly appliedKeys = new Map<string, string>();
  /** issuer → identity of its published keys, for issuers applied to the database that publish them. */
  private readonly appliedKeySources = new Map<string, string>();
  /** The identity providers offering the console's sign-in, configured and applied. */
  readonly signInProviders: readonly SignInProvider[];

  /**
   * @param configured issuers from configuration
   * @param developmentIssuers whether `urn:liaison:dev:<AGENCY>` issuers, signed with the
   *   committed development key, are trusted (development mode only)
   * @param applied issuers applied to the database (`liaison setup apply`) when the process started
   */
  constructor(private readonly configured: readonly TrustedIssuerConfig[], developmentIssuers: boolean, applied: readonly TrustedIssuerConfig[] = []) {
    this.devKeyDer = createPublicKey(readFileSync(DEV_JWT_PUBLIC_KEY_FILE, 'utf8')).export({ type: 'spki', format: 'der' });
    for (const config of applied) {
      for (const key of config.keys) this.appliedKeys.set(`${config.issuer} ${key.kid}`, appliedKeyIdentity(config.issuer, config.agency, key.kid, key.publicKey));
      if (config.remoteKeys) this.appliedKeySources.set(config.issuer, appliedKeySourceIdentity(config.issuer, config.agency, config.remoteKeys.jwksUri ?? null));
    }
    this.signInProviders = [...configured, ...applied].flatMap((i) => (i.oidc
      ? [{ agency: i.agency, issuer: i.issuer, clientId: i.oidc.clientId, scope: i.oidc.scope ?? 'openid' }]
      : []));
    for (const config of [...configured, ...applied]) {
      if (this.issuers.has(config.issuer)) throw new Error(`issuer ${config.issuer} is configured twice`);
      if (DEV_ISSUER.test(config.issuer)) throw new Error(`issuer ${config.issuer} is reserved for development tokens`);
      const keys = new Map<string, TrustedKey>();
      for (const key of config.keys) {
        if (keys.has(key.kid)) throw new Error(`issuer ${config.issuer}: key id ${key.kid} appears twice`);
        keys.set(key.kid, toTrustedKey(key, config.issuer));
      }
      if (config.remoteKeys) {
        if (config.remoteKeys.jwksUri) assertSecureKeyUrl(config.remoteKeys.jwksUri, `jwksUri of ${config.issuer}`);
        else assertSecureKeyUrl(config.issuer, `issuer ${config.issuer} (OpenID Connect discovery)`);
        const remote = new RemoteKeySet(config.issuer, config.remoteKeys, publishedKey(config.issuer, this.devKeyDer));
        this.issuers.set(config.issuer, { issuer: config.issuer, agency: config.agency, audience: config.audience ?? null, keys: new IssuerKeys(keys, remote), remote });
      } else {
        this.issuers.set(config.issuer, { issuer: config.issuer, agency: config.agency, audience: config.audience ?? null, keys });
      }
    }
    this.devKey = developmentIssuers
      ? toTrustedKey({ kid: DEV_KEY_ID, alg: 'ES256', publicKey: readFileSync(DEV_JWT_PUBLIC_KEY_FILE, 'utf8') }, 'development')
      : undefined;
  }

  /** The issuer and its agency binding, or undefined if not trusted. */
  resolve(issuer: string): TrustedIssuer | undefined {
    const configured = this.issuers.get(issuer);
    if (configured) return configured;
    const dev = this.devKey ? DEV_ISSUER.exec(issuer) : null;
    if (dev && this.devKey) return { issuer, agency: dev[1]!, keys: new Map([[DEV_KEY_ID, this.devKey]]) };
    return undefined;
  }

  /**
   * For a key of an issuer applied to the database: its identity, which the current reference
   * data must still hold (a withdrawn issuer or key stops at once, not at the next start).
   * Undefined for configured and development issuers.
   */
  appliedKeyIdentity(issuer: string, kid: string): string | undefined {
    // A listed key verifies before a published one under the same kid (IssuerKeys.get).
    return this.appliedKeys.get(`${issuer} ${kid}`) ?? this.appliedKeySources.get(issuer);
  }

  /**
   * Fetches every publishing issuer's keys now, and keeps refreshing them until `stop()`. An
   * identity provider that does not answer is logged; its tokens verify once it does.
   */
  async start(log: Logger): Promise<void> {
    await Promise.all([...this.issuers.values()].map((issuer) => issuer.remote?.start(log)));
  }

  stop(): void {
    for (const issuer of this.issuers.values()) issuer.remote?.stop();
  }

  /**
   * Before a token is verified: if its issuer publishes its keys and the token names a key id
   * not held, fetch the issuer's keys again (rate-limited). Returns why the key is still
   * missing, if it is (for the log), else null.
   */
  async lookUpKey(iss: string, kid: string): Promise<string | null> {
    const issuer = this.issuers.get(iss);
    if (!issuer?.remote || issuer.keys.get(kid)) return null;
    return issuer.remote.lookUpUnknown(kid);
  }

  /** Whether a configured (non-development) issuer uses the public development key. */
  configuredWithDevelopmentKey(): boolean {
    for (const config of this.configured) {
      for (const key of config.keys) {
        if (createPublicKey(key.publicKey).export({ type: 'spki', format: 'der' }).equals(this.devKeyDer)) return true;
      }
    }
    return false;
  }

  get configuredCount(): number {
    return this.issuers.size;
  }

  get developmentIssuersTrusted(): boolean {
    return this.devKey !== undefined;
  }
}
