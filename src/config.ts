import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { REMOTE_KEY_DEFAULTS, type RemoteKeysConfig } from './auth/remote-key-set.js';
import type { TrustedIssuerConfig } from './auth/trusted-issuers.js';
import { DEFAULT_RANDOM_PAGE_COST } from './db/planner-settings.js';
import { DEV_KEYS_DIR } from './paths.js';

/** The committed development key for signing disclosure-log checkpoints (development mode only). */
export const DEV_AUDIT_SIGNING_KEY_FILE = path.join(DEV_KEYS_DIR, 'DEVELOPMENT-ONLY-audit-ed25519.private.pem');
export const DEV_AUDIT_PUBLIC_KEY_FILE = path.join(DEV_KEYS_DIR, 'DEVELOPMENT-ONLY-audit-ed25519.public.pem');

/**
 * Configuration, from the environment only. Every variable is listed in the README.
 * Development mode (the default for `npm start`) trusts the committed development key
 * pairs; production mode refuses to start with them.
 */
export type Mode = 'development' | 'production';

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  /** DATABASE_URL; null → the embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  jwt: {
    audience: string;
    /** Issuers from LIAISON_TRUSTED_ISSUERS (a JSON file). Development issuers are added in development mode. */
    issuers: TrustedIssuerConfig[];
    clockToleranceSeconds: number;
    /** Tokens valid for longer than this (exp − iat) are refused. */
    maxLifetimeSeconds: number;
  };
  /** Load the demo data set on first start (an empty database). */
  seedOnFirstStart: boolean;
  /**
   * statementTimeoutMs: the server's limit on a statement; the client also gives up on any
   * query 0.5 s after it (a server that stops answering). connectTimeoutMs: the longest wait
   * for a connection, from the pool or a new one. randomPageCost: the planner's cost of a
   * random page read on the gateway's connections (src/db/planner-settings.ts); null keeps the
   * server's setting.
   */
  db: { poolSize: number; statementTimeoutMs: number; connectTimeoutMs: number; randomPageCost: number | null };
  logLevel: string;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: readonly string[];
  /** LIAISON_METRICS_TOKEN: the bearer secret `/metrics` requires; null: open in development, closed in production. */
  metricsToken: string | null;
  audit: {
    /** PEM (PKCS#8) Ed25519 private key signing checkpoints; the development key by default in development mode. */
    signingKeyFile: string | null;
    /** More PEM public keys whose checkpoints verify (keys retired by rotation). */
    publicKeyFiles: string[];
    /** Seal the chain head at least this often while entries arrive (seconds; 0: only on demand). */
    checkpointIntervalSeconds: number;
    /** Seal sooner once this many entries are unsealed. */
    checkpointEveryEntries: number;
    /** An entry not written within this time fails its request closed (ms). */
    writeTimeoutMs: number;
    /** Where each checkpoint is published as a signed note as it is signed, and read back by verification; null: not published. */
    checkpointDir: string | null;
  };
  /** Query limits: a request over any of them is refused with QUERY_TOO_COMPLEX before any resolver runs. */
  queryLimits: QueryLimits;
  /** Request rate limits, shared by every gateway process on the database. */
  rateLimits: RateLimits;
  limitSync: LimitSync;
  /** The GraphiQL IDE at `GET /graphql` (always in development mode; LIAISON_GRAPHIQL=true in production). */
  graphiql: boolean;
  /** Alerts: record-change subscriptions (src/alerts), webhooks and correction notices (src/webhooks, src/notices). */
  alerts: AlertSettings;
}

export interface AlertSettings {
  /** Days each change's policy images are kept: how far back a subscription can resume. */
  imageRetentionDays: number;
  /** Subscriptions one WebSocket connection may hold. */
  maxSubscriptionsPerConnection: number;
  /** Only https endpoints, and no private, loopback or link-local address unless in `allowedNetworks` (production mode). */
  productionRules: boolean;
  /** LIAISON_WEBHOOK_ALLOWED_NETWORKS: CIDR ranges an endpoint may resolve to although private (e.g. 10.20.0.0/16). */
  allowedNetworks: string[];
  /** LIAISON_WEBHOOK_SECRET_KEY: 32 bytes, base64, encrypting the signing secrets at rest; the development key in development mode; null: webhooks are off. */
  secretKey: Buffer | null;
  /** Run the webhook delivery and notice workers in this process. */
  workers: boolean;
  /** Back-off: first retry after `retryBaseMs`, doubling up to `retryMaxMs`, for `retryWindowMs` after the event; then the dead-letter list. */
  retryBaseMs: number;
  retryMaxMs: number;
  retryWindowMs: number;
  /** One attempt's time limit (connect + response). */
  attemptTimeoutMs: number;
  /** How long a delivery whose process died mid-attempt stays claimed before another process retries it. */
  leaseMs: number;
  /** How often the outbox is polled for due deliveries (besides the in-process wake-up). */
  pollMs: number;
  /** A correction notice unacknowledged this long is re-sent and escalated to the agency's MOU_ADMINs. */
  noticeEscalationSeconds: number;
  /** A rotated-out signing secret still signs (beside the new one) this long. */
  secretOverlapSeconds: number;
}

/** The committed development key encrypting webhook signing secrets (development mode only; production refuses it). */
export const DEV_WEBHOOK_SECRET_KEY = Buffer.from('DEVELOPMENT-ONLY-webhook-secret!', 'utf8');

function webhookSecretKey(raw: string | undefined, mode: Mode): Buffer | null {
  if (raw === undefined || raw === '') return mode === 'development' ? DEV_WEBHOOK_SECRET_KEY : null;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('LIAISON_WEBHOOK_SECRET_KEY must be 32 bytes in base64 (e.g. openssl rand -base64 32)');
  if (mode === 'production' && key.equals(DEV_WEBHOOK_SECRET_KEY)) throw new ConfigError('LIAISON_WEBHOOK_SECRET_KEY: the development key is refused in production mode');
  return key;
}

function networks(raw: string | undefined): string[] {
  const list = (raw ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  for (const network of list) {
    const [address, prefix, extra] = network.split('/');
    const bits = Number(prefix);
    const version = address ? isIP(address) : 0;
    if (extra !== undefined || !version || !Number.isInteger(bits) || bits < 0 || bits > (version === 4 ? 32 : 128)) {
      throw new ConfigError(`LIAISON_WEBHOOK_ALLOWED_NETWORKS: "${network}" is not a CIDR range such as 10.20.0.0/16`);
    }
  }
  return list;
}

export interface QueryLimits {
  /** Largest request body, in bytes (413 above it). */
  maxBodyBytes: number;
  /** Lexical tokens in a GraphQL document. */
  maxTokens: number;
  /** Nesting of selections. */
  maxDepth: number;
  /** Aliased fields in an operation. */
  maxAliases: number;
  /** Directives in an operation. */
  maxDirectives: number;
  /** Worst-case number of fields a response can hold: list sizes multiply (`first`, nested lists at their cap). */
  maxCost: number;
}

export interface RateLimits {
  /** Length of the fixed counting window, in seconds. */
  windowSeconds: number;
  /** Requests one user (issuer + subject) may make per window. */
  perUser: number;
  /** Requests all users of one agency together may make per window. */
  perAgency: number;
}

/**
 * How the rate-limit and daily-quota counters, kept in each process, are reconciled with the
 * other processes through PostgreSQL (src/limits/limit-counters.ts).
 */
export interface LimitSync {
  /** Every this often each process sends its counts and reads the totals: one statement. */
  intervalMs: number;
  /** Requests are refused (503) when the totals have not been read for this long: the database is not answering. */
  staleAfterMs: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

/** LIAISON_DB_RANDOM_PAGE_COST: a cost between 0.1 and 100, or `server` to keep the server's own setting. */
function randomPageCost(env: NodeJS.ProcessEnv): number | null {
  const raw = env.LIAISON_DB_RANDOM_PAGE_COST;
  if (raw === undefined || raw === '') return DEFAULT_RANDOM_PAGE_COST;
  if (raw === 'server') return null;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value < 0.1 || value > 100) {
    throw new ConfigError(`LIAISON_DB_RANDOM_PAGE_COST must be a number between 0.1 and 100, or "server" (got "${raw}")`);
  }
  return value;
}

function loadIssuers(file: string | undefined): TrustedIssuerConfig[] {
  if (!file) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`LIAISON_TRUSTED_ISSUERS: cannot read ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new ConfigError('LIAISON_TRUSTED_ISSUERS must hold a JSON array of issuers');
  const base = path.dirname(path.resolve(file));
  return parsed.map((entry: unknown, i) => {
    const e = entry as {
      issuer?: unknown; agency?: unknown; keys?: { kid?: string; alg?: string; publicKey?: string; publicKeyFile?: string }[];
      jwksUri?: unknown; discovery?: unknown; keyRefreshSeconds?: unknown; unknownKeyCooldownSeconds?: unknown;
      oidc?: { clientId?: unknown; scope?: unknown };
    };
    const publishes = e.jwksUri !== undefined || e.discovery === true;
    if (typeof e.issuer !== 'string' || typeof e.agency !== 'string' || (e.keys !== undefined && !Array.isArray(e.keys)) || (!publishes && !e.keys?.length)) {
      throw new ConfigError(`LIAISON_TRUSTED_ISSUERS[${i}] needs "issuer", "agency" and its keys: a non-empty "keys" array, a "jwksUri", or "discovery": true`);
    }
    if (e.jwksUri !== undefined && typeof e.jwksUri !== 'string') throw new ConfigError(`LIAISON_TRUSTED_ISSUERS[${i}].jwksUri must be a URL`);
    if (e.oidc !== undefined && (typeof e.oidc?.clientId !== 'string' || (e.oidc.scope !== undefined && typeof e.oidc.scope !== 'string'))) {
      throw new ConfigError(`LIAISON_TRUSTED_ISSUERS[${i}].oidc needs a "clientId" (and optionally a "scope") for the console's sign-in`);
    }
    return {
      issuer: e.issuer,
      agency: e.agency,
      ...(e.oidc ? { oidc: { clientId: e.oidc.clientId as string, ...(typeof e.oidc.scope === 'string' ? { scope: e.oidc.scope } : {}) } } : {}),
      keys: (e.keys ?? []).map((k, j) => {
        if (typeof k.kid !== 'string' || (k.alg !== 'RS256' && k.alg !== 'ES256')) {
          throw new ConfigError(`LIAISON_TRUSTED_ISSUERS[${i}].keys[${j}] needs a "kid" and "alg" RS256 or ES256`);
        }
        const publicKey = k.publicKey ?? (k.publicKeyFile ? readFileSync(path.resolve(base, k.publicKeyFile), 'utf8') : undefined);
        if (!publicKey) throw new ConfigError(`LIAISON_TRUSTED_ISSUERS[${i}].keys[${j}] needs "publicKey" or "publicKeyFile"`);
        return { kid: k.kid, alg: k.alg, publicKey };
      }),
      ...(publishes ? { remoteKeys: remoteKeysOf(e, i) } : {}),
    };
  });
}

function remoteKeysOf(e: { jwksUri?: unknown; keyRefreshSeconds?: unknown; unknownKeyCooldownSeconds?: unknown }, i: number): RemoteKeysConfig {
  const seconds = (value: unknown, name: string, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 86_400) {
      throw new ConfigError(`LIAISON_TRUSTED_ISSUERS[${i}].${name} must be a whole number of seconds from ${min} to 86400`);
    }
    return value;
  };
  return {
    ...(typeof e.jwksUri === 'string' ? { jwksUri: e.jwksUri } : {}),
    refreshSeconds: seconds(e.keyRefreshSeconds, 'keyRefreshSeconds', REMOTE_KEY_DEFAULTS.refreshSeconds, 1),
    unknownKeyCooldownSeconds: seconds(e.unknownKeyCooldownSeconds, 'unknownKeyCooldownSeconds', REMOTE_KEY_DEFAULTS.unknownKeyCooldownSeconds, 1),
    timeoutMs: REMOTE_KEY_DEFAULTS.timeoutMs,
  };
}

/** LIAISON_METRICS_TOKEN: long enough not to be guessed. */
function metricsToken(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (raw.length < 32) throw new ConfigError('LIAISON_METRICS_TOKEN must be at least 32 characters (e.g. openssl rand -base64 32)');
  return raw;
}

/** LIAISON_CORS_ORIGINS: comma-separated exact origins (scheme://host[:port]); `*` is refused. */
function corsOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== origin) {
      throw new ConfigError(`LIAISON_CORS_ORIGINS: "${origin}" is not an origin such as https://app.example.org (no path, no wildcard)`);
    }
  }
  return origins;
}

function limitSync(env: NodeJS.ProcessEnv): LimitSync {
  const intervalMs = integer(env, 'LIAISON_LIMITS_SYNC_MS', 250, 20, 5_000);
  const staleAfterMs = integer(env, 'LIAISON_LIMITS_STALE_MS', Math.max(2_000, 4 * intervalMs), 100, 600_000);
  if (staleAfterMs < 2 * intervalMs) {
    throw new ConfigError(`LIAISON_LIMITS_STALE_MS (${staleAfterMs}) must be at least twice LIAISON_LIMITS_SYNC_MS (${intervalMs})`);
  }
  return { intervalMs, staleAfterMs };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const modeRaw = env.LIAISON_MODE ?? (env.NODE_ENV === 'production' ? 'production' : 'development');
  if (modeRaw !== 'development' && modeRaw !== 'production') {
    throw new ConfigError(`LIAISON_MODE must be "development" or "production" (got "${modeRaw}")`);
  }
  return {
    mode: modeRaw,
    port: integer(env, 'PORT', 4000, 0, 65_535),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.LIAISON_DATA_DIR ?? '.liaison'),
    jwt: {
      audience: env.LIAISON_JWT_AUDIENCE ?? 'liaison',
      issuers: loadIssuers(env.LIAISON_TRUSTED_ISSUERS),
      clockToleranceSeconds: integer(env, 'LIAISON_JWT_CLOCK_TOLERANCE', 30, 0, 300),
      maxLifetimeSeconds: integer(env, 'LIAISON_JWT_MAX_LIFETIME', 12 * 3600, 60, 7 * 24 * 3600),
    },
    seedOnFirstStart: (env.LIAISON_SEED_ON_START ?? 'true') !== 'false',
    db: {
      poolSize: integer(env, 'LIAISON_DB_POOL_SIZE', 20, 1, 500),
      statementTimeoutMs: integer(env, 'LIAISON_STATEMENT_TIMEOUT_MS', 10_000, 100, 600_000),
      connectTimeoutMs: integer(env, 'LIAISON_DB_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
      randomPageCost: randomPageCost(env),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    corsOrigins: corsOrigins(env.LIAISON_CORS_ORIGINS),
    metricsToken: metricsToken(env.LIAISON_METRICS_TOKEN),
    queryLimits: {
      maxBodyBytes: integer(env, 'LIAISON_MAX_BODY_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
      maxTokens: integer(env, 'LIAISON_MAX_TOKENS', 1_000, 50, 100_000),
      maxDepth: integer(env, 'LIAISON_MAX_DEPTH', 8, 2, 50),
      maxAliases: integer(env, 'LIAISON_MAX_ALIASES', 10, 0, 1_000),
      maxDirectives: integer(env, 'LIAISON_MAX_DIRECTIVES', 10, 0, 1_000),
      maxCost: integer(env, 'LIAISON_MAX_COST', 50_000, 100, 100_000_000),
    },
    rateLimits: {
      windowSeconds: integer(env, 'LIAISON_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
      perUser: integer(env, 'LIAISON_RATE_LIMIT_PER_USER', 300, 1, 10_000_000),
      perAgency: integer(env, 'LIAISON_RATE_LIMIT_PER_AGENCY', 3_000, 1, 100_000_000),
    },
    limitSync: limitSync(env),
    graphiql: modeRaw === 'development' || env.LIAISON_GRAPHIQL === 'true',
    alerts: {
      imageRetentionDays: integer(env, 'LIAISON_ALERT_RETENTION_DAYS', 30, 1, 3_660),
      maxSubscriptionsPerConnection: integer(env, 'LIAISON_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 1_000),
      productionRules: modeRaw === 'production',
      allowedNetworks: networks(env.LIAISON_WEBHOOK_ALLOWED_NETWORKS),
      secretKey: webhookSecretKey(env.LIAISON_WEBHOOK_SECRET_KEY, modeRaw),
      workers: (env.LIAISON_ALERT_WORKERS ?? 'true') !== 'false',
      retryBaseMs: integer(env, 'LIAISON_WEBHOOK_RETRY_BASE_MS', 10_000, 10, 3_600_000),
      retryMaxMs: integer(env, 'LIAISON_WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
      retryWindowMs: integer(env, 'LIAISON_WEBHOOK_RETRY_WINDOW_MS', 86_400_000, 100, 7 * 86_400_000),
      attemptTimeoutMs: integer(env, 'LIAISON_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      leaseMs: integer(env, 'LIAISON_WEBHOOK_LEASE_MS', 60_000, 1_000, 3_600_000),
      pollMs: integer(env, 'LIAISON_WEBHOOK_POLL_MS', 500, 10, 60_000),
      noticeEscalationSeconds: integer(env, 'LIAISON_NOTICE_ESCALATION_SECONDS', 72 * 3600, 1, 90 * 86_400),
      secretOverlapSeconds: integer(env, 'LIAISON_WEBHOOK_SECRET_OVERLAP_SECONDS', 24 * 3600, 0, 30 * 86_400),
    },
    audit: {
      signingKeyFile: env.LIAISON_AUDIT_SIGNING_KEY
        ? path.resolve(env.LIAISON_AUDIT_SIGNING_KEY)
        : modeRaw === 'development' ? DEV_AUDIT_SIGNING_KEY_FILE : null,
      publicKeyFiles: (env.LIAISON_AUDIT_PUBLIC_KEYS ?? '').split(',').map((f) => f.trim()).filter(Boolean).map((f) => path.resolve(f)),
      checkpointIntervalSeconds: integer(env, 'LIAISON_AUDIT_CHECKPOINT_INTERVAL', 60, 0, 86_400),
      checkpointEveryEntries: integer(env, 'LIAISON_AUDIT_CHECKPOINT_ENTRIES', 10_000, 1, 10_000_000),
      writeTimeoutMs: integer(env, 'LIAISON_AUDIT_WRITE_TIMEOUT_MS', 5_000, 50, 600_000),
      checkpointDir: env.LIAISON_AUDIT_CHECKPOINT_DIR ? path.resolve(env.LIAISON_AUDIT_CHECKPOINT_DIR) : null,
    },
  };
}
