import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { captureLog, type CapturedLog } from '../support/log-capture.js';
import { createProductionIssuer, TEST_ISSUER, TEST_KEY_ID, type ProductionIssuer } from '../support/production-issuer.js';

/**
 * Tokens (issue 5 §1) against a production-mode gateway with an RS256 identity provider:
 * every refusal is the same 401 with a generic message, and the reason is in the server log
 * under the request's decision id. (tests/integration/authentication.test.ts covers the same
 * refusals for the development ES256 issuer.)
 */

let db: TestDatabase;
let issuer: ProductionIssuer;
let gateway: TestGateway;
let logs: CapturedLog;

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createProductionIssuer();
  logs = captureLog();
  gateway = await startTestGateway(db, { env: issuer.env, log: logs.log });
});

afterAll(async () => {
  await gateway?.close();
  await issuer?.remove();
  await db?.drop();
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = () => ({ roles: ['ANALYST'], iss: TEST_ISSUER, aud: 'liaison', sub: 'u-1', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 });
const TEN_YEARS = 10 * 365 * 24 * 3600;
const QUERY = '{ riskFlags(first: 5) { edges { node { id summary } } } }';

const refusals: [string, () => string, RegExp][] = [
  ['alg: none', () => `${b64({ alg: 'none', typ: 'JWT', kid: TEST_KEY_ID })}.${b64(claims())}.`, /algorithm none/],
  ['HS256 signed with the RSA public key (algorithm confusion)', () => {
    const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: TEST_KEY_ID })}.${b64(claims())}`;
    return `${head}.${createHmac('sha256', issuer.publicKeyPem).update(head).digest('base64url')}`;
  }, /algorithm HS256/],
  ['RS256 with the right key id but a forged signature', () => `${b64({ alg: 'RS256', typ: 'JWT', kid: TEST_KEY_ID })}.${b64(claims())}.${'A'.repeat(342)}`, /invalid signature/],
  ['expired', () => issuer.token({}, { expiresIn: -60 }), /TokenExpiredError/],
  ['not yet valid', () => issuer.token({}, { notBefore: 3600 }), /NotBeforeError/],
  ['for another audience', () => issuer.token({}, { audience: 'someone-else' }), /audience/],
  ['with an unknown key id', () => issuer.token({}, { keyid: 'retired-key' }), /unknown key id/],
  ['with a key id that is a path', () => issuer.token({}, { keyid: '../../../etc/passwd' }), /unknown key id/],
  ['properly signed but claiming another agency than its issuer is bound to', () => issuer.token({ agency: 'PRISONS' }), /bound to POLICE, token claims PRISONS/],
  ['properly signed but with roles that are not a list of role names', () => issuer.token({ roles: 'ANALYST' as unknown as string[] }), /roles claim/],
  ['properly signed but with no subject', () => issuer.token({ sub: '' }), /subject/],
  ['valid for longer than the maximum lifetime', () => issuer.token({}, { expiresIn: 30 * 24 * 3600 }), /lifetime/],
  ['issued ten years ahead with an hour to live (exp = iat + 1 h)', () => issuer.token({ iat: Math.floor(Date.now() / 1000) + TEN_YEARS }, { expiresIn: 3600 }), /issued in the future/],
  ['oversized', () => `${b64({ alg: 'RS256', kid: TEST_KEY_ID })}.${b64({ ...claims(), pad: 'x'.repeat(9_000) })}.x`, /too large/],
];

describe('a production gateway refuses with one generic 401 and logs the reason', () => {
  it.each(refusals)('%s', async (_, token, reason) => {
    const res = await gateway.graphql(QUERY, { token: token(), purpose: 'COUNTER_TERRORISM' });
    expect(res.status).toBe(401);
    expect(res.body.data).toBeUndefined();
    const decisionId = res.headers.get('liaison-decision-id')!;
    expect(res.body.errors).toEqual([{
      message: 'A valid bearer token from a trusted issuer is required',
      extensions: { code: 'UNAUTHENTICATED', decisionId },
    }]);
    const logged = logs.forDecision(decisionId).map((line) => String(line.reason ?? '')).join(' | ');
    expect(logged).toMatch(reason);
  });

  it('a valid token from the configured issuer is accepted', async () => {
    const res = await gateway.graphql<any>('{ me { agency { code } roles } }', { token: issuer.token() });
    expect(res.status).toBe(200);
    expect(res.body.data.me).toEqual({ agency: { code: 'POLICE' }, roles: ['ANALYST'] });
  });

  it('a role the agency does not define is FORBIDDEN (403), logged with the role', async () => {
    const res = await gateway.graphql(QUERY, { token: issuer.token({ roles: ['SECURITY_OFFICER'] }), purpose: 'COUNTER_TERRORISM' });
    expect(res.status).toBe(403);
    expect(res.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const logged = logs.forDecision(res.headers.get('liaison-decision-id')!);
    expect(JSON.stringify(logged)).toMatch(/SECURITY_OFFICER/);
  });

  it('no token at all, or a malformed Authorization header, is the same 401', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer' }, { authorization: 'Basic Zm9vOmJhcg==' }, { authorization: `Bearer ${'a'.repeat(12_000)}` }]) {
      const res = await gateway.graphql(QUERY, { token: null, headers });
      expect(res.status).toBe(401);
      expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });
});
