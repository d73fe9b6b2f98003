import { createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { DEV_JWT_PRIVATE_KEY_FILE, DEV_JWT_PUBLIC_KEY_FILE, DEV_KEY_ID } from '../../src/auth/trusted-issuers.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { entryFor } from '../support/disclosure-log.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/** Tokens through real HTTP: only a valid token from a trusted issuer gets in; every refusal looks the same. */

const devKey = readFileSync(DEV_JWT_PRIVATE_KEY_FILE, 'utf8');
/** A police development token; `expiresIn: undefined` leaves the expiry out. */
function sign(payload: object, options: jwt.SignOptions = {}, key: jwt.Secret = devKey): string {
  const signOptions: jwt.SignOptions = {
    algorithm: 'ES256', keyid: DEV_KEY_ID, issuer: 'urn:liaison:dev:POLICE', audience: 'liaison', subject: 'u-1', expiresIn: 600, ...options,
  };
  if (signOptions.expiresIn === undefined) delete signOptions.expiresIn;
  return jwt.sign({ roles: ['ANALYST'], ...payload }, key, signOptions);
}
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

let db: TestDatabase;
let gateway: TestGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startTestGateway(db);
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const QUERY = '{ riskFlags(first: 1) { edges { node { id summary } } } }';

async function expectUnauthenticated(token: string | null, headers: Record<string, string> = {}) {
  const res = await gateway.graphql(QUERY, { token, purpose: 'COUNTER_TERRORISM', headers });
  expect(res.status).toBe(401);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  // One generic message for every refusal: the reason stays in the server log.
  expect(res.body.errors![0]!.message).toBe('A valid bearer token from a trusted issuer is required');
  expect(JSON.stringify(res.body)).not.toMatch(/stack|jwt|expired|signature|issuer urn/i);
  return res;
}

describe('a request is refused with 401 UNAUTHENTICATED and no data when the token is', () => {
  it('missing', () => expectUnauthenticated(null));
  it('not a bearer token', () => expectUnauthenticated(null, { authorization: 'Basic dXNlcjpwYXNz' }));
  it('malformed', () => expectUnauthenticated('not.a.jwt'));
  it('signed with another key', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return expectUnauthenticated(sign({}, {}, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string));
  });
  it('tampered with (claims changed after signing)', () => {
    const [header, , signature] = sign({}).split('.');
    const forged = b64({ roles: ['ANALYST'], iss: 'urn:liaison:dev:PRISONS', aud: 'liaison', sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 600 });
    return expectUnauthenticated(`${header}.${forged}.${signature}`);
  });
  it('unsigned (alg: none)', () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT', kid: DEV_KEY_ID })}.${b64({
      roles: ['ANALYST'], iss: 'urn:liaison:dev:POLICE', aud: 'liaison', sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 600,
    })}.`;
    return expectUnauthenticated(unsigned);
  });
  it('HS256-signed with the public key (algorithm confusion)', () => {
    const publicKey = readFileSync(DEV_JWT_PUBLIC_KEY_FILE, 'utf8');
    const header = b64({ alg: 'HS256', typ: 'JWT', kid: DEV_KEY_ID });
    const payload = b64({ roles: ['ANALYST'], iss: 'urn:liaison:dev:POLICE', aud: 'liaison', sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 600 });
    const mac = createHmac('sha256', publicKey).update(`${header}.${payload}`).digest('base64url');
    return expectUnauthenticated(`${header}.${payload}.${mac}`);
  });
  it('expired', () => expectUnauthenticated(sign({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, { expiresIn: undefined })));
  it('not yet valid', () => expectUnauthenticated(sign({}, { notBefore: 3600 })));
  it('without an expiry', () => expectUnauthenticated(sign({}, { expiresIn: undefined })));
  it('valid for too long', () => expectUnauthenticated(sign({}, { expiresIn: 30 * 24 * 3600 })));
  it('issued ten years ahead with an hour to live (exp = iat + 1 h)', () => expectUnauthenticated(sign({ iat: Math.floor(Date.now() / 1000) + 10 * 365 * 24 * 3600 }, { expiresIn: 3600 })));
  it('issued a minute ahead, beyond the 30 s clock tolerance', () => expectUnauthenticated(sign({ iat: Math.floor(Date.now() / 1000) + 60 })));
  it('for another audience', () => expectUnauthenticated(sign({}, { audience: 'another-service' })));
  it('from an unknown issuer', () => expectUnauthenticated(sign({}, { issuer: 'https://idp.example.org' })));
  it('from a trusted issuer claiming another agency', () => expectUnauthenticated(sign({ agency: 'PRISONS' })));
  it('with an unknown key id', () => expectUnauthenticated(sign({}, { keyid: 'rotated-away' })));
  it('bound to an agency that does not exist', () => expectUnauthenticated(sign({}, { issuer: 'urn:liaison:dev:NOBODY' })));
});

describe('roles', () => {
  it('a role the agency does not define is FORBIDDEN (403), with no data', async () => {
    const res = await gateway.graphql(QUERY, { token: mintDevelopmentToken({ agency: 'POLICE', roles: ['SECURITY_OFFICER'] }), purpose: 'COUNTER_TERRORISM' });
    expect(res.status).toBe(403);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('a token issued a few seconds ahead, within the clock tolerance, is accepted', async () => {
    const res = await gateway.graphql<any>('{ me { agency { code } } }', { token: sign({ iat: Math.floor(Date.now() / 1000) + 5 }) });
    expect(res.status).toBe(200);
    expect(res.body.data.me).toEqual({ agency: { code: 'POLICE' } });
  });

  it('a valid token acts for the agency its issuer is bound to', async () => {
    const res = await gateway.graphql<any>('{ me { agency { code } roles userId } }', { token: sign({}, { subject: 'analyst-7' }) });
    expect(res.status).toBe(200);
    expect(res.body.data.me).toEqual({ agency: { code: 'POLICE' }, roles: ['ANALYST'], userId: 'analyst-7' });
  });
});

describe('headers', () => {
  it('an unknown purpose is BAD_USER_INPUT (400)', async () => {
    const res = await gateway.graphql(QUERY, { token: sign({}), purpose: 'CURIOSITY' });
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('a malformed case reference is BAD_USER_INPUT (400)', async () => {
    const res = await gateway.graphql(QUERY, { token: sign({}), purpose: 'COUNTER_TERRORISM', caseReference: '<script>' });
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('a case reference in another script travels percent-encoded as UTF-8, and is logged as written', async () => {
    const reference = 'قضية-٢٠٢٦/٤٢';
    const query = '{ releasePlans(first: 1) { totalCount } }';
    const res = await gateway.graphql<any>(query, {
      token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: encodeURIComponent(reference),
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const entry = await entryFor(db, res.headers.get('liaison-decision-id')!);
    expect(entry!.caseReference).toBe(reference);
  });

  it('a case reference sent as raw UTF-8 bytes (as curl sends it) is read as UTF-8, not stored garbled', async () => {
    const reference = 'ДЕЛО-42/قضية';
    const rawUtf8 = Buffer.from(reference, 'utf8').toString('latin1'); // the bytes on the wire, as fetch must be given them
    const res = await gateway.graphql<any>('{ releasePlans(first: 1) { totalCount } }', {
      token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: rawUtf8,
    });
    expect(res.status).toBe(200);
    expect((await entryFor(db, res.headers.get('liaison-decision-id')!))!.caseReference).toBe(reference);
  });

  it('a case reference that is not valid percent-encoded UTF-8, or decodes to characters a reference may not hold, is refused', async () => {
    const broken = await gateway.graphql(QUERY, { token: sign({}), purpose: 'COUNTER_TERRORISM', caseReference: '%D9%82%D8' });
    expect(broken.status).toBe(400);
    expect(broken.body.errors![0]!.message).toBe('Liaison-Case-Reference is not valid percent-encoded UTF-8');
    const sneaky = await gateway.graphql(QUERY, { token: sign({}), purpose: 'COUNTER_TERRORISM', caseReference: encodeURIComponent('<script>') });
    expect(sneaky.status).toBe(400);
  });

  it('every response names its decision id, refusals included', async () => {
    const res = await gateway.graphql(QUERY, { token: null });
    const id = res.headers.get('liaison-decision-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.errors![0]!.extensions!.decisionId).toBe(id);
  });
});

describe('health', () => {
  it('/healthz and /readyz answer 200 while the database answers', async () => {
    expect((await gateway.get('/healthz')).status).toBe(200);
    const ready = await gateway.get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('/metrics exposes request latency and policy decisions in Prometheus format', async () => {
    await gateway.graphql('{ riskFlags(first: 1) { edges { node { id } } } }', { token: sign({}), purpose: 'COUNTER_TERRORISM' });
    const text = await (await gateway.get('/metrics')).text();
    expect(text).toContain('liaison_graphql_request_duration_seconds_bucket');
    expect(text).toMatch(/liaison_policy_decisions_total\{outcome="disclosed"\} [1-9]/);
    expect(text).toMatch(/liaison_policy_decisions_total\{outcome="denied"\} [1-9]/);
  });
});

describe('development mode only', () => {
  it('a production-mode gateway does not trust development tokens', async () => {
    const { TrustedIssuers } = await import('../../src/auth/trusted-issuers.js');
    const issuers = new TrustedIssuers([], false);
    expect(issuers.resolve('urn:liaison:dev:POLICE')).toBeUndefined();
  });
});
