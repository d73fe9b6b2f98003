import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../src/auth/development-tokens.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { runLiaison } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createEmptyDatabase, type EmptyDatabase } from '../support/empty-database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * `liaison setup apply` (issue 12, item 1) through the real CLI on real PostgreSQL: the
 * difference printed before applying, --dry-run, a second apply that changes nothing, every
 * problem of a bad file at once, the admin log, the production mark that `liaison seed`
 * respects, and the reference data read back through the API by those allowed to.
 */

const EXAMPLE = path.join(PACKAGE_ROOT, 'docs', 'reference-data.example.yaml');

let empty: EmptyDatabase;
let seeded: TestDatabase;
let dir: string;

beforeAll(async () => {
  [empty, seeded] = await Promise.all([createEmptyDatabase(), createTestDatabase()]);
  dir = await mkdtemp(path.join(tmpdir(), 'liaison-setup-'));
  const migrated = await runLiaison(['migrate'], { DATABASE_URL: empty.url });
  expect(migrated.code, migrated.stderr).toBe(0);
});

afterAll(async () => {
  await empty?.drop();
  await seeded?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const apply = (db: { url: string }, file: string, ...flags: string[]) => runLiaison(['setup', 'apply', file, ...flags], { DATABASE_URL: db.url });
const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

async function writeFileNamed(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('setup apply on an empty database', () => {
  it('--dry-run prints every addition and the production mark, and changes nothing', async () => {
    const res = await apply(empty, EXAMPLE, '--dry-run');
    expect(res.code, res.stderr).toBe(0);
    const out = lines(res.stdout);
    expect(out[0]).toMatch(/19 changes: 19 to add \(and the production mark\)$/);
    expect(out).toContain('+ agency POLICE: name "National Police — Counter-Terrorism Unit", kind LAW_ENFORCEMENT');
    expect(out).toContain('+ role ANALYST (POLICE): description "Intelligence analyst"');
    expect(out).toContain('+ facility HMP-NORTHGATE (PRISONS): name "HMP Northgate", securityLevel MAXIMUM');
    expect(out.find((l) => l.startsWith('+ issuer https://idp.police.example/realms/liaison (POLICE): keys police-2026-01 RS256 SHA256:'))).toBeDefined();
    expect(out.at(-1)).toBe('dry run: nothing changed');
    expect(await empty.sql('SELECT code FROM agency')).toEqual([]);
    expect(await empty.sql('SELECT 1 FROM deployment')).toEqual([]);
    expect(await empty.sql('SELECT 1 FROM mou_admin_event')).toEqual([]);
  });

  it('applies the file, and a second apply prints "no changes"', async () => {
    const first = await apply(empty, EXAMPLE);
    expect(first.code, first.stderr).toBe(0);
    expect(lines(first.stdout)).toContain('applied');
    const agencies = await empty.sql<{ code: string; kind: string }>('SELECT code, kind FROM agency ORDER BY code');
    expect(agencies).toEqual([
      { code: 'INSPECTORATE', kind: 'OVERSIGHT' }, { code: 'POLICE', kind: 'LAW_ENFORCEMENT' },
      { code: 'PRISONS', kind: 'PRISON_ADMINISTRATION' }, { code: 'PROBATION', kind: 'PROBATION_SERVICE' },
    ]);
    const issuers = await empty.sql<{ issuer: string; agency_code: string }>('SELECT issuer, agency_code FROM trusted_issuer ORDER BY issuer');
    expect(issuers).toEqual([
      { issuer: 'https://idp.police.example/realms/liaison', agency_code: 'POLICE' },
      { issuer: 'https://idp.prisons.example/realms/liaison', agency_code: 'PRISONS' },
    ]);
    const again = await apply(empty, EXAMPLE);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(`${EXAMPLE}: no changes`);
  });

  it('writes one admin-log event per change, and the production mark, as the CLI actor', async () => {
    const events = await empty.sql<{ action: string; channel: string; actor_user_id: string; party_agency_codes: string[]; after: Record<string, unknown> | null; request: { sha256: string } }>(
      'SELECT action, channel, actor_user_id, party_agency_codes, after, request FROM mou_admin_event ORDER BY seq');
    const count = (action: string) => events.filter((e) => e.action === action).length;
    expect([count('ADD_AGENCY'), count('ADD_ROLE'), count('ADD_FACILITY'), count('ADD_ISSUER'), count('MARK_PRODUCTION')]).toEqual([4, 10, 3, 2, 1]);
    expect(events).toHaveLength(20);
    expect(new Set(events.map((e) => e.channel))).toEqual(new Set(['CLI']));
    expect(events.every((e) => e.actor_user_id.startsWith('cli:'))).toBe(true);
    const police = events.find((e) => e.action === 'ADD_ISSUER' && e.party_agency_codes.includes('POLICE'))!;
    expect(police.party_agency_codes).toEqual(['POLICE']);
    expect(police.after).toMatchObject({ issuer: 'https://idp.police.example/realms/liaison', agency: 'POLICE' });
    expect(JSON.stringify(events)).not.toMatch(/PRIVATE KEY/);
    expect(police.request.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints changes and removals before applying them, and logs each', async () => {
    const changed = (await readFile(EXAMPLE, 'utf8'))
      .replace('name: HMP Eastfield', 'name: HMP Eastfield (open estate)')
      .replace(/      - role: OFFICER\n        description: Police officer\n/, '')
      .replace('        securityLevel: MEDIUM\n', '        securityLevel: MEDIUM\n      - code: HMP-WESTMOOR\n        name: HMP Westmoor\n        securityLevel: LOW\n');
    const file = await writeFileNamed('changed.yaml', changed);
    const res = await apply(empty, file, '--reason', 'Westmoor opens');
    expect(res.code, res.stderr).toBe(0);
    expect(lines(res.stdout)).toEqual([
      `${file}: 3 changes: 1 to add, 1 to change, 1 to remove`,
      '~ facility HMP-EASTFIELD (PRISONS): name "HMP Eastfield" → "HMP Eastfield (open estate)"',
      '+ facility HMP-WESTMOOR (PRISONS): name "HMP Westmoor", securityLevel LOW',
      '- role OFFICER (POLICE)',
      'applied',
    ]);
    expect(await empty.sql(`SELECT role FROM agency_role WHERE agency_code = 'POLICE' ORDER BY role`)).toEqual([{ role: 'ANALYST' }, { role: 'MOU_ADMIN' }]);
    const events = await empty.sql<{ action: string; reason: string; before: unknown; after: unknown }>(
      `SELECT action, reason, before, after FROM mou_admin_event WHERE reason IS NOT NULL ORDER BY seq`);
    expect(events.map((e) => e.action)).toEqual(['UPDATE_FACILITY', 'ADD_FACILITY', 'REMOVE_ROLE']);
    expect(events[0]).toMatchObject({ reason: 'Westmoor opens', before: { name: 'HMP Eastfield' }, after: { name: 'HMP Eastfield (open estate)' } });
    expect(events[2]).toMatchObject({ before: { role: 'OFFICER' }, after: null });
  });

  it('`setup export` writes what `setup apply` reads: applying the export changes nothing', async () => {
    const file = path.join(dir, 'exported.yaml');
    const exported = await runLiaison(['setup', 'export', '--out', file], { DATABASE_URL: empty.url });
    expect(exported.code, exported.stderr).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('code: HMP-WESTMOOR');
    const res = await apply(empty, file);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.trim()).toBe(`${file}: no changes`);
  });

  it('`liaison seed` refuses the production database, with or without --reset --yes', async () => {
    for (const args of [['seed'], ['seed', '--reset', '--yes']]) {
      const res = await runLiaison(args, { DATABASE_URL: empty.url });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/Refusing to seed: this database is a production exchange \(marked by cli:.+\)/);
    }
    expect(await empty.sql('SELECT count(*)::int AS n FROM agency')).toEqual([{ n: 4 }]);
    expect(await empty.sql('SELECT count(*)::int AS n FROM prisoner')).toEqual([{ n: 0 }]);
  });
});

describe('a file with problems', () => {
  it('is refused with every problem, each with its path, and nothing changes', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const privatePem = (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).replace(/\n/g, '\n              ');
    const file = await writeFileNamed('bad.yaml', `agencies:
  - code: police
    name: Police
    kind: COPS
    colour: blue
    roles:
      - role: ANALYST
      - role: ANALYST
    issuers:
      - issuer: https://idp.police.test
        keys:
          - kid: k1
            alg: ES256
            publicKey: |
              ${privatePem}
          - kid: k2
            alg: RS256
            publicKeyFile: missing.pem
  - code: PRISONS
    name: Prisons
    kind: PRISON_ADMINISTRATION
    facilities:
      - code: HMP-A
        name: A
  - code: PRISONS
    name: ""
    kind: OTHER
`);
    const res = await apply(empty, file);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(lines(res.stderr)).toEqual([
      `liaison: ${file} refused — 9 problem(s):`,
      'agencies[0] (police).code: must read like POLICE (^[A-Z][A-Z0-9_]{1,31}$)',
      'agencies[0] (police).colour: unknown key',
      'agencies[0] (police).issuers[0].keys[0].publicKey: is a private key: give the issuer\'s public key (PEM, BEGIN PUBLIC KEY); a private key must never leave its identity provider',
      'agencies[0] (police).issuers[0].keys[1].publicKeyFile: cannot read missing.pem: ENOENT',
      'agencies[0] (police).kind: must be one of PRISON_ADMINISTRATION, LAW_ENFORCEMENT, PROBATION_SERVICE, OVERSIGHT, OTHER',
      'agencies[0] (police).roles[1].role: role ANALYST appears twice',
      'agencies[1] (PRISONS).facilities[0].securityLevel: missing',
      'agencies[2] (PRISONS).code: agency PRISONS appears twice',
      'agencies[2] (PRISONS).name: must not be empty',
    ]);
    expect(await empty.sql(`SELECT 1 FROM agency WHERE code = 'police' OR name = ''`)).toEqual([]);
  });

  it('is refused when it would remove an agency that records and MoUs still name', async () => {
    const withoutProbation = (await readFile(EXAMPLE, 'utf8')).replace(/  - code: PROBATION[\s\S]*?(?=\n  - code: INSPECTORATE)/, '');
    const file = await writeFileNamed('without-probation.yaml', withoutProbation);
    const res = await apply(seeded, file);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/agencies: agency PROBATION is in the database but not in the file, and cannot be removed: .*mou\.recipient_agency_code.* still refer to it/);
    // And, the demo data set being there, the database would never have become a production exchange.
    expect(res.stderr).toMatch(/database: holds the demo data set \(3 MoUs loaded by `liaison seed`\): a production exchange starts from an empty database/);
    expect(await seeded.sql(`SELECT count(*)::int AS n FROM agency_role WHERE agency_code = 'PROBATION'`)).toEqual([{ n: 2 }]);
    expect(await seeded.sql('SELECT 1 FROM deployment')).toEqual([]);
    // The refusal is in the admin log, for PROBATION's admins and the auditors; nothing else was written.
    const events = await seeded.sql(`SELECT action, outcome, refusal_rule, party_agency_codes FROM mou_admin_event WHERE channel = 'CLI'`);
    expect(events).toEqual([{ action: 'REMOVE_AGENCY', outcome: 'REFUSED', refusal_rule: 'REFERENCE_IN_USE', party_agency_codes: ['PROBATION'] }]);
  });
});

describe('`liaison seed --reset` on a development database', () => {
  it('asks for --yes and deletes nothing without it', async () => {
    const [before] = await seeded.sql<{ n: number }>('SELECT count(*)::int AS n FROM prisoner');
    const res = await runLiaison(['seed', '--reset'], { DATABASE_URL: seeded.url });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/--reset deletes every agency, prisoner, record and MoU in the database: add --yes to confirm/);
    expect(await seeded.sql('SELECT count(*)::int AS n FROM prisoner')).toEqual([before]);
  });
});

describe('referenceData through the API', () => {
  let gateway: TestGateway;
  const QUERY = '{ referenceData { productionSince agencies { code name kind roles { role description } facilities { code name securityLevel } issuers { issuer audience jwksUri keys { kid alg fingerprint publicKey } } } } }';

  beforeAll(async () => {
    // The database gone live above (an in-process development gateway, to mint tokens for every role).
    gateway = await startTestGateway({ url: empty.url, dataSource: await empty.dataSource() });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('is read by any agency\'s MOU_ADMIN and by the inspectorate\'s auditors, public keys only', async () => {
    for (const token of [demoTokens.policeMouAdmin(), demoTokens.probationMouAdmin(), demoTokens.auditor()]) {
      const res = await gateway.graphql<any>(QUERY, { token });
      expect(res.body.errors).toBeUndefined();
      const data = res.body.data.referenceData;
      const [mark] = await empty.sql<{ marked_at: Date }>('SELECT marked_at FROM deployment');
      expect(data.productionSince).toBe(mark!.marked_at.toISOString());
      expect(data.agencies.map((a: { code: string }) => a.code)).toEqual(['INSPECTORATE', 'POLICE', 'PRISONS', 'PROBATION']);
      const prisons = data.agencies.find((a: { code: string }) => a.code === 'PRISONS');
      expect(prisons.roles.map((r: { role: string }) => r.role)).toEqual(['CASE_MANAGER', 'HEALTH_STAFF', 'MOU_ADMIN', 'SECURITY_OFFICER']);
      expect(prisons.facilities).toContainEqual({ code: 'HMP-NORTHGATE', name: 'HMP Northgate', securityLevel: 'MAXIMUM' });
      expect(prisons.issuers).toEqual([{
        issuer: 'https://idp.prisons.example/realms/liaison', audience: null, jwksUri: null,
        keys: [{ kid: 'prisons-2026-01', alg: 'ES256', fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/), publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/) }],
      }]);
      expect(JSON.stringify(res.body)).not.toMatch(/PRIVATE/);
    }
  });

  it('is refused to everyone else, with the rule named', async () => {
    const others = [
      demoTokens.policeAnalyst(), demoTokens.prisonSecurityOfficer(), demoTokens.probationOfficer(),
      mintDevelopmentToken({ agency: 'PRISONS', roles: ['HEALTH_STAFF'], userId: 'hs-9' }),
    ];
    for (const token of others) {
      const res = await gateway.graphql<any>(QUERY, { token });
      expect(res.body.data?.referenceData ?? null).toBeNull();
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'REFERENCE_DATA_AUDIENCE' });
      expect(JSON.stringify(res.body)).not.toMatch(/idp\.prisons|HMP-NORTHGATE/);
    }
    expect((await gateway.graphql(QUERY, { token: null })).status).toBe(401);
  });

  it('shows an agency\'s MOU_ADMINs the admin-log events of their own agency only', async () => {
    const query = '{ mouAdminEvents(filter: { actions: [ADD_ISSUER, MARK_PRODUCTION] }, first: 10) { edges { node { action channel after } } } }';
    const police = await gateway.graphql<any>(query, { token: demoTokens.policeMouAdmin() });
    expect(police.body.errors).toBeUndefined();
    expect(police.body.data.mouAdminEvents.edges.map((e: any) => [e.node.action, e.node.after?.issuer ?? null])).toEqual([
      ['ADD_ISSUER', 'https://idp.police.example/realms/liaison'],
    ]);
    const auditor = await gateway.graphql<any>(query, { token: demoTokens.auditor() });
    expect(auditor.body.data.mouAdminEvents.edges.map((e: any) => e.node.action).sort()).toEqual(['ADD_ISSUER', 'ADD_ISSUER', 'MARK_PRODUCTION']);
  });
});
