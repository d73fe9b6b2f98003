import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issuerBindingProblems } from '../../src/reference-data/rules/issuer-bindings.js';
import type { ReferenceData } from '../../src/reference-data/rules/reference-data.js';
import { describeChange, diffReferenceData, summariseChanges } from '../../src/reference-data/rules/reference-diff.js';
import { keyFingerprint, parseReferenceDocument } from '../../src/reference-data/rules/reference-document.js';
import { formatReferenceDocument } from '../../src/reference-data/rules/reference-export.js';

/**
 * The pure part of `liaison setup apply`: reading a reference-data file (every problem, with
 * its path), the difference with the database, and the issuer bindings checked at start-up.
 */

const ec = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
const indent = (pem: string) => pem.trim().split('\n').join('\n              ');
/** An issuer as the reference data holds it: listed keys only, unless `more` says otherwise. */
const LISTED_ONLY = { jwksUri: null, discovery: false, keyRefreshSeconds: null, unknownKeyCooldownSeconds: null, oidc: null } as const;
const noFiles = { readKeyFile: (file: string): string => { throw Object.assign(new Error(`no ${file}`), { code: 'ENOENT' }); } };

function file(issuerYaml: string): string {
  return `agencies:
  - code: POLICE
    name: Police
    kind: LAW_ENFORCEMENT
    roles: [{ role: ANALYST }]
    issuers:
${issuerYaml}`;
}

describe('parseReferenceDocument', () => {
  it('reads agencies, roles, facilities and issuers, keys inline or from a file beside it, re-encoded', () => {
    const inline = ec();
    const fromFile = ec();
    const { data, problems } = parseReferenceDocument(file(`      - issuer: https://idp.police.test
        audience: police-gateway
        keys:
          - kid: a
            alg: ES256
            publicKey: |
              ${indent(inline)}
          - kid: b
            alg: ES256
            publicKeyFile: keys/b.pem`), { readKeyFile: (name) => (name === 'keys/b.pem' ? fromFile : '') });
    expect(problems).toEqual([]);
    expect(data!.agencies[0]).toEqual({
      code: 'POLICE', name: 'Police', kind: 'LAW_ENFORCEMENT', roles: [{ role: 'ANALYST', description: null }], facilities: [],
      issuers: [{ issuer: 'https://idp.police.test', audience: 'police-gateway', keys: [{ kid: 'a', alg: 'ES256', publicKey: inline }, { kid: 'b', alg: 'ES256', publicKey: fromFile }], ...LISTED_ONLY }],
    });
  });

  it('reads issuers that publish their keys — at a JWKS URI, or found by discovery — with the console\'s sign-in client', () => {
    const { data, problems } = parseReferenceDocument(file(`      - issuer: https://idp.police.test/realms/ct
        discovery: true
        keyRefreshSeconds: 600
        oidc: { clientId: liaison-console, scope: openid liaison }
      - issuer: https://idp.police.test/realms/ops
        jwksUri: https://idp.police.test/realms/ops/certs
        unknownKeyCooldownSeconds: 10`), noFiles);
    expect(problems).toEqual([]);
    expect(data!.agencies[0]!.issuers).toEqual([
      { issuer: 'https://idp.police.test/realms/ct', audience: null, keys: [], jwksUri: null, discovery: true, keyRefreshSeconds: 600, unknownKeyCooldownSeconds: null, oidc: { clientId: 'liaison-console', scope: 'openid liaison' } },
      { issuer: 'https://idp.police.test/realms/ops', audience: null, keys: [], jwksUri: 'https://idp.police.test/realms/ops/certs', discovery: false, keyRefreshSeconds: null, unknownKeyCooldownSeconds: 10, oidc: null },
    ]);
    expect(parseReferenceDocument(formatReferenceDocument(data!), noFiles).data).toEqual(data);
  });

  it('refuses an issuer with no key and nothing published, both a JWKS URI and discovery, plain http off this machine, and refresh settings without published keys', () => {
    const { data, problems } = parseReferenceDocument(file(`      - issuer: https://idp.police.test/a
      - issuer: https://idp.police.test/b
        jwksUri: https://idp.police.test/b/certs
        discovery: true
      - issuer: http://idp.police.test/c
        discovery: true
      - issuer: https://idp.police.test/d
        jwksUri: http://idp.police.test/d/certs
      - issuer: https://idp.police.test/e
        keyRefreshSeconds: 0
        keys: [{ kid: k, alg: ES256, publicKey: "${ec().replaceAll('\n', '\\n')}" }]`), noFiles);
    expect(data).toBeNull();
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'agencies[0] (POLICE).issuers[0].keys: at least one key, unless the issuer publishes them (jwksUri, or discovery: true)',
      'agencies[0] (POLICE).issuers[1].discovery: give either jwksUri or discovery: true, not both (discovery finds the jwks_uri)',
      'agencies[0] (POLICE).issuers[2].discovery: discovery fetches <issuer>/.well-known/openid-configuration: the issuer must be an https URL (plain http only on the loopback interface)',
      expect.stringMatching(/^agencies\[0\] \(POLICE\)\.issuers\[3\]\.jwksUri: must be an https URL \(plain http only on the loopback interface\)/),
      'agencies[0] (POLICE).issuers[4].keyRefreshSeconds: at least 1 second',
      'agencies[0] (POLICE).issuers[4].keyRefreshSeconds: applies to published keys only (jwksUri, or discovery: true)',
    ]);
  });

  it('refuses keys that do not fit their algorithm, weak RSA keys and development issuers', () => {
    const weakRsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const { data, problems } = parseReferenceDocument(file(`      - issuer: urn:liaison:dev:POLICE
        keys:
          - kid: a
            alg: RS256
            publicKey: |
              ${indent(ec())}
          - kid: b
            alg: RS256
            publicKey: |
              ${indent(weakRsa)}
          - kid: c
            alg: ES256
            publicKey: not a key`), noFiles);
    expect(data).toBeNull();
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'agencies[0] (POLICE).issuers[0].issuer: urn:liaison:dev:… is reserved for development tokens',
      'agencies[0] (POLICE).issuers[0].keys[0].publicKey: RS256 needs an RSA key, found ec',
      'agencies[0] (POLICE).issuers[0].keys[1].publicKey: RS256 keys must be at least 2048 bits',
      expect.stringMatching(/^agencies\[0\] \(POLICE\)\.issuers\[0\]\.keys\[2\]\.publicKey: not a PEM public key/),
    ]);
  });

  it('reports YAML syntax errors by line, and a file that is not a mapping of agencies', () => {
    expect(parseReferenceDocument('agencies: [\n', noFiles).problems[0]!.path).toMatch(/^line \d+, column \d+$/);
    expect(parseReferenceDocument('- POLICE\n', noFiles).problems).toEqual([{ path: 'file', message: 'must be a mapping with the key agencies' }]);
    expect(parseReferenceDocument('agencies: []\n', noFiles).problems).toEqual([{ path: 'agencies', message: 'at least one agency' }]);
  });
});

const police = (over: Partial<ReferenceData['agencies'][number]> = {}): ReferenceData['agencies'][number] => ({
  code: 'POLICE', name: 'Police', kind: 'LAW_ENFORCEMENT', roles: [{ role: 'ANALYST', description: null }], facilities: [], issuers: [], ...over,
});
const prisons = (over: Partial<ReferenceData['agencies'][number]> = {}): ReferenceData['agencies'][number] => ({
  code: 'PRISONS', name: 'Prisons', kind: 'PRISON_ADMINISTRATION', roles: [], facilities: [{ code: 'HMP-A', name: 'A', securityLevel: 'HIGH' }], issuers: [], ...over,
});

describe('diffReferenceData', () => {
  it('is empty when nothing differs, whatever the order of the entries', () => {
    const data = { agencies: [police({ roles: [{ role: 'ANALYST', description: null }, { role: 'OFFICER', description: 'x' }] }), prisons()] };
    const shuffled = { agencies: [prisons(), police({ roles: [{ role: 'OFFICER', description: 'x' }, { role: 'ANALYST', description: null }] })] };
    expect(diffReferenceData(data, shuffled)).toEqual([]);
    expect(summariseChanges([])).toBe('no changes');
  });

  it('adds parents before children and removes children before parents', () => {
    const before = { agencies: [prisons()] };
    const after = { agencies: [police()] };
    const changes = diffReferenceData(before, after);
    expect(changes.map((c) => `${c.action} ${c.entity} ${c.key}`)).toEqual([
      'ADD AGENCY POLICE', 'ADD ROLE ANALYST', 'REMOVE FACILITY HMP-A', 'REMOVE AGENCY PRISONS',
    ]);
    expect(summariseChanges(changes)).toBe('4 changes: 2 to add, 2 to remove');
  });

  it('shows an issuer moved to another agency and a key rotated as updates, keys by fingerprint', () => {
    const [oldKey, newKey] = [ec(), ec()];
    const issuer = (publicKey: string) => ({ issuer: 'https://idp.test', audience: null, keys: [{ kid: 'k', alg: 'ES256' as const, publicKey }], ...LISTED_ONLY });
    const changes = diffReferenceData(
      { agencies: [police({ issuers: [issuer(oldKey)] }), prisons()] },
      { agencies: [police(), prisons({ issuers: [issuer(newKey)] })] },
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entity: 'ISSUER', action: 'UPDATE', agency: 'PRISONS', fields: ['keys', 'agency'] });
    expect(describeChange(changes[0]!, keyFingerprint)).toBe(
      `~ issuer https://idp.test (PRISONS): keys k ES256 ${keyFingerprint(oldKey)} → k ES256 ${keyFingerprint(newKey)}; agency POLICE → PRISONS`,
    );
  });
});

describe('formatReferenceDocument', () => {
  it('writes what parseReferenceDocument reads back unchanged', () => {
    const data: ReferenceData = { agencies: [
      police({ name: 'Police: "CT" — unit', issuers: [{ issuer: 'https://idp.test', audience: 'aud', keys: [{ kid: 'k', alg: 'ES256', publicKey: ec() }], ...LISTED_ONLY }] }),
      prisons({ roles: [{ role: 'MOU_ADMIN', description: 'Drafts: MoUs, # and more' }] }),
    ] };
    const { data: read, problems } = parseReferenceDocument(formatReferenceDocument(data), noFiles);
    expect(problems).toEqual([]);
    expect(diffReferenceData(data, read!)).toEqual([]);
    expect(read).toEqual(data);
  });
});

describe('issuerBindingProblems', () => {
  const configured = { issuer: 'https://idp.police.test', agency: 'POLICE', keys: [] };

  it('names a configured issuer and the agency it is bound to when the database lacks that agency', () => {
    expect(issuerBindingProblems([configured], [], new Set(['PRISONS']))).toEqual([
      expect.stringMatching(/^LIAISON_TRUSTED_ISSUERS: issuer https:\/\/idp\.police\.test is bound to agency POLICE, which the database does not have/),
    ]);
    expect(issuerBindingProblems([configured], [], new Set(['POLICE']))).toEqual([]);
  });

  it('refuses an issuer both configured and applied', () => {
    expect(issuerBindingProblems([configured], [{ ...configured, agency: 'PRISONS' }], new Set(['POLICE', 'PRISONS']))).toEqual([
      'issuer https://idp.police.test is both configured in LIAISON_TRUSTED_ISSUERS (bound to POLICE) and applied to the database (bound to PRISONS): keep one',
    ]);
  });
});
