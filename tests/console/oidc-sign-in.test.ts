import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signOut, type TestBrowser } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startLocalOidcProvider, type LocalOidcProvider } from '../support/oidc-provider.js';

/**
 * Production sign-in: the console signs in with OpenID Connect (authorization code + PKCE,
 * oidc-client-ts) against a real local provider (`oidc-provider`) that the production gateway
 * trusts for PROBATION; the access token it obtains is what the gateway verifies.
 */

let db: TestDatabase;
let provider: LocalOidcProvider;
let gateway: TestGateway;
let browser: TestBrowser;
let page: Page;

describe.sequential('console: OpenID Connect sign-in in production mode', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    provider = await startLocalOidcProvider({ agency: 'PROBATION', roles: { 'probation-admin-9': ['MOU_ADMIN'] }, audience: 'urn:liaison:test-gateway' });
    gateway = await startTestGateway(db, { env: provider.env });
    provider.serve(gateway.url);
    browser = await launchBrowser();
    page = await browser.page();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(page, `failed-oidc-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await provider?.close();
    await db?.drop();
  });

  it('a production gateway offers no development sign-in and no development issuer', async () => {
    expect((await gateway.get('/dev-issuer/agencies')).status).toBe(404);
    const token = await fetch(`${gateway.url}/dev-issuer/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"agency":"PRISONS","role":"MOU_ADMIN"}' });
    expect(token.status).toBe(404);
    await page.goto(`${gateway.url}/console/`);
    await page.getByRole('button', { name: 'Sign in with the PROBATION identity provider' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Development sign-in' }).count()).toBe(0);
    // The CSP lets the page call the identity provider (the token exchange), and nothing else.
    const csp = (await gateway.get('/console/')).headers.get('content-security-policy')!;
    expect(csp).toContain(`connect-src 'self' ${provider.issuer}`);
    await expectAccessible(page, 'OIDC sign-in');
  });

  it('signs in with the authorization code flow and PKCE, keeps the token in memory only, and signs out', async () => {
    await page.getByRole('button', { name: 'Sign in with the PROBATION identity provider' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    const authorize = new URL(page.url());
    await page.locator('input[name="login"]').fill('probation-admin-9');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: /continue/i }).click();
    await page.getByText('Signed in as probation-admin-9 (PROBATION: MOU_ADMIN)').waitFor();
    expect(authorize.pathname).not.toBe('/');
    expect(new URL(page.url()).search).toBe(''); // the code and state are gone from the address bar
    await page.getByRole('button', { name: 'MOU-PRISONS-PROBATION-01 v1' }).waitFor();
    const stored = await page.evaluate(() => {
      const { localStorage, sessionStorage } = globalThis as unknown as Record<'localStorage' | 'sessionStorage', object>;
      return JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    });
    expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT in web storage
    await screenshot(page, '10-oidc-signed-in');
    await signOut(page);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in with the PROBATION identity provider' }).waitFor();
    expect(await page.getByText('Signed in as').count()).toBe(0);
  });
});
