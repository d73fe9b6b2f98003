import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

export interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(alg: 'RS256' | 'ES256', kid = `${alg.toLowerCase()}-${randomBytes(3).toString('hex')}`): SigningKey {
  const pair = alg === 'RS256'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, alg, ...pair };
}

/** One realm of the identity provider: an issuer with its published keys. */
export interface Realm {
  issuer: string;
  jwksUri: string;
  /** The keys its JWKS document publishes now (replace to rotate). */
  published: SigningKey[];
  /** What the discovery document says the issuer is (to test a lying document). */
  discoveryIssuer?: string;
  /** Requests for the JWKS document so far (answered or not). */
  jwksFetches: number;
  token(key: SigningKey, claims: { sub: string; roles: string[] }): string;
}

export interface LocalIdentityProvider {
  realm(name: string): Realm;
  /** While down, every request gets a 503 (the identity provider is unreachable). */
  down: boolean;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect key publisher on 127.0.0.1, for tests: per realm, the discovery
 * document at `<issuer>/.well-known/openid-configuration` and the JWKS at `<issuer>/certs`,
 * served over HTTP from the keys the test publishes.
 */
export async function startLocalIdentityProvider(): Promise<LocalIdentityProvider> {
  const realms = new Map<string, Realm>();
  const provider: LocalIdentityProvider = {
    down: false,
    realm: (name) => realms.get(name) ?? addRealm(name),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const match = /^\/realms\/([a-z0-9-]+)\/(\.well-known\/openid-configuration|certs)$/.exec(req.url ?? '');
    const realm = match ? realms.get(match[1]!) : undefined;
    if (realm && match![2] === 'certs') realm.jwksFetches += 1;
    if (provider.down) {
      res.writeHead(503).end();
      return;
    }
    if (!realm) {
      res.writeHead(404).end();
      return;
    }
    const body = match![2] === 'certs'
      ? { keys: realm.published.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, alg: k.alg, use: 'sig' })) }
      : { issuer: realm.discoveryIssuer ?? realm.issuer, jwks_uri: realm.jwksUri };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function addRealm(name: string): Realm {
    const issuer = `${base}/realms/${name}`;
    const realm: Realm = {
      issuer,
      jwksUri: `${issuer}/certs`,
      published: [],
      jwksFetches: 0,
      token: (key, claims) => jwt.sign({ roles: claims.roles }, key.privateKey, {
        algorithm: key.alg, keyid: key.kid, issuer, audience: 'liaison', subject: claims.sub, expiresIn: 600,
      }),
    };
    realms.set(name, realm);
    return realm;
  }
  return provider;
}
