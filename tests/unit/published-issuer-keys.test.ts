import { describe, expect, it } from 'vitest';
import { REMOTE_KEY_DEFAULTS } from '../../src/auth/remote-key-set.js';
import { TrustedIssuers } from '../../src/auth/trusted-issuers.js';

const remoteKeys = { ...REMOTE_KEY_DEFAULTS };

describe('issuers that publish their keys', () => {
  it('fetch them over TLS only (plain http on the loopback interface alone)', () => {
    expect(() => new TrustedIssuers([{ issuer: 'https://idp.example/realms/police', agency: 'POLICE', keys: [], remoteKeys: { ...remoteKeys, jwksUri: 'http://idp.example/certs' } }], false))
      .toThrow(/jwksUri of .* must be https/);
    expect(() => new TrustedIssuers([{ issuer: 'http://idp.example/realms/police', agency: 'POLICE', keys: [], remoteKeys }], false))
      .toThrow(/must be https/);
    expect(() => new TrustedIssuers([{ issuer: 'http://127.0.0.1:8080/realms/police', agency: 'POLICE', keys: [], remoteKeys }], false)).not.toThrow();
    expect(() => new TrustedIssuers([{ issuer: 'https://idp.example/realms/police', agency: 'POLICE', keys: [], remoteKeys }], false)).not.toThrow();
  });

  it('are trusted for no key before the keys are fetched', () => {
    const issuers = new TrustedIssuers([{ issuer: 'https://idp.example/realms/police', agency: 'POLICE', keys: [], remoteKeys }], false);
    expect(issuers.resolve('https://idp.example/realms/police')?.keys.get('any')).toBeUndefined();
    expect(issuers.configuredCount).toBe(1);
  });
});
