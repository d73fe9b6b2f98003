/**
 * OpenID Connect Discovery 1.0: an issuer publishes its metadata at
 * `<issuer>/.well-known/openid-configuration`, naming its `jwks_uri`. The document must name
 * exactly the issuer it was fetched for (§4.3), or an attacker controlling the document could
 * point us at keys of their own.
 */

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Keys travel over TLS; plain http only to this machine (a local identity provider, tests). */
export function assertSecureKeyUrl(url: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
    throw new Error(`${what} must be https (plain http only on the loopback interface): ${url}`);
  }
  return parsed;
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** Fetches the issuer's metadata and returns its `jwks_uri`. */
export async function discoverJwksUri(issuer: string, timeoutMs: number): Promise<string> {
  const url = assertSecureKeyUrl(discoveryUrl(issuer), `discovery document of ${issuer}`);
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`discovery document ${url.href}: HTTP ${response.status}`);
  const metadata = await response.json() as { issuer?: unknown; jwks_uri?: unknown };
  if (metadata.issuer !== issuer) {
    throw new Error(`discovery document ${url.href} names issuer ${String(metadata.issuer)}, not ${issuer}`);
  }
  if (typeof metadata.jwks_uri !== 'string') throw new Error(`discovery document ${url.href} has no jwks_uri`);
  return assertSecureKeyUrl(metadata.jwks_uri, `jwks_uri of ${issuer}`).href;
}
