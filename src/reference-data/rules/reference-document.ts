import { createHash, createPublicKey } from 'node:crypto';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { AGENCY_KINDS, SECURITY_LEVELS } from '../../domain/enums.js';
import { assertSecureKeyUrl } from '../../auth/openid-discovery.js';
import { DEV_ISSUER_PREFIX, toTrustedKey } from '../../auth/trusted-issuers.js';
import type { IssuerKeyDefinition, ReferenceData, ReferenceProblem } from './reference-data.js';

/**
 * Reads a reference-data file (YAML 1.2, core schema): checks its structure with a schema
 * (unknown keys refused, every value typed), then what the schema cannot say — codes unique,
 * keys that are real public keys of the declared algorithm, no development issuer — and
 * returns the data or every problem found, each with its path.
 */

/** Far above any real exchange; keeps parsing bounded. */
export const MAX_REFERENCE_FILE_BYTES = 1024 * 1024;

/**
 * The most entries of each kind a file may hold: room for a national exchange, and a bound
 * on what `referenceData` can return (the query-cost limit counts lists at these sizes).
 */
export const REFERENCE_LIMITS = { agencies: 60, rolesPerAgency: 30, facilitiesPerAgency: 150, issuersPerAgency: 5, keysPerIssuer: 5 } as const;

const CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
const ROLE = /^[A-Z][A-Z0-9_]{1,63}$/;
const FACILITY_CODE = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

const text = (max: number) => z.string({ error: 'must be text' })
  .refine((value) => value.trim() !== '', 'must not be empty')
  .refine((value) => value.length <= max, `longer than ${max} characters`)
  .refine((value) => !CONTROL.test(value), 'contains control characters');
const matching = (pattern: RegExp, example: string) => z.string({ error: 'must be text' })
  .regex(pattern, `must read like ${example} (${pattern.source})`);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item, { error: 'must be a list' }).max(max, `at most ${max} entries`);

const keySchema = z.strictObject({
  kid: text(200),
  alg: oneOf(['RS256', 'ES256'] as const),
  publicKey: z.string({ error: 'must be PEM text' }).optional(),
  publicKeyFile: text(1000).optional(),
}, { error: 'must be a mapping with kid, alg and publicKey or publicKeyFile' });

/** Keys travel over TLS: https, or plain http to this machine only. */
const isKeyUrl = (value: string): boolean => {
  try {
    assertSecureKeyUrl(value, 'url');
    return true;
  } catch {
    return false;
  }
};
const seconds = z.number({ error: 'must be a whole number of seconds' }).int('must be a whole number of seconds').min(1, 'at least 1 second').max(86_400, 'at most 86400 seconds (a day)');

const issuerSchema = z.strictObject({
  issuer: text(500).refine((value) => URL.canParse(value), 'must be an absolute URI (the `iss` of the tokens), e.g. https://idp.example.org/realms/liaison'),
  audience: text(200).nullable().optional(),
  jwksUri: text(1000).refine(isKeyUrl, 'must be an https URL (plain http only on the loopback interface), e.g. https://idp.example.org/realms/liaison/protocol/openid-connect/certs').optional(),
  discovery: z.boolean({ error: 'must be true or false' }).optional(),
  keyRefreshSeconds: seconds.optional(),
  unknownKeyCooldownSeconds: seconds.optional(),
  oidc: z.strictObject({ clientId: text(200), scope: text(200).optional() }, { error: 'must be a mapping with clientId and optionally scope' }).optional(),
  keys: list(keySchema, REFERENCE_LIMITS.keysPerIssuer).optional(),
}, { error: 'must be a mapping with issuer and keys, jwksUri or discovery' });

const agencySchema = z.strictObject({
  code: matching(CODE, 'POLICE'),
  name: text(200),
  kind: oneOf(AGENCY_KINDS),
  roles: list(z.strictObject({ role: matching(ROLE, 'SECURITY_OFFICER'), description: text(500).nullable().optional() }, { error: 'must be a mapping with role and description' }), REFERENCE_LIMITS.rolesPerAgency).optional(),
  facilities: list(z.strictObject({ code: matching(FACILITY_CODE, 'HMP-NORTHGATE'), name: text(200), securityLevel: oneOf(SECURITY_LEVELS) }, { error: 'must be a mapping with code, name and securityLevel' }), REFERENCE_LIMITS.facilitiesPerAgency).optional(),
  issuers: list(issuerSchema, REFERENCE_LIMITS.issuersPerAgency).optional(),
}, { error: 'must be a mapping with code, name, kind, roles, facilities and issuers' });

const fileSchema = z.strictObject({
  agencies: list(agencySchema, REFERENCE_LIMITS.agencies).min(1, 'at least one agency'),
}, { error: 'must be a mapping with the key agencies' });

type FileShape = z.infer<typeof fileSchema>;

export interface ReadOptions {
  /** Reads a `publicKeyFile` (a path relative to the reference file); throws if it cannot. */
  readKeyFile: (relativePath: string) => string;
}

/** `agencies[1] (POLICE).issuers[0]`: the agency's code beside its index, when the file gives one. */
function pathOf(root: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      out += `[${step}]`;
      node = Array.isArray(node) ? node[step] : undefined;
      if (out.startsWith('agencies') && out.indexOf('.') === -1) {
        const code = (node as { code?: unknown } | undefined)?.code;
        if (typeof code === 'string') out += ` (${code})`;
      }
    } else {
      out += out === '' ? String(step) : `.${String(step)}`;
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[step] : undefined;
    }
  }
  return out || 'file';
}

function isMissing(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let parent: unknown = root;
  for (const step of path.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? (parent as Record<PropertyKey, unknown>)[step] : undefined;
  return parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !(path.at(-1)! in parent);
}

function schemaProblems(root: unknown, issues: readonly z.core.$ZodIssue[]): ReferenceProblem[] {
  return issues.flatMap((issue) => {
    const at = pathOf(root, issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: at === 'file' ? key : `${at}.${key}`, message: 'unknown key' }));
    }
    // A missing key is reported as missing, not by the type its value should have had.
    return [{ path: at, message: isMissing(root, issue.path) ? 'missing' : issue.message }];
  });
}

interface RawKey { kid?: unknown; alg?: unknown; publicKey?: unknown; publicKeyFile?: unknown }

/**
 * A key as the database holds it: the public key re-encoded as PEM (SPKI), checked for its
 * algorithm. Keys whose kid or alg the schema refused are left to the schema's problems.
 */
function publicKeyOf(key: RawKey, issuer: string, at: string, options: ReadOptions, problems: ReferenceProblem[]): IssuerKeyDefinition | null {
  if (typeof key.kid !== 'string' || (key.alg !== 'RS256' && key.alg !== 'ES256')) return null;
  if ((key.publicKey === undefined) === (key.publicKeyFile === undefined)) {
    problems.push({ path: at, message: 'needs exactly one of publicKey (PEM text) and publicKeyFile (a path relative to this file)' });
    return null;
  }
  let pem = key.publicKey;
  const where = pem !== undefined ? `${at}.publicKey` : `${at}.publicKeyFile`;
  if (pem === undefined) {
    if (typeof key.publicKeyFile !== 'string') return null;
    try {
      pem = options.readKeyFile(key.publicKeyFile);
    } catch (error) {
      problems.push({ path: where, message: `cannot read ${key.publicKeyFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return null;
    }
  }
  if (typeof pem !== 'string') return null;
  // createPublicKey would derive the public half of a private key: a private key in the
  // exchange's reference data is refused outright, never stored.
  if (/PRIVATE KEY/.test(pem)) {
    problems.push({ path: where, message: 'is a private key: give the issuer\'s public key (PEM, BEGIN PUBLIC KEY); a private key must never leave its identity provider' });
    return null;
  }
  try {
    const trusted = toTrustedKey({ kid: key.kid, alg: key.alg, publicKey: pem }, issuer);
    return { kid: key.kid, alg: key.alg, publicKey: trusted.key.export({ type: 'spki', format: 'pem' }) as string };
  } catch (error) {
    problems.push({ path: where, message: (error as Error).message.replace(/^issuer .*?, key .*?: /, '') });
    return null;
  }
}

const entries = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, key: string): unknown => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined);

/** Reports the second and later occurrences of a key among `items` (text keys only; the schema reports the rest). */
function duplicates(items: readonly { key: unknown; path: PropertyKey[] }[], report: (key: string, path: PropertyKey[]) => void): void {
  const seen = new Set<string>();
  for (const { key, path } of items) {
    if (typeof key !== 'string') continue;
    if (seen.has(key)) report(key, path);
    seen.add(key);
  }
}

/**
 * What the schema cannot check — uniqueness, the keys themselves, reserved names — walked over
 * the file as written, so these problems are reported together with the schema's. Returns the
 * checked keys by their path, for the data.
 */
function meaningProblems(root: unknown, options: ReadOptions): { keys: Map<string, IssuerKeyDefinition>; problems: ReferenceProblem[] } {
  const problems: ReferenceProblem[] = [];
  const keys = new Map<string, IssuerKeyDefinition>();
  const at = (path: PropertyKey[]) => pathOf(root, path);
  const agencies = entries(field(root, 'agencies'));
  const children = (name: string) => agencies.flatMap((agency, i) => entries(field(agency, name)).map((item, j) => ({ agency, item, path: ['agencies', i, name, j] as PropertyKey[] })));

  duplicates(agencies.map((a, i) => ({ key: field(a, 'code'), path: ['agencies', i, 'code'] })), (code, path) => problems.push({ path: at(path), message: `agency ${code} appears twice` }));
  agencies.forEach((agency, i) => duplicates(
    entries(field(agency, 'roles')).map((r, j) => ({ key: field(r, 'role'), path: ['agencies', i, 'roles', j, 'role'] })),
    (role, path) => problems.push({ path: at(path), message: `role ${role} appears twice` }),
  ));
  duplicates(children('facilities').map(({ item, path }) => ({ key: field(item, 'code'), path: [...path, 'code'] })),
    (code, path) => problems.push({ path: at(path), message: `facility ${code} appears twice (facility codes are unique across the exchange)` }));
  const issuers = children('issuers');
  duplicates(issuers.map(({ item, path }) => ({ key: field(item, 'issuer'), path: [...path, 'issuer'] })),
    (issuer, path) => problems.push({ path: at(path), message: `issuer ${issuer} appears twice (an issuer vouches for one agency only)` }));

  for (const { item: issuer, path } of issuers) {
    const name = field(issuer, 'issuer');
    if (typeof name === 'string' && name.startsWith(DEV_ISSUER_PREFIX)) {
      problems.push({ path: at([...path, 'issuer']), message: `${DEV_ISSUER_PREFIX}… is reserved for development tokens` });
    }
    const issuerKeys = entries(field(issuer, 'keys'));
    const jwksUri = field(issuer, 'jwksUri');
    const discovery = field(issuer, 'discovery') === true;
    if (jwksUri !== undefined && discovery) {
      problems.push({ path: at([...path, 'discovery']), message: 'give either jwksUri or discovery: true, not both (discovery finds the jwks_uri)' });
    }
    if (discovery && typeof name === 'string' && URL.canParse(name) && !isKeyUrl(name)) {
      problems.push({ path: at([...path, 'discovery']), message: 'discovery fetches <issuer>/.well-known/openid-configuration: the issuer must be an https URL (plain http only on the loopback interface)' });
    }
    if (jwksUri === undefined && !discovery) {
      if (issuerKeys.length === 0) problems.push({ path: at([...path, 'keys']), message: 'at least one key, unless the issuer publishes them (jwksUri, or discovery: true)' });
      for (const setting of ['keyRefreshSeconds', 'unknownKeyCooldownSeconds']) {
        if (field(issuer, setting) !== undefined) problems.push({ path: at([...path, setting]), message: 'applies to published keys only (jwksUri, or discovery: true)' });
      }
    }
    duplicates(issuerKeys.map((k, j) => ({ key: field(k, 'kid'), path: [...path, 'keys', j, 'kid'] })),
      (kid, keyPath) => problems.push({ path: at(keyPath), message: `key id ${kid} appears twice` }));
    issuerKeys.forEach((key, j) => {
      const keyPath = [...path, 'keys', j];
      const checked = publicKeyOf((key ?? {}) as RawKey, typeof name === 'string' ? name : '?', at(keyPath), options, problems);
      if (checked) keys.set(keyPath.join('.'), checked);
    });
  }
  return { keys, problems };
}

/** The data of a file that passed every check. */
function referenceDataOf(file: FileShape, keys: ReadonlyMap<string, IssuerKeyDefinition>): ReferenceData {
  return {
    agencies: file.agencies.map((agency, i) => ({
      code: agency.code,
      name: agency.name,
      kind: agency.kind,
      roles: (agency.roles ?? []).map((r) => ({ role: r.role, description: r.description ?? null })),
      facilities: (agency.facilities ?? []).map((f) => ({ code: f.code, name: f.name, securityLevel: f.securityLevel })),
      issuers: (agency.issuers ?? []).map((issuer, j) => ({
        issuer: issuer.issuer,
        audience: issuer.audience ?? null,
        keys: (issuer.keys ?? []).map((_, k) => keys.get(['agencies', i, 'issuers', j, 'keys', k].join('.'))!),
        jwksUri: issuer.jwksUri ?? null,
        discovery: issuer.discovery ?? false,
        keyRefreshSeconds: issuer.keyRefreshSeconds ?? null,
        unknownKeyCooldownSeconds: issuer.unknownKeyCooldownSeconds ?? null,
        oidc: issuer.oidc ? { clientId: issuer.oidc.clientId, scope: issuer.oidc.scope ?? null } : null,
      })),
    })),
  };
}

/** Reads a reference-data file: the data, or every problem in it. */
export function parseReferenceDocument(text: string, options: ReadOptions): { data: ReferenceData | null; problems: ReferenceProblem[] } {
  if (Buffer.byteLength(text, 'utf8') > MAX_REFERENCE_FILE_BYTES) {
    return { data: null, problems: [{ path: 'file', message: `larger than ${MAX_REFERENCE_FILE_BYTES} bytes` }] };
  }
  const parsed = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true });
  const problems: ReferenceProblem[] = parsed.errors.map((error) => {
    const line = error.linePos?.[0];
    return { path: line ? `line ${line.line}, column ${line.col}` : 'file', message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') };
  });
  if (problems.length > 0) return { data: null, problems };
  let root: unknown;
  try {
    root = parsed.toJS({ maxAliasCount: 10 });
  } catch (error) {
    return { data: null, problems: [{ path: 'file', message: (error as Error).message }] };
  }
  const result = fileSchema.safeParse(root);
  const checked = meaningProblems(root, options);
  const all = [...(result.success ? [] : schemaProblems(root, result.error.issues)), ...checked.problems]
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  if (!result.success || all.length > 0) return { data: null, problems: all };
  return { data: referenceDataOf(result.data, checked.keys), problems: [] };
}

/** SHA-256 fingerprint of a public key (of its DER encoding, as `ssh-keygen -l` shows keys), for diffs and the API. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}
