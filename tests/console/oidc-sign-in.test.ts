import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
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
const tokenResponses: Promise<{ grant: string; access_token: string; refresh_token?: string }>[] = [];

describe.sequential('console: OpenID Connect sign-in in production mode', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    // Access tokens live 75 s: the console renews them a minute before expiry, 15 s after sign-in.
    provider = await startLocalOidcProvider({ agency: 'PROBATION', roles: { 'probation-admin-9': ['MOU_ADMIN'] }, audience: 'urn:liaison:test-gateway', accessTokenTtl: 75 });
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

  it('signs in with the authorization code flow and PKCE, and keeps the token in memory only', async () => {
    page.on('response', (response) => {
      if (response.url().startsWith(provider.issuer) && response.request().method() === 'POST' && /\/token$/.test(new URL(response.url()).pathname)) {
        tokenResponses.push(response.json().then((body: { access_token: string; refresh_token?: string }) => ({
          grant: new URLSearchParams(response.request().postData() ?? '').get('grant_type') ?? '', ...body,
        })));
      }
    });
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
    const [first] = await Promise.all(tokenResponses);
    expect(first!.grant).toBe('authorization_code');
    expect(first!.refresh_token).toBeTruthy();
    await screenshot(page, '10-oidc-signed-in');
  });

  it('renews the access token with the refresh token before it expires; the new token is the one sent', async () => {
    await expect.poll(() => tokenResponses.length, { timeout: 40_000, interval: 500 }).toBe(2);
    const [first, renewal] = await Promise.all(tokenResponses);
    expect(renewal!.grant).toBe('refresh_token');
    expect(renewal!.access_token).not.toBe(first!.access_token);
    // The next call to the gateway carries the renewed token, and the gateway accepts it.
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url() === `${gateway.url}/graphql` && r.method() === 'POST'),
      page.getByRole('button', { name: 'What my agency can see' }).click(),
    ]);
    expect(await request.headerValue('authorization')).toBe(`Bearer ${renewal!.access_token}`);
    const answer = await (await request.response())!.json() as { errors?: unknown[] };
    expect(answer.errors).toBeUndefined();
    expect(await page.getByText('Signed in as probation-admin-9 (PROBATION: MOU_ADMIN)').count()).toBe(1);
    const stored = await page.evaluate(() => {
      const { localStorage, sessionStorage } = globalThis as unknown as Record<'localStorage' | 'sessionStorage', object>;
      return JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    });
    expect(stored).not.toContain(renewal!.access_token);
    expect(stored).not.toContain(first!.refresh_token!);
    expect(stored).not.toContain(renewal!.refresh_token ?? first!.refresh_token!);
  });

  it('signs out at the identity provider too: signing in again asks for the user\'s credentials', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    // RP-initiated logout: the provider's end-session page, then back to the console.
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.origin === gateway.url && url.pathname === '/console/');
    await page.getByRole('status').filter({ hasText: 'You are signed out.' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByText('Signed in as').count()).toBe(0);
    await expectAccessible(page, 'signed out');
    await page.getByRole('button', { name: 'Sign in with the PROBATION identity provider' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').waitFor(); // the provider's session is gone: it asks again
  });
});
