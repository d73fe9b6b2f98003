import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { choose, expectAccessible, launchBrowser, screenshot, signInDevelopment, signOut, tick, type TestBrowser } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { draftInput, mouApi, ok } from '../support/mou-api.js';

/**
 * An MoU in force, handled by keyboard only (suspend, resume, amend, each through its dialog;
 * Escape closes a dialog and gives focus back), the new version's change read in the diff
 * between the two versions, and the auditor's filters and export of the disclosure log.
 */

const REFERENCE = 'MOU-PRISONS-POLICE-08';
const ANALYST_QUERY = `{ prisoners(first: 50) { edges { node { id classification { securityCategory } } } } }`;

let db: TestDatabase;
let gateway: TestGateway;
let browser: TestBrowser;
let page: Page;
let disclosedPrisoner: string;

const focused = () => page.evaluate(() => {
  const el = (globalThis as unknown as { document: { activeElement: { textContent: string | null; getAttribute(n: string): string | null } | null } }).document.activeElement;
  return `${el?.getAttribute('aria-label') ?? ''}${el?.textContent ?? ''}`;
});
/** Tab (forwards) until the focused element reads `text`. */
const tabTo = async (text: RegExp) => {
  for (let i = 0; i < 60 && !text.test(await focused()); i++) await page.keyboard.press('Tab');
  expect(await focused()).toMatch(text);
};

describe.sequential('console: versions, keyboard-only actions, and the auditor\'s filters and export', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    gateway = await startTestGateway(db);
    const api = mouApi(gateway);
    const mou = ok(await api.create(await demoTokens.prisonsMouAdmin(), draftInput({ reference: REFERENCE })));
    ok(await api.submit(await demoTokens.prisonsMouAdmin(), mou.id));
    ok(await api.approve(await demoTokens.mouAdmin('PRISONS', 'prisons-admin-2'), mou.id));
    expect(ok(await api.approve(await demoTokens.policeMouAdmin(), mou.id)).status).toBe('ACTIVE');
    const res = await gateway.graphql<{ prisoners: { edges: { node: { id: string; classification: unknown } }[] } }>(
      ANALYST_QUERY, { token: await demoTokens.policeAnalyst(), purpose: 'COUNTER_TERRORISM' });
    expect(res.body.errors).toBeUndefined();
    disclosedPrisoner = res.body.data!.prisoners.edges.find((e) => e.node.classification !== null)!.node.id;
    browser = await launchBrowser();
    page = await browser.page();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(page, `failed-kbd-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await db?.drop();
  });

  it('suspends, resumes and amends by keyboard alone, each through its dialog', async () => {
    await signInDevelopment(page, gateway.url, 'PRISONS', 'MOU_ADMIN', 'prisons-admin-3');
    await page.getByRole('button', { name: `${REFERENCE} v1` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(`^${REFERENCE} v1 — `), level: 1 }).waitFor();

    // Escape closes a dialog without acting, and focus returns to the button that opened it.
    await tabTo(/^Terminate$/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Terminate this MoU' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('Terminate');

    await tabTo(/^Suspend$/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Suspend this MoU' }).waitFor();
    await page.keyboard.type('Audit of the VEP list'); // the reason field has the focus
    await tabTo(/^Suspend$/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Suspended.' }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('Suspended — Audit of the VEP list (suspended by PRISONS)');

    await tabTo(/^Resume$/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Resume this MoU' }).waitFor();
    await page.keyboard.type('Audit closed');
    await tabTo(/^Resume$/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Resumed.' }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('Active');

    await tabTo(/^Amend \(new version\)$/);
    await page.keyboard.press('Enter');
    const amend = page.getByRole('dialog', { name: 'Amend this MoU' });
    await amend.getByText('A new version is drafted from this one.').waitFor();
    await expectAccessible(page, 'amend dialog');
    await page.keyboard.type('Add the release date for MAPPA'); // the (optional) reason field has the focus
    await tabTo(/^Amend \(new version\)$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(`^${REFERENCE} v2 — `), level: 1 }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('Draft');
    const log = page.getByRole('table', { name: 'Admin log of this MoU' });
    for (const action of ['Suspended', 'Resumed', 'Amended']) await log.getByRole('row').filter({ hasText: action }).first().waitFor();
    // The amendment's reason is in the log, on the new version's row.
    await log.getByRole('row').filter({ hasText: 'Amended' }).filter({ hasText: 'Add the release date for MAPPA' }).waitFor();
  });

  it('the new version\'s change shows in the diff between the two versions', async () => {
    await page.getByRole('button', { name: 'Edit clause Classification of VEPs' }).click();
    await choose(page, 'Highest TLP marking shared', 'TLP:GREEN');
    await page.getByRole('button', { name: 'Save clause' }).click();
    await page.getByRole('status').filter({ hasText: 'Clause saved.' }).waitFor();
    const diff = page.getByRole('table', { name: 'Differences between two versions' });
    const row = diff.getByRole('row').filter({ hasText: 'Classification of VEPs' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toBe('changed');
    expect(cells[2]).toMatch(/nothing above TLP AMBER\. → .*nothing above TLP GREEN\.$/);
    // Version 1 against itself: nothing differs.
    await choose(page, 'To version', 'Version 1');
    await page.getByText('The two versions have the same clauses.').waitFor();
    await expectAccessible(page, 'versions diff');
    await choose(page, 'To version', 'Version 2');
    await row.waitFor();
    await screenshot(page, '16-versions-diff');
    await signOut(page);
  });

  it('the auditor filters the disclosure log by the user\'s agency, the data\'s agency, purpose, period, kind and prisoner, and exports what matches', async () => {
    await signInDevelopment(page, gateway.url, 'INSPECTORATE', 'AUDITOR', 'auditor-1');
    await page.getByRole('button', { name: 'Disclosure log' }).click();
    await page.getByText(/^Intact: \d+ entr(y|ies)\b/).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('Agency of the user').fill('police');
    await page.getByLabel('Agency whose data was shown').fill('PRISONS');
    await choose(page, 'Purpose', 'counter-terrorism');
    await page.getByLabel('From (date)').fill(today);
    await page.getByLabel('To (date)').fill(today);
    await tick(page, 'Disclosure');
    await page.getByLabel('Record or prisoner id').fill(disclosedPrisoner);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const table = page.getByRole('table', { name: /^\d+ entr(y|ies)$/ });
    await expect.poll(async () => (await table.getAttribute('aria-label')) ?? (await table.locator('caption').textContent())).toBe('1 entry'); // not "1 entries"
    const row = table.getByRole('row').filter({ hasText: 'analyst-1 (POLICE)' });
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['Disclosure', 'counter-terrorism']));
    await expectAccessible(page, 'disclosure log filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the matching entries (JSON lines)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^disclosures-.*\.jsonl$/);
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as {
      kind: string; purpose: string; userId: string; agency: { code: string }; records: { id: string; prisonerId: string | null }[];
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'DISCLOSURE', purpose: 'COUNTER_TERRORISM', userId: 'analyst-1', agency: { code: 'POLICE' } });
    expect(lines[0]!.records.some((r) => r.id === disclosedPrisoner || r.prisonerId === disclosedPrisoner)).toBe(true);

    // Another purpose: nothing of the analyst's.
    await choose(page, 'Purpose', 'supervision');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('table', { name: '0 entries', exact: true }).waitFor();
  });

  it('the log shows 50 entries at a time; "Show more entries" reads the next page', async () => {
    const officer = await demoTokens.probationOfficer();
    for (let i = 0; i < 55; i++) {
      const res = await gateway.graphql('{ prisoners(first: 1) { edges { node { id } } } }', { token: officer, purpose: 'SUPERVISION', caseReference: 'CASE-2026-0042' });
      expect(res.body.errors).toBeUndefined();
    }
    await page.getByRole('button', { name: 'MoU admin log' }).click();
    await page.getByRole('heading', { name: 'MoU admin log', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Disclosure log' }).click(); // a fresh form
    expect(await page.getByLabel('Agency of the user').inputValue()).toBe('');
    await page.getByLabel('User', { exact: true }).fill('po-1');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const firstPage = page.getByRole('table', { name: '50 of 55 entries', exact: true });
    await firstPage.waitFor();
    expect(await firstPage.getByRole('row').count()).toBe(51);
    await page.getByRole('button', { name: 'Show more entries' }).click();
    const all = page.getByRole('table', { name: '55 entries', exact: true });
    await all.waitFor();
    expect(await all.getByRole('row').count()).toBe(56);
    expect(await page.getByRole('button', { name: 'Show more entries' }).count()).toBe(0);
    const seqs = (await all.locator('tbody tr td:first-child').allTextContents()).map(Number);
    expect(new Set(seqs).size).toBe(55); // no entry twice
    expect([...seqs].sort((x, y) => y - x)).toEqual(seqs); // newest first, across the pages
  });
});
