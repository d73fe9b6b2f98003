import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibleDescription, choose, expectAccessible, launchBrowser, screenshot, signInDevelopment, type TestBrowser } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { draftInput, mouApi, ok } from '../support/mou-api.js';
import { createProductionIssuer } from '../support/production-issuer.js';

/**
 * The bundled GraphiQL at GET /graphql (development mode; production only with
 * LIAISON_GRAPHIQL=true), and the console in French and in Arabic (right to left).
 */

let db: TestDatabase;
let gateway: TestGateway;
let browser: TestBrowser;
let page: Page;

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe.sequential('GraphiQL and the console in other languages', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    gateway = await startTestGateway(db);
    browser = await launchBrowser();
    page = await browser.page();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(page, `failed-ide-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await db?.drop();
  });

  it('GraphiQL is a page only for browsers: API clients still reach the API at /graphql', async () => {
    const page = await fetch(`${gateway.url}/graphql`, { headers: html });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/console/assets/');
    const api = await fetch(`${gateway.url}/graphql?query=%7B__typename%7D`, { headers: { accept: 'application/json' } });
    expect(api.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    const post = await gateway.graphql('{ me { agency { code } } }', { token: demoTokens.probationOfficer() });
    expect(post.body.data).toEqual({ me: { agency: { code: 'PROBATION' } } });
  });

  it('the development issuer mints tokens only for an agency\'s own roles', async () => {
    const mint = (body: object) => fetch(`${gateway.url}/dev-issuer/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await mint({ agency: 'POLICE', role: 'PROBATION_OFFICER' })).status).toBe(400);
    expect((await mint({ agency: 'NOWHERE', role: 'ANALYST' })).status).toBe(400);
    expect((await mint({ agency: 'POLICE', role: 'ANALYST', userId: '../x y' })).status).toBe(400);
    const ok = await mint({ agency: 'POLICE', role: 'ANALYST', userId: 'analyst-7' });
    const { token } = await ok.json() as { token: string };
    const me = await gateway.graphql<{ me: { userId: string; agency: { code: string }; roles: string[] } }>('{ me { userId agency { code } roles } }', { token });
    expect(me.body.data!.me).toEqual({ userId: 'analyst-7', agency: { code: 'POLICE' }, roles: ['ANALYST'] });
  });

  it('runs a query with the Liaison headers from its headers editor', async () => {
    await page.goto(`${gateway.url}/graphql`);
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    const show = page.getByRole('button', { name: 'Show editor tools' });
    if (await show.isVisible()) await show.click();
    // The headers editor starts with the Liaison headers to fill in.
    const headersEditor = page.locator('.CodeMirror', { hasText: '"Liaison-Purpose"' });
    await headersEditor.waitFor();
    expect(await headersEditor.textContent()).toContain('"Liaison-Case-Reference"');
    await headersEditor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${demoTokens.probationOfficer()}`, 'Liaison-Purpose': 'SUPERVISION' }));
    const queryEditor = page.locator('.CodeMirror', { hasText: '# Liaison GraphQL API' });
    await queryEditor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{ me { userId agency { code } purpose } }');
    await page.getByRole('button', { name: /Execute query/ }).click();
    const result = page.locator('.graphiql-response');
    await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain('"purpose": "SUPERVISION"');
    expect(await result.textContent()).toContain('"userId": "po-1"');
    await screenshot(page, '11-graphiql');
  });

  it('the console speaks French, and Arabic right to left', async () => {
    await signInDevelopment(page, gateway.url, 'PRISONS', 'MOU_ADMIN', 'prisons-admin-1');
    await choose(page, 'Language', 'Français');
    await page.getByRole('heading', { name: 'Protocoles d’accord', level: 1 }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string; dir: string } } }).document.documentElement.lang)).toBe('fr');
    await page.getByRole('button', { name: 'Ce que mon administration peut voir' }).click();
    await page.getByRole('heading', { name: 'Ce que mon administration peut voir', level: 1 }).waitFor();
    await expectAccessible(page, 'permissions (French)');

    await choose(page, 'Langue', 'العربية');
    await page.getByRole('button', { name: 'تسجيل الخروج' }).waitFor();
    const root = await page.evaluate(() => {
      const { documentElement } = (globalThis as unknown as { document: { documentElement: { lang: string; dir: string } } }).document;
      return { lang: documentElement.lang, dir: documentElement.dir };
    });
    expect(root).toEqual({ lang: 'ar', dir: 'rtl' });
    await page.getByRole('button', { name: 'مذكرات التفاهم' }).click();
    await page.getByRole('heading', { name: 'مذكرات التفاهم', level: 1 }).waitFor();
    // Right to left: the brand sits at the right edge of the header.
    const brand = await page.getByText('وحدة تحكم ليزون').boundingBox();
    expect(brand!.x).toBeGreaterThan(640);
    await expectAccessible(page, 'MoU list (Arabic)');
    await screenshot(page, '12-arabic');
  });

  it('in Arabic, an MoU, its clause builder and its dialogs read right to left, in Arabic, and pass axe', async () => {
    const api = mouApi(gateway);
    ok(await api.create(await demoTokens.prisonsMouAdmin(), draftInput({ reference: 'MOU-PRISONS-POLICE-06' })));
    // The language chosen in the previous test is still Arabic: back to the list, which reads the new draft.
    await page.getByRole('button', { name: 'ما يمكن لمؤسستي رؤيته' }).click();
    await page.getByRole('button', { name: 'مذكرات التفاهم' }).click();
    await page.getByRole('button', { name: 'MOU-PRISONS-POLICE-06 الإصدار 1' }).click();
    await page.getByRole('heading', { name: 'MOU-PRISONS-POLICE-06 الإصدار 1 — Classification of violent extremist prisoners', level: 1 }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('مسودة');
    await page.getByText(/^يرى موظفو POLICE ذوو الدور ANALYST، لغرض مكافحة الإرهاب، الحقول id، securityCategory و placementApproach من التصنيفات التي prisoner\.vepStatus هو /).waitFor();
    // Mirrored: headings and terms start at the right edge of the page.
    const main = (await page.locator('main').boundingBox())!;
    const term = (await page.locator('dl.facts dt').first().boundingBox())!;
    expect(main.x + main.width - (term.x + term.width)).toBeLessThan(80);
    expect(term.x).toBeGreaterThan(main.x + main.width / 2);
    await expectAccessible(page, 'MoU (Arabic)');

    await page.getByRole('button', { name: 'إضافة بند' }).click();
    await page.getByRole('heading', { name: 'بند جديد' }).waitFor();
    const religion = page.getByRole('checkbox', { name: 'religion' });
    expect(await religion.isDisabled()).toBe(true);
    expect(await accessibleDescription(religion)).toContain('لا يمكن منحه: الديانة استثناء قانوني ولا تُشارَك أبدًا مع مؤسسة أخرى.');
    await expectAccessible(page, 'clause builder (Arabic)');
    await screenshot(page, '12b-arabic-clause-builder');
    await page.getByRole('button', { name: 'إلغاء' }).click();

    await page.getByRole('button', { name: 'تعديل الشروط' }).click();
    await page.getByRole('button', { name: 'حفظ الشروط' }).waitFor();
    await expectAccessible(page, 'terms editor (Arabic)');
    await page.getByRole('button', { name: 'إلغاء' }).click();

    await page.getByRole('button', { name: 'إنهاء' }).click();
    const dialog = page.getByRole('dialog', { name: 'إنهاء هذه المذكرة' });
    await dialog.getByRole('button', { name: 'إنهاء' }).click();
    await dialog.getByText('السبب مطلوب.').waitFor();
    await expectAccessible(page, 'terminate dialog (Arabic)');
    await dialog.getByRole('button', { name: 'إلغاء' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('GraphiQL is off in production unless configured, and served with LIAISON_GRAPHIQL=true', async () => {
    const issuer = await createProductionIssuer();
    try {
      const off = await startTestGateway(db, { env: issuer.env });
      try {
        const res = await fetch(`${off.url}/graphql`, { headers: html });
        expect(res.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
      } finally {
        await off.close();
      }
      const on = await startTestGateway(db, { env: { ...issuer.env, LIAISON_GRAPHIQL: 'true' } });
      try {
        const res = await fetch(`${on.url}/graphql`, { headers: html });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      } finally {
        await on.close();
      }
    } finally {
      await issuer.remove();
    }
  });

  it('"what can my agency see" lists each readable field and the clause behind it', async () => {
    await choose(page, 'اللغة', 'English');
    await signInDevelopment(page, gateway.url, 'PROBATION', 'PROBATION_OFFICER', 'po-1');
    await page.getByRole('button', { name: 'What my agency can see' }).click();
    await choose(page, 'Purpose of the request', 'supervision');
    await page.getByLabel('Case reference').fill('CASE-2026-0042');
    const releaseAddress = page.getByRole('row').filter({ hasText: /^releaseAddress/ });
    // Clauses that need a case reference count once the request carries one.
    await expect.poll(() => releaseAddress.textContent()).toContain('clause “Release plans due within 180 days” of MOU-PRISONS-PROBATION-01');
    await expectAccessible(page, 'permissions');
    await screenshot(page, '13-permissions');
  });
});
