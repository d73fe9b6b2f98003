import { describe, expect, it } from 'vitest';
import { addressRefusal, addressRules } from '../../src/webhooks/address-rules.js';
import { endpointUrlProblem } from '../../src/webhooks/endpoint-url.js';
import { nextStep } from '../../src/webhooks/retry-schedule.js';
import { openSecret, sealSecret, newSigningSecret } from '../../src/webhooks/signing-secret.js';

/** The pure rules under webhooks: which addresses production delivers to, the URL check, the back-off schedule, the secrets at rest. */

const production = addressRules(true, []);
const development = addressRules(false, []);

describe('addresses under production rules', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1',
  ])('refuses %s', (address) => {
    expect(addressRefusal(address, production)).toMatch(/loopback, private, link-local or reserved/);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111'])('accepts the public %s', (address) => {
    expect(addressRefusal(address, production)).toBeNull();
  });

  it('accepts a private address in an allowed network only, and anything in development', () => {
    const allowing = addressRules(true, ['10.20.0.0/16', 'fd00:1::/32']);
    expect(addressRefusal('10.20.3.4', allowing)).toBeNull();
    expect(addressRefusal('fd00:1::5', allowing)).toBeNull();
    expect(addressRefusal('10.21.3.4', allowing)).not.toBeNull();
    expect(addressRefusal('127.0.0.1', development)).toBeNull();
  });
});

describe('endpoint URLs', () => {
  it('production: https only, no credentials or fragment, no private IP literal', () => {
    expect(endpointUrlProblem('https://hooks.police.example/liaison', production)).toBeNull();
    expect(endpointUrlProblem('http://hooks.police.example/liaison', production)).toMatch(/https endpoints only/);
    expect(endpointUrlProblem('ftp://hooks.police.example/', production)).toMatch(/only https/);
    expect(endpointUrlProblem('https://a:b@hooks.police.example/', production)).toMatch(/credentials/);
    expect(endpointUrlProblem('https://hooks.police.example/#x', production)).toMatch(/fragment/);
    expect(endpointUrlProblem('https://[::1]/', production)).toMatch(/loopback/);
    expect(endpointUrlProblem('not a url', production)).toMatch(/absolute URL/);
  });

  it('development accepts the local http receiver', () => {
    expect(endpointUrlProblem('http://127.0.0.1:8080/events', development)).toBeNull();
  });
});

describe('retry schedule', () => {
  const schedule = { baseMs: 10_000, maxMs: 3_600_000, windowMs: 86_400_000 };
  const queued = new Date('2026-12-01T00:00:00Z');
  const middle = () => 0.5;

  it('doubles from the base up to the maximum', () => {
    const delays = [1, 2, 3, 4, 10, 20].map((attempts) => {
      const step = nextStep(schedule, attempts, queued, queued, middle);
      return 'retryAt' in step ? step.retryAt.getTime() - queued.getTime() : null;
    });
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 3_600_000, 3_600_000]);
  });

  it('stays within ±20 % jitter', () => {
    for (const r of [0, 0.999]) {
      const step = nextStep(schedule, 1, queued, queued, () => r);
      const delay = 'retryAt' in step ? step.retryAt.getTime() - queued.getTime() : 0;
      expect(delay).toBeGreaterThanOrEqual(8_000);
      expect(delay).toBeLessThanOrEqual(12_000);
    }
  });

  it('dead-letters once the next attempt would fall beyond 24 h from queueing', () => {
    const late = new Date(queued.getTime() + 86_400_000 - 60_000);
    expect(nextStep(schedule, 30, queued, late, middle)).toEqual({ dead: true });
    expect(nextStep(schedule, 30, queued, new Date(queued.getTime() + 3_600_000), middle)).toHaveProperty('retryAt');
  });
});

describe('signing secrets at rest', () => {
  it('are Standard Webhooks secrets, sealed with AES-256-GCM: opened with the key, refused with another', () => {
    const secret = newSigningSecret();
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const key = Buffer.alloc(32, 7);
    const sealed = sealSecret(secret, key);
    expect(sealed.toString('utf8')).not.toContain(secret.slice(6, 20));
    expect(openSecret(sealed, key)).toBe(secret);
    expect(() => openSecret(sealed, Buffer.alloc(32, 8))).toThrow();
  });
});
