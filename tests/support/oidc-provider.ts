import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Provider from 'oidc-provider';

export interface LocalOidcProvider {
  issuer: string;
  clientId: string;
  /** Environment for a production gateway trusting this provider (bound to `agency`), with the console's OIDC settings. */
  env: Record<string, string>;
  /** Starts answering, once the console's URL (the redirect URI's origin) is known. */
  serve(consoleOrigin: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider`, with its development login and consent pages) on a
 * free port: ES256 keys generated for the test, a public client for the console
 * (authorization code + PKCE), and JWT access tokens for the Liaison audience carrying the
 * user's roles; refresh tokens (kept by the console in memory) and RP-initiated logout.
 */
export async function startLocalOidcProvider(options: {
  agency: string; roles: Record<string, string[]>; audience: string;
  /** Lifetime of access tokens, in seconds (600 unless given; a short one makes the console renew it soon). */
  accessTokenTtl?: number;
}): Promise<LocalOidcProvider> {
  const accessTokenTtl = options.accessTokenTtl ?? 600;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'liaison-console';
  const kid = 'local-oidc-es256';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const dir = await mkdtemp(path.join(tmpdir(), 'liaison-oidc-'));
  const issuersFile = path.join(dir, 'issuers.json');
  await writeFile(issuersFile, JSON.stringify([{
    issuer, agency: options.agency,
    keys: [{ kid, alg: 'ES256', publicKey: publicKey.export({ type: 'spki', format: 'pem' }) }],
    oidc: { clientId, scope: 'openid liaison' },
  }]));

  return {
    issuer,
    clientId,
    env: { LIAISON_MODE: 'production', LIAISON_TRUSTED_ISSUERS: issuersFile, LIAISON_JWT_AUDIENCE: options.audience },
    serve(consoleOrigin) {
      const provider = new Provider(issuer, {
        clients: [{
          client_id: clientId, token_endpoint_auth_method: 'none', application_type: 'web',
          redirect_uris: [`${consoleOrigin}/console/`], post_logout_redirect_uris: [`${consoleOrigin}/console/`],
          grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], id_token_signed_response_alg: 'ES256',
        }],
        jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] },
        pkce: { required: () => true },
        // Refresh tokens for the console (a public client), as Keycloak and others issue them: the console renews with them.
        issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
        clientBasedCORS: (_ctx, origin) => origin === consoleOrigin,
        findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
        extraTokenClaims: (_ctx, token) => ('accountId' in token && token.accountId ? { roles: options.roles[token.accountId] ?? [] } : undefined),
        ttl: { AccessToken: accessTokenTtl, IdToken: 600 },
        features: {
          devInteractions: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: () => options.audience,
            useGrantedResource: () => true,
            getResourceServerInfo: () => ({ scope: 'liaison', audience: options.audience, accessTokenFormat: 'jwt', accessTokenTTL: accessTokenTtl, jwt: { sign: { alg: 'ES256' } } }),
          },
        },
      });
      handler = provider.callback();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
