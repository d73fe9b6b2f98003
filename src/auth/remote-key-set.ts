import type { JwksClient } from 'jwks-rsa';
import type { Logger } from 'pino';
import { discoverJwksUri } from './openid-discovery.js';
import type { TokenAlgorithm, TrustedKey } from './trusted-issuers.js';

/** Turns a fetched public key into a trusted key, checking it as a configured key is checked; throws to skip it. */
export type KeyAcceptance = (kid: string, alg: TokenAlgorithm | undefined, publicKeyPem: string) => TrustedKey;

/** Where an issuer publishes its keys, and how often they are fetched again. */
export interface RemoteKeysConfig {
  /** The JWKS document; unset: found through OpenID Connect discovery of the issuer. */
  jwksUri?: string;
  /** Fetch the whole key set again this often, so keys the issuer withdrew stop verifying (seconds). */
  refreshSeconds: number;
  /** A token with a key id not in the set fetches it again — at most once per this many seconds. */
  unknownKeyCooldownSeconds: number;
  /** Each fetch gives up after this long (ms). */
  timeoutMs: number;
}

export const REMOTE_KEY_DEFAULTS = { refreshSeconds: 300, unknownKeyCooldownSeconds: 30, timeoutMs: 5_000 } as const;

/**
 * An issuer's signing keys, fetched from its JWKS endpoint (with `jwks-rsa`, which fetches the
 * document and turns its JWKs into public keys) and kept here, last known good:
 *
 * - refreshed every `refreshSeconds`, the fetched set replacing the previous one — a key the
 *   issuer withdrew stops verifying within that time;
 * - refreshed when a token names a key id we do not hold (the issuer rotated: no restart
 *   needed), at most once per `unknownKeyCooldownSeconds` however many such tokens arrive, so
 *   tokens with invented key ids cannot make us hammer the identity provider;
 * - when a fetch fails (the identity provider is down), the keys already held keep verifying
 *   and unknown key ids are refused.
 *
 * `jwks-rsa`'s own cache is not used: it forgets a key when its entry ages out, so an outage
 * longer than the cache's lifetime would refuse every token.
 */
export class RemoteKeySet {
  private keys = new Map<string, TrustedKey>();
  private lastAttempt = 0;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private client: JwksClient | undefined;
  private log: Logger | undefined;
  /** Why the last fetch failed, for the reason a token is refused; null after a success. */
  private lastError: string | null = null;

  constructor(private readonly issuer: string, private readonly config: RemoteKeysConfig, private readonly accept: KeyAcceptance) {}

  get(kid: string): TrustedKey | undefined {
    return this.keys.get(kid);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Fetches the keys now and every `refreshSeconds` from then on; a failure is logged, not thrown. */
  async start(log: Logger): Promise<void> {
    this.log = log;
    await this.refresh().catch(() => undefined);
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.config.refreshSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Called for a token whose key id is not held: fetches the set again unless one was fetched
   * (or tried) within the cooldown. Resolves either way; the caller then looks the key up.
   */
  async lookUpUnknown(kid: string): Promise<string | null> {
    if (this.keys.has(kid)) return null;
    const sinceLast = Date.now() - this.lastAttempt;
    if (this.inFlight) await this.inFlight.catch(() => undefined);
    else if (sinceLast >= this.config.unknownKeyCooldownSeconds * 1000) await this.refresh().catch(() => undefined);
    else return `key set of ${this.issuer} fetched ${Math.round(sinceLast / 1000)}s ago; next fetch for an unknown key id after ${this.config.unknownKeyCooldownSeconds}s`;
    return this.lastError;
  }

  /** One fetch at a time; concurrent callers share it. */
  private refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    this.lastAttempt = Date.now();
    try {
      // Loaded when first needed: the CLI's commands share this module and never fetch keys.
      const { JwksClient: Client } = await import('jwks-rsa');
      this.client ??= new Client({
        jwksUri: this.config.jwksUri ?? await discoverJwksUri(this.issuer, this.config.timeoutMs),
        cache: false,
        rateLimit: false,
        timeout: this.config.timeoutMs,
      });
      const signingKeys = await this.client.getSigningKeys();
      const next = new Map<string, TrustedKey>();
      const skipped: string[] = [];
      for (const signingKey of signingKeys) {
        const alg = (signingKey as { alg?: string }).alg;
        try {
          if (!signingKey.kid) throw new Error('no kid');
          if (alg !== undefined && alg !== 'RS256' && alg !== 'ES256') throw new Error(`algorithm ${alg} not accepted`);
          const key = this.accept(signingKey.kid, alg as TokenAlgorithm | undefined, signingKey.getPublicKey());
          next.set(key.kid, key);
        } catch (error) {
          skipped.push(`${signingKey.kid ?? '(no kid)'}: ${(error as Error).message}`);
        }
      }
      const added = [...next.keys()].filter((kid) => !this.keys.has(kid));
      const withdrawn = [...this.keys.keys()].filter((kid) => !next.has(kid));
      this.keys = next;
      this.lastError = null;
      if (added.length || withdrawn.length || skipped.length) {
        this.log?.info({ issuer: this.issuer, keys: [...next.keys()], added, withdrawn, skipped }, 'issuer signing keys updated');
      }
    } catch (error) {
      this.lastError = `key set of ${this.issuer} unavailable: ${(error as Error).message}`;
      this.log?.warn({ issuer: this.issuer, err: (error as Error).message, keptKeys: [...this.keys.keys()] }, 'issuer signing keys could not be fetched; keeping the last known keys');
      throw error;
    }
  }
}
