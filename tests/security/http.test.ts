import { createHash } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * HTTP (issue 5 §7): CSRF prevention stays on, CORS only for configured origins (none by
 * default), security headers on every response, and every refusal at the HTTP layer is a
 * JSON error with a code — never Express's HTML page with a stack trace.
 */

const APP = 'https://case-tool.prisons.example';

let db: TestDatabase;
let plain: TestGateway;
let withCors: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  plain = await startTestGateway(db);
  withCors = await startTestGateway(db, { env: { LIAISON_CORS_ORIGINS: `${APP}, https://other.example:8443` } });
});

afterAll(async () => {
  await plain?.close();
  await withCors?.close();
  await db?.drop();
});

const token = () => demoTokens.prisonSecurityOfficer();
const body = JSON.stringify({ query: '{ prisoners(first: 1) { edges { node { fullName } } } }' });

describe('CSRF prevention', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'a simple-request POST (%s, no preflight-triggering header) is refused, with no data',
    async (contentType) => {
      const res = await fetch(`${plain.url}/graphql`, {
        method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token()}` }, body,
      });
      expect(res.status).toBe(400);
      const json = await res.json() as any;
      expect(json.data).toBeUndefined();
      expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(json.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      expect(json.errors[0].extensions.decisionId).toBe(res.headers.get('liaison-decision-id'));
    },
  );

  it('a JSON POST (which a browser only sends cross-origin after a preflight) is served', async () => {
    const res = await fetch(`${plain.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` }, body,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.prisoners.edges).toHaveLength(1);
  });

  it('GET is refused: no operation travels in a URL', async () => {
    const res = await fetch(`${plain.url}/graphql?query=${encodeURIComponent('{ me { userId } }')}`, {
      headers: { authorization: `Bearer ${token()}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as any).data).toBeUndefined();
  });
});

describe('CORS', () => {
  const preflight = (gateway: TestGateway, origin: string) => fetch(`${gateway.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization,liaison-purpose' },
  });

  it('by default no origin is allowed', async () => {
    const res = await preflight(plain, APP);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(`${plain.url}/graphql`, {
      method: 'POST', headers: { origin: APP, 'content-type': 'application/json', authorization: `Bearer ${token()}` }, body,
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a configured origin may call, with the contract headers, and read the decision id', async () => {
    const res = await preflight(withCors, APP);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-headers')!.toLowerCase()).toContain('liaison-purpose');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const post = await fetch(`${withCors.url}/graphql`, {
      method: 'POST', headers: { origin: APP, 'content-type': 'application/json', authorization: `Bearer ${token()}` }, body,
    });
    expect(post.headers.get('access-control-allow-origin')).toBe(APP);
    expect(post.headers.get('access-control-expose-headers')).toMatch(/Liaison-Decision-Id/);
  });

  it('any other origin, however similar, is not', async () => {
    for (const origin of ['https://evil.example', `${APP}.evil.example`, 'http://case-tool.prisons.example', 'null']) {
      expect((await preflight(withCors, origin)).headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('the allow-list holds exact origins only: a wildcard or a URL with a path is a configuration error', () => {
    expect(() => loadConfig({ LIAISON_CORS_ORIGINS: '*' })).toThrow(/LIAISON_CORS_ORIGINS/);
    expect(() => loadConfig({ LIAISON_CORS_ORIGINS: 'https://app.example/path' })).toThrow(/LIAISON_CORS_ORIGINS/);
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });
});

describe('security headers', () => {
  it.each([
    ['a GraphQL answer', () => fetch(`${plain.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` }, body })],
    ['a refusal', () => fetch(`${plain.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })],
    ['a body too large', () => fetch(`${plain.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70_000) })],
    ['/healthz', () => fetch(`${plain.url}/healthz`)],
    ['an unknown path', () => fetch(`${plain.url}/admin`)],
  ])('are on %s', async (_, request) => {
    const res = await request();
    const h = res.headers;
    expect(h.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(h.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('strict-transport-security')).toMatch(/max-age=31536000/);
    expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(h.get('cache-control')).toBe('no-store');
    expect(h.get('x-powered-by')).toBeNull();
    expect(h.get('liaison-decision-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('HTTP-layer refusals are JSON with a code', () => {
  it.each([
    ['malformed JSON', '{"query": "{ me { userId } }"', 'application/json', 400, 'BAD_REQUEST'],
    ['a JSON string instead of an object', '"{ me { userId } }"', 'application/json', 400, 'BAD_REQUEST'],
    ['an unsupported charset', '{}', 'application/json; charset=latin1', 415, 'BAD_REQUEST'],
    ['an empty object', '{}', 'application/json', 400, 'BAD_REQUEST'],
  ])('%s', async (_, payload, contentType, status, code) => {
    const res = await fetch(`${plain.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token()}` }, body: payload });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/json/);
    const text = await res.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe(code);
    expect(text).not.toMatch(/<html|stack|\.js:\d+|node_modules/i);
  });

  it('an unknown path is a JSON 404', async () => {
    const res = await fetch(`${plain.url}/graphiql`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('every error names the request\'s decision id (the id under which the logs hold the request)', () => {
  it.each([
    ['a request without a query (refused before the GraphQL pipeline)', { variables: {} }, 400],
    ['variables that are not an object (refused before the GraphQL pipeline)', { query: '{ me { userId } }', variables: 'x' }, 400],
    ['an unknown field (validation)', { query: '{ nothing }' }, 400],
    ['a record that does not exist (a resolver)', { query: '{ prisoner(id: "00000000-0000-4000-8000-000000000000") { fullName } }' }, 200],
  ])('%s', async (_, payload, status) => {
    const res = await fetch(`${plain.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}`, 'liaison-purpose': 'PRISON_SECURITY' }, body: JSON.stringify(payload),
    });
    expect(res.status).toBe(status);
    const json = await res.json() as { errors: { extensions: Record<string, unknown> }[] };
    expect(json.errors.length).toBeGreaterThan(0);
    for (const error of json.errors) expect(error.extensions.decisionId).toBe(res.headers.get('liaison-decision-id'));
  });
});

describe('compressed request bodies', () => {
  const post = (payload: Buffer, encoding: string) => fetch(`${plain.url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding, authorization: `Bearer ${token()}` }, body: payload,
  });

  it.each([
    ['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync],
  ] as const)('a %s body is accepted and answered', async (encoding, compress) => {
    const res = await post(compress(Buffer.from(body)), encoding);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.prisoners.edges).toHaveLength(1);
  });

  it.each([
    ['gzip, corrupted in the middle', 'gzip', () => { const b = gzipSync(Buffer.from(body)); b.fill(0xff, 12, 30); return b; }],
    ['gzip, cut short', 'gzip', () => gzipSync(Buffer.from(body)).subarray(0, 20)],
    ['not gzip at all', 'gzip', () => Buffer.from(body)],
    ['deflate, corrupted', 'deflate', () => Buffer.from('not a zlib stream')],
    ['br, corrupted', 'br', () => Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00])],
  ])('a corrupt compressed body (%s) is a JSON 400, not a 500', async (_, encoding, payload) => {
    const res = await post(payload(), encoding);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text).errors[0]).toMatchObject({ message: `The request body could not be decompressed as ${encoding}`, extensions: { code: 'BAD_REQUEST' } });
    expect(text).not.toMatch(/<html|stack|\.js:\d+|node_modules|Z_DATA_ERROR|zlib/i);
  });

  it('an encoding the gateway does not inflate is a 415 naming those it does', async () => {
    const res = await post(Buffer.from(body), 'compress');
    expect(res.status).toBe(415);
    expect(((await res.json()) as any).errors[0].message).toBe('The request body must be JSON in UTF-8, uncompressed or with Content-Encoding gzip, deflate, br');
  });

  it('a gzip bomb stops at the body limit on its inflated size (413)', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(65_536);
    const res = await post(bomb, 'gzip');
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('automatic persisted queries are off', () => {
  const query = '{ prisoners(first: 1) { edges { node { fullName } } } }';
  const sha256 = createHash('sha256').update(query).digest('hex');
  const post = (payload: object) => fetch(`${plain.url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` }, body: JSON.stringify(payload),
  });

  it.each([
    ['registering a document with its hash', { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } } }],
    ['sending only a hash', { extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } } }],
  ])('%s is refused with PERSISTED_QUERY_NOT_SUPPORTED and no data', async (_, payload) => {
    const res = await post(payload);
    const json = (await res.json()) as any;
    expect(json.data).toBeUndefined();
    expect(json.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_SUPPORTED' }) })]);
  });
});
