import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { developmentAuditKeyId, loadAuditKeys } from '../../src/audit/audit-keys.js';
import { keyIdOf } from '../../src/audit/core/checkpoint.js';
import { ConfigError, DEV_AUDIT_PUBLIC_KEY_FILE, DEV_AUDIT_SIGNING_KEY_FILE, loadConfig } from '../../src/config.js';
import { DEV_JWT_PRIVATE_KEY_FILE } from '../../src/auth/trusted-issuers.js';
import { assertAuditKeysSafe } from '../../src/startup-checks.js';

/** The checkpoint signing key: the development key in development only; production brings its own. */

const dir = mkdtempSync(path.join(tmpdir(), 'liaison-audit-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const OWN_KEY = path.join(dir, 'own.private.pem');
writeFileSync(OWN_KEY, privateKey.export({ type: 'pkcs8', format: 'pem' }));
const RETIRED = generateKeyPairSync('ed25519').publicKey;
const RETIRED_FILE = path.join(dir, 'retired.public.pem');
writeFileSync(RETIRED_FILE, RETIRED.export({ type: 'spki', format: 'pem' }));

const keysFor = (env: Record<string, string>) => {
  const config = loadConfig(env);
  const keys = loadAuditKeys(config);
  return { config, keys, check: () => assertAuditKeysSafe(config, keys) };
};

describe('audit keys', () => {
  it('development mode signs with the committed development key by default', () => {
    const { keys, check } = keysFor({ LIAISON_MODE: 'development' });
    expect(keys.signer?.keyId).toBe(developmentAuditKeyId());
    expect([...keys.trusted.keys()]).toEqual([developmentAuditKeyId()]);
    expect(check).not.toThrow();
    expect(loadConfig({ LIAISON_MODE: 'development' }).audit.signingKeyFile).toBe(DEV_AUDIT_SIGNING_KEY_FILE);
  });

  it('production mode refuses to start without a signing key of its own', () => {
    expect(keysFor({ LIAISON_MODE: 'production' }).check).toThrow(/needs a disclosure-log signing key/);
    expect(keysFor({ LIAISON_MODE: 'production', LIAISON_AUDIT_SIGNING_KEY: DEV_AUDIT_SIGNING_KEY_FILE }).check).toThrow(/refuses the DEVELOPMENT-ONLY audit key/);
    expect(keysFor({ LIAISON_MODE: 'production', LIAISON_AUDIT_SIGNING_KEY: OWN_KEY, LIAISON_AUDIT_PUBLIC_KEYS: DEV_AUDIT_PUBLIC_KEY_FILE }).check)
      .toThrow(/refuses the DEVELOPMENT-ONLY audit key/);
  });

  it('production mode with its own key trusts that key and the retired ones it is given, and nothing else', () => {
    const { keys, check } = keysFor({ LIAISON_MODE: 'production', LIAISON_AUDIT_SIGNING_KEY: OWN_KEY, LIAISON_AUDIT_PUBLIC_KEYS: ` ${RETIRED_FILE} ,` });
    expect(check).not.toThrow();
    expect(keys.signer?.keyId).toBe(keyIdOf(publicKey));
    expect(new Set(keys.trusted.keys())).toEqual(new Set([keyIdOf(publicKey), keyIdOf(RETIRED)]));
  });

  it('says what is wrong with a key file', () => {
    expect(() => keysFor({ LIAISON_AUDIT_SIGNING_KEY: path.join(dir, 'missing.pem') })).toThrow(ConfigError);
    expect(() => keysFor({ LIAISON_AUDIT_SIGNING_KEY: path.join(dir, 'missing.pem') })).toThrow(/cannot read/);
    expect(() => keysFor({ LIAISON_AUDIT_SIGNING_KEY: DEV_JWT_PRIVATE_KEY_FILE })).toThrow(/Ed25519 is required/);
    expect(() => keysFor({ LIAISON_AUDIT_SIGNING_KEY: RETIRED_FILE })).toThrow(/not a PEM private key/);
  });
});
