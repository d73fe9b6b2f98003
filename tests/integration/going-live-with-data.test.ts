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
import { createProductionIssuer, type ProductionIssuer } from '../support/production-issuer.js';

/**
 * Going live with an agency's own data (issue 12), end to end with real processes: an empty
 * database in production mode, the reference file applied, prisoners and risk flags imported
 * from CSV with `liaison import`, the prisons–police MoU drafted from its document and approved
 * by both parties' MOU_ADMINs — and the police analyst, with a token from the configured
 * issuer, sees exactly the flags the MoU allows: the ACTIVE flags of VEP prisoners.
 */

const PRISONS_ISSUER = 'https://idp.prisons.example/realms/liaison';

let db: EmptyDatabase;
let police: ProductionIssuer;
let dir: string;
let env: Record<string, string>;
let gateway: GatewayProcess | undefined;
const prisons = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

beforeAll(async () => {
  [db, police] = await Promise.all([createEmptyDatabase(), createProductionIssuer()]);
  dir = await mkdtemp(path.join(tmpdir(), 'liaison-live-data-'));
  const signingKey = path.join(dir, 'audit-signing.pem');
  await writeFile(signingKey, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  env = { ...police.env, DATABASE_URL: db.url, LIAISON_AUDIT_SIGNING_KEY: signingKey };
});

afterAll(async () => {
  await gateway?.stop();
  await police?.remove();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const prisonsToken = (roles: string[], sub: string): string =>
  jwt.sign({ roles }, prisons.privateKey, { algorithm: 'ES256', keyid: 'prisons-2026-01', issuer: PRISONS_ISSUER, audience: 'liaison', subject: sub, expiresIn: 600 });

async function call(token: string, query: string, variables: Record<string, unknown> = {}, purpose?: string): Promise<any> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  if (purpose) headers['Liaison-Purpose'] = purpose;
  const res = await fetch(`${gateway!.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await res.json() as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

describe('production from an empty database, with the agencies\' own data', () => {
  it('apply, import, approve the MoU: the analyst sees exactly the ACTIVE flags of VEP prisoners', async () => {
    expect((await runLiaison(['migrate'], env)).code).toBe(0);
    // The example reference file, with the prisons' identity provider holding a key we hold.
    await writeFile(path.join(dir, 'prisons-idp.pem'), prisons.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const example = await readFile(path.join(PACKAGE_ROOT, 'docs', 'reference-data.example.yaml'), 'utf8');
    const file = path.join(dir, 'reference-data.yaml');
    await writeFile(file, example.replace(/( {10}- kid: prisons-2026-01\n {12}alg: ES256\n) {12}publicKey: \|\n(?: {14}.*\n)+/, '$1            publicKeyFile: prisons-idp.pem\n'));
    const applied = await runLiaison(['setup', 'apply', file], env);
    expect(applied.code, applied.stderr).toBe(0);

    const vep = ['TERRORISM_CONVICTION', 'NONE', 'ASSESSED_VEP', 'OF_CONCERN', 'TERRORISM_CONNECTED', 'NONE'];
    await writeFile(path.join(dir, 'prisoners.csv'), ['externalId,prisonNumber,fullName,names,facility,custodyStatus,vepStatus',
      ...vep.map((status, i) => `P-${i},A${1000 + i}BC,Prisoner ${i},Prisoner ${i}|LATIN|PRIMARY,HMP-NORTHGATE,SENTENCED,${status}`)].join('\n'));
    await writeFile(path.join(dir, 'flags.csv'), ['externalId,prisonerExternalId,category,severity,status,summary',
      ...vep.flatMap((_, i) => [`F-${i}-a,P-${i},VIOLENCE,HIGH,ACTIVE,Assaulted staff`, `F-${i}-b,P-${i},ESCAPE,LOW,EXPIRED,Old escape plan`])].join('\n'));
    const prisoners = await runLiaison(['import', '--agency', 'PRISONS', '--kind', 'prisoners', path.join(dir, 'prisoners.csv')], env);
    expect(prisoners.stdout, prisoners.stderr).toMatch(/^6 lines: 6 created/m);
    const flags = await runLiaison(['import', '--agency', 'PRISONS', '--kind', 'risk-flags', path.join(dir, 'flags.csv')], env);
    expect(flags.stdout, flags.stderr).toMatch(/^12 lines: 12 created/m);
    const drafted = await runLiaison(['mou', 'import', path.join(PACKAGE_ROOT, 'docs', 'mous', 'MOU-PRISONS-POLICE-01.yaml'), '--as', 'cli-drafter'], env);
    expect(drafted.code, drafted.stderr).toBe(0);

    gateway = await startGatewayProcess(db.url, env);
    const analyst = police.token({ roles: ['ANALYST'], sub: 'ct-analyst' });
    const FLAGS = '{ riskFlags(first: 100) { totalCount edges { node { category status prisoner { vepStatus } } } } }';
    expect((await call(analyst, FLAGS, {}, 'COUNTER_TERRORISM')).riskFlags.totalCount).toBe(0); // no MoU in force yet

    const prisonsAdmin = prisonsToken(['MOU_ADMIN'], 'prisons-admin');
    const { mous } = await call(prisonsAdmin, '{ mous(filter: { reference: "MOU-PRISONS-POLICE-01" }) { edges { node { id status } } } }');
    const id = mous.edges[0].node.id as string;
    await call(prisonsAdmin, 'mutation($id: ID!) { submitMou(id: $id) { status } }', { id });
    await call(prisonsAdmin, 'mutation($id: ID!) { approveMou(id: $id) { status } }', { id });
    const approved = await call(police.token({ roles: ['MOU_ADMIN'], sub: 'police-admin' }), 'mutation($id: ID!) { approveMou(id: $id) { status } }', { id });
    expect(approved.approveMou.status).toBe('ACTIVE');

    let seen: any;
    for (let i = 0; i < 50; i++) {
      seen = (await call(analyst, FLAGS, {}, 'COUNTER_TERRORISM')).riskFlags;
      if (seen.totalCount > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // VEP prisoners P-0, P-2, P-4: their ACTIVE flags, nothing else.
    expect(seen.totalCount).toBe(3);
    for (const { node } of seen.edges) {
      expect(node).toMatchObject({ category: 'VIOLENCE', status: 'ACTIVE' });
      expect(['TERRORISM_CONVICTION', 'TERRORISM_CONNECTED', 'ASSESSED_VEP']).toContain(node.prisoner.vepStatus);
    }
  }, 120_000);
});
