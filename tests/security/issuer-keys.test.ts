import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { runLiaison } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createEmptyDatabase, type EmptyDatabase } from '../support/empty-database.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { newSigningKey, startLocalIdentityProvider, type LocalIdentityProvider, type Realm, type SigningKey } from '../support/local-identity-provider.js';

/**
 * Identity providers that publish their keys, against a real OpenID Connect key publisher on
 * 127.0.0.1 and a production-mode gateway over HTTP:
 * - the police realm is found by discovery (`"discovery": true`): rotation is followed on the
 *   first token with a new key id (at most one fetch per second here);
 * - the probation realm names its `jwksUri` and is refreshed every second, never on an unknown
 *   key id (cooldown of an hour): only the periodic refresh can bring its new keys;
 * - a realm whose discovery document names another issuer is not trusted at all;
 * - issuers applied to the database (`liaison setup apply`, reference data) publish their keys
 *   the same way — found by discovery or at a named `jwksUri` — are followed through a rotation
 *   by a real gateway process without a restart, offer the console's sign-in, and stop at once
 *   when withdrawn from the reference data.
 */

let db: TestDatabase;
let idp: LocalIdentityProvider;
let gateway: TestGateway;
let dir: string;
let police: Realm;
let probation: Realm;
let liar: Realm;
let policeA: SigningKey;
let probationA: SigningKey;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  db = await createTestDatabase();
  idp = await startLocalIdentityProvider();
  police = idp.realm('police');
  probation = idp.realm('probation');
  liar = idp.realm('liar');
  policeA = newSigningKey('RS256', 'police-2026-01');
  probationA = newSigningKey('ES256', 'probation-2026-01');
  police.published = [policeA];
  probation.published = [probationA];
  liar.published = [newSigningKey('RS256', 'liar-1')];
  liar.discoveryIssuer = 'https://idp.elsewhere.example/realms/police';
  dir = await mkdtemp(path.join(tmpdir(), 'liaison-jwks-'));
  const file = path.join(dir, 'issuers.json');
  await writeFile(file, JSON.stringify([
    { issuer: police.issuer, agency: 'POLICE', discovery: true, keyRefreshSeconds: 3600, unknownKeyCooldownSeconds: 1 },
    { issuer: probation.issuer, agency: 'PROBATION', jwksUri: probation.jwksUri, keyRefreshSeconds: 1, unknownKeyCooldownSeconds: 3600 },
    { issuer: liar.issuer, agency: 'PRISONS', discovery: true },
  ]));
  gateway = await startTestGateway(db, { env: { LIAISON_MODE: 'production', LIAISON_TRUSTED_ISSUERS: file } });
});

afterAll(async () => {
  await gateway?.close();
  await idp?.close();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `me` with the token: the agency it acts for, or the error code. */
async function whoAmI(token: string): Promise<string> {
  const res = await gateway.graphql<{ me: { agency: { code: string } } }>('{ me { agency { code } } }', { token });
  if (res.status === 200 && res.body.data?.me) return res.body.data.me.agency.code;
  return `${res.status} ${String(res.body.errors?.[0]?.extensions?.code)}`;
}

const analyst = (key: SigningKey): string => police.token(key, { sub: `analyst-${randomBytes(3).toString('hex')}`, roles: ['ANALYST'] });
const officer = (key: SigningKey): string => probation.token(key, { sub: `po-${randomBytes(3).toString('hex')}`, roles: ['PROBATION_OFFICER'] });

describe('keys an identity provider publishes', () => {
  it('are found by discovery, or at the configured jwksUri, when the gateway starts', async () => {
    expect(police.jwksFetches).toBe(1);
    expect(await whoAmI(analyst(policeA))).toBe('POLICE');
    expect(await whoAmI(officer(probationA))).toBe('PROBATION');
    expect(police.jwksFetches).toBe(1); // served from the keys held
  });

  it('a discovery document that names another issuer is not trusted', async () => {
    expect(liar.jwksFetches).toBe(0);
    const token = liar.token(liar.published[0]!, { sub: 'so-1', roles: ['SECURITY_OFFICER'] });
    expect(await whoAmI(token)).toBe('401 UNAUTHENTICATED');
  });

  it('rotation: a token signed with a newly published key is accepted without a restart, and a withdrawn key stops verifying', async () => {
    const policeB = newSigningKey('ES256', 'police-2026-02');
    police.published = [policeA, policeB];
    await sleep(1_100); // past the unknown-key cooldown since the start
    expect(await whoAmI(analyst(policeB))).toBe('POLICE');
    expect(police.jwksFetches).toBe(2);

    police.published = [policeB]; // the provider withdraws A
    const policeC = newSigningKey('RS256', 'police-2026-03');
    police.published = [policeB, policeC];
    await sleep(1_100);
    expect(await whoAmI(analyst(policeC))).toBe('POLICE'); // fetched again: C in, A out
    expect(await whoAmI(analyst(policeA))).toBe('401 UNAUTHENTICATED');
    expect(await whoAmI(analyst(policeB))).toBe('POLICE');
  });

  it('a token signed by another key under a published key id is refused', async () => {
    const impostor = newSigningKey('RS256', 'police-2026-03');
    expect(await whoAmI(analyst(impostor))).toBe('401 UNAUTHENTICATED');
  });

  it('provider down: the keys held keep working; unknown key ids are refused, with at most one fetch per cooldown', async () => {
    await sleep(1_100);
    idp.down = true;
    try {
      const fetchesBefore = police.jwksFetches;
      expect(await whoAmI(analyst(police.published[0]!))).toBe('POLICE');
      const unknown = Array.from({ length: 10 }, (_, i) => analyst(newSigningKey('ES256', `invented-${i}`)));
      const answers = await Promise.all(unknown.map(whoAmI));
      expect(answers).toEqual(Array(10).fill('401 UNAUTHENTICATED'));
      expect(police.jwksFetches).toBe(fetchesBefore + 1); // one attempt for ten unknown key ids: no retry storm
      expect(await whoAmI(analyst(police.published[1]!))).toBe('POLICE');
    } finally {
      idp.down = false;
    }
  });

  it('periodic refresh brings new keys (and withdraws old ones) with no token asking for them', async () => {
    const probationB = newSigningKey('RS256', 'probation-2026-02');
    // An unknown key id does not trigger a fetch for this realm (cooldown of an hour) ...
    expect(await whoAmI(officer(probationB))).toBe('401 UNAUTHENTICATED');
    probation.published = [probationB];
    // ... but the refresh every second does.
    const fetches = probation.jwksFetches;
    const deadline = Date.now() + 5_000;
    while (probation.jwksFetches < fetches + 1 && Date.now() < deadline) await sleep(100);
    await sleep(100);
    expect(await whoAmI(officer(probationB))).toBe('PROBATION');
    expect(await whoAmI(officer(probationA))).toBe('401 UNAUTHENTICATED');
  });
});

describe('keys an issuer applied to the database publishes', () => {
  let empty: EmptyDatabase;
  let applyDir: string;
  let env: Record<string, string>;
  let gatewayProcess: GatewayProcess | undefined;
  let region: Realm;
  let ops: Realm;
  let regionA: SigningKey;

  /** The example reference file, with the probation service's two identity providers applied: one found by discovery, one at its JWKS URI. */
  async function referenceFile(name: string, withRegion: boolean): Promise<string> {
    const example = await readFile(path.join(PACKAGE_ROOT, 'docs', 'reference-data.example.yaml'), 'utf8');
    const file = path.join(applyDir, name);
    await writeFile(file, example.replace('\n  - code: INSPECTORATE\n', `    issuers:
${withRegion ? `      - issuer: ${region.issuer}
        discovery: true
        keyRefreshSeconds: 3600
        unknownKeyCooldownSeconds: 1
        oidc:
          clientId: liaison-console
          scope: openid liaison
` : ''}      - issuer: ${ops.issuer}
        jwksUri: ${ops.jwksUri}

  - code: INSPECTORATE
`));
    return file;
  }

  async function asOfficer(url: string, token: string): Promise<string> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { agency { code } } }' }),
    });
    const body = await res.json() as { data?: { me?: { agency: { code: string } } }; errors?: { extensions?: { code?: string } }[] };
    return body.data?.me ? body.data.me.agency.code : `${res.status} ${String(body.errors?.[0]?.extensions?.code)}`;
  }

  const officerOf = (realm: Realm, key: SigningKey): string => realm.token(key, { sub: `po-${randomBytes(3).toString('hex')}`, roles: ['PROBATION_OFFICER'] });

  beforeAll(async () => {
    empty = await createEmptyDatabase();
    region = idp.realm('probation-region');
    ops = idp.realm('probation-ops');
    regionA = newSigningKey('ES256', 'region-2026-01');
    region.published = [regionA];
    ops.published = [newSigningKey('RS256', 'ops-2026-01')];
    applyDir = await mkdtemp(path.join(tmpdir(), 'liaison-applied-jwks-'));
    const signingKey = path.join(applyDir, 'audit-signing.pem');
    await writeFile(signingKey, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    env = { DATABASE_URL: empty.url, LIAISON_MODE: 'production', LIAISON_AUDIT_SIGNING_KEY: signingKey };
    const migrated = await runLiaison(['migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
  });

  afterAll(async () => {
    await gatewayProcess?.stop();
    await empty?.drop();
    if (applyDir) await rm(applyDir, { recursive: true, force: true });
  });

  it('setup apply records where the keys are published, and a production gateway fetches them at start', async () => {
    const applied = await runLiaison(['setup', 'apply', await referenceFile('reference-data.yaml', true)], env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`+ issuer ${region.issuer} (PROBATION): discovery true, keyRefreshSeconds 3600, unknownKeyCooldownSeconds 1, oidc {"clientId":"liaison-console","scope":"openid liaison"}`);
    expect(applied.stdout).toContain(`+ issuer ${ops.issuer} (PROBATION): jwksUri "${ops.jwksUri}"`);
    // What the database holds reads back as the same file: applying the export changes nothing.
    const exported = await runLiaison(['setup', 'export', '--out', path.join(applyDir, 'exported.yaml')], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect((await runLiaison(['setup', 'apply', path.join(applyDir, 'exported.yaml')], env)).stdout).toContain('no changes');

    const regionFetches = region.jwksFetches;
    gatewayProcess = await startGatewayProcess(empty.url, env);
    expect(region.jwksFetches).toBe(regionFetches + 1);
    expect(await asOfficer(gatewayProcess.url, officerOf(region, regionA))).toBe('PROBATION');
    expect(await asOfficer(gatewayProcess.url, officerOf(ops, ops.published[0]!))).toBe('PROBATION');
  }, 90_000); // three CLI runs and a gateway process start

  it('offers the console\'s OpenID Connect sign-in with the applied identity provider', async () => {
    const settings = await (await fetch(`${gatewayProcess!.url}/console/settings.json`)).json() as { oidc: unknown[] };
    expect(settings.oidc).toEqual([{ agency: 'PROBATION', issuer: region.issuer, clientId: 'liaison-console', scope: 'openid liaison' }]);
    // The console's page may call that identity provider (its token endpoint), and no other.
    const csp = (await fetch(`${gatewayProcess!.url}/console/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${new URL(region.issuer).origin}`);
  });

  it('rotation at the identity provider is followed without a restart: the new key verifies, the withdrawn one stops', async () => {
    const regionB = newSigningKey('RS256', 'region-2026-02');
    region.published = [regionA, regionB];
    await sleep(1_100); // past the unknown-key cooldown
    expect(await asOfficer(gatewayProcess!.url, officerOf(region, regionB))).toBe('PROBATION');

    const regionC = newSigningKey('ES256', 'region-2026-03');
    region.published = [regionB, regionC]; // A withdrawn, C published
    await sleep(1_100);
    expect(await asOfficer(gatewayProcess!.url, officerOf(region, regionC))).toBe('PROBATION');
    expect(await asOfficer(gatewayProcess!.url, officerOf(region, regionA))).toBe('401 UNAUTHENTICATED');
    expect(await asOfficer(gatewayProcess!.url, officerOf(region, regionB))).toBe('PROBATION');
  });

  it('withdrawn from the reference data, the issuer\'s tokens signed with published keys stop within a second, without a restart', async () => {
    const token = officerOf(region, region.published[0]!);
    expect(await asOfficer(gatewayProcess!.url, token)).toBe('PROBATION');
    const withdrawn = await runLiaison(['setup', 'apply', await referenceFile('without-region.yaml', false)], env);
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
    expect(withdrawn.stdout).toContain(`- issuer ${region.issuer} (PROBATION)`);
    const deadline = Date.now() + 2_000;
    let answer = 'PROBATION';
    while (answer === 'PROBATION' && Date.now() < deadline) {
      answer = await asOfficer(gatewayProcess!.url, token);
      if (answer === 'PROBATION') await sleep(50);
    }
    expect(answer).toBe('401 UNAUTHENTICATED');
    // The other applied issuer is untouched.
    expect(await asOfficer(gatewayProcess!.url, officerOf(ops, ops.published[0]!))).toBe('PROBATION');
  });
});
