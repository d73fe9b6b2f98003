import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { runLiaison } from '../support/cli.js';
import { createEmptyDatabase, type EmptyDatabase } from '../support/empty-database.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { createProductionIssuer, TEST_ISSUER, type ProductionIssuer } from '../support/production-issuer.js';

/**
 * Going live from nothing (issue 12, item 1), as the README's "Going live" section tells an
 * operator: an empty database, `liaison migrate`, a production gateway configured with the
 * police's identity provider — which refuses to start while the database has no POLICE —
 * `liaison setup apply` of the reference file, and the gateway started again accepts the
 * first token from that provider. Real processes, real HTTP, real PostgreSQL, real RS256.
 */

const PROBATION_ISSUER = 'https://idp.probation.test/realms/liaison';

let db: EmptyDatabase;
let issuer: ProductionIssuer;
let dir: string;
let env: Record<string, string>;
let gateway: GatewayProcess | undefined;

beforeAll(async () => {
  [db, issuer] = await Promise.all([createEmptyDatabase(), createProductionIssuer()]);
  dir = await mkdtemp(path.join(tmpdir(), 'liaison-going-live-'));
  // Production mode needs a disclosure-log signing key of its own.
  const signingKey = path.join(dir, 'audit-signing.pem');
  await writeFile(signingKey, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  env = { ...issuer.env, DATABASE_URL: db.url, LIAISON_AUDIT_SIGNING_KEY: signingKey };
});

afterAll(async () => {
  await gateway?.stop();
  await issuer?.remove();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function call(url: string, token: string, query: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ query }),
  });
  return { status: res.status, body: await res.json() };
}

describe('going live from an empty database', () => {
  it('migrate; a production gateway refuses to start naming the issuer and its missing agency', async () => {
    const migrated = await runLiaison(['migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
    const start = startGatewayProcess(db.url, env);
    await expect(start).rejects.toThrow(/exited \(1\) before listening/);
    const message = await start.catch((error: Error) => error.message);
    expect(message).toContain(`liaison: cannot start: configuration error: LIAISON_TRUSTED_ISSUERS: issuer ${TEST_ISSUER} is bound to agency POLICE, which the database does not have`);
  });

  it('setup apply; the gateway starts and accepts the first tokens from the configured and the applied issuers', async () => {
    // The example file, with the probation service's identity provider applied beside it
    // (its own audience; its public key in a file next to the reference file).
    const probation = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await writeFile(path.join(dir, 'probation-idp.pem'), probation.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const example = await readFile(path.join(PACKAGE_ROOT, 'docs', 'reference-data.example.yaml'), 'utf8');
    const file = path.join(dir, 'reference-data.yaml');
    await writeFile(file, example.replace('\n  - code: INSPECTORATE\n', `    issuers:
      - issuer: ${PROBATION_ISSUER}
        audience: probation-liaison
        keys:
          - kid: probation-1
            alg: ES256
            publicKeyFile: probation-idp.pem

  - code: INSPECTORATE
`));
    const applied = await runLiaison(['setup', 'apply', file], env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/\+ agency POLICE/);
    expect(applied.stdout).toContain(`+ issuer ${PROBATION_ISSUER} (PROBATION): audience "probation-liaison", keys probation-1 ES256 SHA256:`);

    gateway = await startGatewayProcess(db.url, env);
    const res = await call(gateway.url, issuer.token({ roles: ['ANALYST'], sub: 'first-analyst' }), '{ me { userId agency { code kind } roles } }');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ data: { me: { userId: 'first-analyst', agency: { code: 'POLICE', kind: 'LAW_ENFORCEMENT' }, roles: ['ANALYST'] } } });
    // A role the reference data does not give the police is still refused.
    const unknownRole = await call(gateway.url, issuer.token({ roles: ['SECURITY_OFFICER'] }), '{ me { userId } }');
    expect(unknownRole.status).toBe(403);

    const probationToken = (audience: string) => jwt.sign({ roles: ['PROBATION_OFFICER'] }, probation.privateKey, {
      algorithm: 'ES256', keyid: 'probation-1', issuer: PROBATION_ISSUER, audience, subject: 'po-first', expiresIn: 600,
    });
    const officer = await call(gateway.url, probationToken('probation-liaison'), '{ me { userId agency { code } } }');
    expect(officer.body).toMatchObject({ data: { me: { userId: 'po-first', agency: { code: 'PROBATION' } } } });
    // The applied issuer's own audience, not the gateway's default.
    expect((await call(gateway.url, probationToken('liaison'), '{ me { userId } }')).status).toBe(401);

    // Withdrawn from the reference data, the issuer's tokens stop at once — the very token that
    // was just accepted (remembered as verified) included — without restarting the gateway.
    const token = probationToken('probation-liaison');
    expect((await call(gateway.url, token, '{ me { userId } }')).status).toBe(200);
    const withdrawn = await runLiaison(['setup', 'apply', path.join(PACKAGE_ROOT, 'docs', 'reference-data.example.yaml')], env);
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
    expect(withdrawn.stdout).toContain(`- issuer ${PROBATION_ISSUER} (PROBATION)`);
    const deadline = Date.now() + 2_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = (await call(gateway.url, token, '{ me { userId } }')).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
  });

  it('a development-mode gateway refuses the production database', async () => {
    await gateway?.stop();
    gateway = undefined;
    const start = startGatewayProcess(db.url, { DATABASE_URL: db.url, LIAISON_MODE: 'development' });
    const message = await start.then(async (started) => {
      await started.stop();
      return 'started';
    }, (error: Error) => error.message);
    expect(message).toMatch(/this database is a production exchange \(marked by cli:.+\): a gateway serves it only in production mode/);
  });
});
