import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signInDevelopment, signOut, choose, tick, accessibleDescription, type TestBrowser } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * The console's MoU journey in real Chromium against a real gateway on PostgreSQL: the
 * prisons administrator drafts a clause (and is told why `religion` cannot be granted), the
 * probation administrator reads the impact preview and approves, the probation officer's
 * query then returns classifications, a suspension takes them away, and the auditor finds
 * the suspension, the disclosures and an intact log.
 */

const REFERENCE = 'MOU-PRISONS-PROBATION-07';
const IMPORTED = 'MOU-PRISONS-PROBATION-08';
const OFFICER_QUERY = `{ prisoners(first: 50) { edges { node { id classification { securityCategory } } } } }`;

let db: TestDatabase;
let gateway: TestGateway;
let browser: TestBrowser;
let page: Page;

/** The development sign-in with the keyboard only: Tab to each field, arrows and Enter in the lists. */
async function signInByKeyboard(page: Page, url: string, agency: string, role: string, userId: string): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  const focused = () => page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { textContent: string | null; getAttribute(n: string): string | null } | null } }).document.activeElement;
    return `${el?.getAttribute('aria-label') ?? ''}${el?.textContent ?? ''}`;
  });
  const tabTo = async (text: RegExp) => {
    for (let i = 0; i < 20 && !text.test(await focused()); i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatch(text);
  };
  const pick = async (option: RegExp) => {
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    for (let i = 0; i < 30 && !option.test(await focused()); i++) await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(option);
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    // Focus returns to the list's button, now showing the choice (it may take a frame on a busy machine): the next Tab starts there.
    await expect.poll(async () => (await focused()).replace(/▾$/, '')).toMatch(option);
  };
  await tabTo(/^Choose…/);
  await pick(new RegExp(`^${agency} —`));
  await page.keyboard.press('Tab');
  await pick(new RegExp(`^${role}$`));
  await page.keyboard.press('Tab');
  await page.keyboard.type(userId);
  await page.keyboard.press('Enter');
  await page.getByText(`Signed in as ${userId} (${agency}`).waitFor();
}

async function officerClassifications(): Promise<number> {
  const res = await gateway.graphql<{ prisoners: { edges: { node: { classification: { securityCategory: string } | null } }[] } }>(
    OFFICER_QUERY, { token: demoTokens.probationOfficer(), purpose: 'SUPERVISION', caseReference: 'CASE-2026-0042' });
  expect(res.body.errors).toBeUndefined();
  const edges = res.body.data!.prisoners.edges;
  expect(edges.length).toBeGreaterThan(0);
  return edges.filter((e) => e.node.classification !== null).length;
}

describe.sequential('console: MoU administration and audit', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    gateway = await startTestGateway(db);
    browser = await launchBrowser();
    page = await browser.page();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(page, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await db?.drop();
  });

  it('serves the console under its own strict CSP, with nothing from another origin', async () => {
    const response = await gateway.get('/console/');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/https?:\/\//);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${gateway.url}/console/`);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(requests.filter((u) => !u.startsWith(gateway.url) && !u.startsWith('data:'))).toEqual([]);
    await expectAccessible(page, 'sign-in');
    await screenshot(page, '01-sign-in');
  });

  it('the prisons administrator drafts a clause, is shown why religion cannot be granted, and submits', async () => {
    await signInDevelopment(page, gateway.url, 'PRISONS', 'MOU_ADMIN', 'prisons-admin-1');
    await page.getByRole('heading', { name: 'Memoranda of understanding', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'MOU-PRISONS-PROBATION-01 v1' }).count()).toBe(1);
    // `mous` is a paged connection: the caption counts every version the administrator may see (totalCount).
    await page.getByRole('table', { name: /^\d+ MoU versions$/ }).waitFor();
    await expectAccessible(page, 'MoU list');
    await screenshot(page, '02-mou-list');

    await page.getByRole('button', { name: 'Draft a new MoU' }).click();
    await page.getByLabel('Reference').fill(REFERENCE);
    await page.getByLabel('Title').fill('Classification of prisoners due for release');
    await choose(page, 'Recipient agency', /^PROBATION — /);
    await page.getByLabel('Legal basis').fill('Offender Management Act s. 14');
    await tick(page, 'supervision');
    await expectAccessible(page, 'new MoU');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { name: `${REFERENCE} v1 — Classification of prisoners due for release` }).waitFor();

    await page.getByRole('button', { name: 'Add a clause' }).click();
    // Prisoner is the default subject: its statutory exclusions are offered disabled, with the reason.
    const religion = page.getByRole('checkbox', { name: 'religion' });
    await expect.poll(() => religion.isDisabled()).toBe(true);
    expect(await accessibleDescription(religion)).toContain('Cannot be granted: religion is a statutory exclusion and is never shared with another agency.');
    expect(await page.getByRole('checkbox', { name: 'healthNotes' }).isDisabled()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'fullName' }).isDisabled()).toBe(false);
    await expectAccessible(page, 'clause editor');
    await screenshot(page, '03-clause-editor');

    await page.getByLabel('Label').fill('Classification of prisoners due for release');
    await choose(page, 'Kind of record', 'Classification');
    await tick(page, 'securityCategory');
    await tick(page, 'placementApproach');
    await page.getByRole('button', { name: 'Add a condition' }).click();
    await choose(page, 'Field', 'prisoner.expectedReleaseDate');
    await choose(page, 'Test', 'is on or before');
    await page.getByLabel('Value').fill('+180d');
    await page.getByText('Reads: records whose prisoner.expectedReleaseDate is on or before 180 days from now.').waitFor();
    await tick(page, 'PROBATION_OFFICER');
    await page.getByLabel('Retention (days)').fill('5000');
    await page.getByRole('button', { name: 'Save clause' }).click();
    // The gateway refuses (INVALID_MOU); the problem is shown at the field it concerns.
    const retention = page.getByLabel('Retention (days)');
    await expect.poll(() => retention.getAttribute('aria-invalid')).toBe('true');
    expect(await accessibleDescription(retention)).toMatch(/retentionDays: .*3650/);
    await screenshot(page, '04-clause-problem');
    await retention.fill('365');
    await page.getByRole('button', { name: 'Save clause' }).click();
    await page.getByRole('status').filter({ hasText: 'Clause saved.' }).waitFor();
    await page.getByText('PROBATION staff with the role PROBATION_OFFICER, for supervision, see the id, securityCategory and placementApproach of classifications whose prisoner.expectedReleaseDate is on or before 180 days from now; nothing above TLP AMBER.').waitFor();

    await page.getByRole('button', { name: 'Submit for approval' }).click();
    const submit = page.getByRole('dialog', { name: 'Submit this draft for approval' });
    await submit.getByText('Both agencies must then approve the text').waitFor();
    await submit.getByLabel('Reason').fill('Agreed with PROBATION at the steering group');
    await submit.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByRole('status').filter({ hasText: 'Submitted for approval.' }).waitFor();
    // The reason is recorded in the MoU's admin log, shown on the page.
    await page.getByRole('table', { name: 'Admin log of this MoU' }).getByRole('row')
      .filter({ hasText: 'Submitted' }).filter({ hasText: 'Agreed with PROBATION at the steering group' }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('Pending approval');
    expect(await page.locator('dl.facts').textContent()).toContain('Awaiting approval fromPRISONS, PROBATION');
  });

  it('exports the draft as YAML, and a YAML document imports as a new draft the gateway validates', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as YAML' }).click()]);
    expect(download.suggestedFilename()).toBe(`${REFERENCE}-v1.yaml`);
    const yaml = await readFile((await download.path())!, 'utf8');
    expect(yaml).toContain(`reference: ${REFERENCE}`);
    expect(yaml).toMatch(/prisoner\.expectedReleaseDate:\s+\$lte:\s+\$daysFromNow: 180/);

    await page.getByRole('button', { name: 'Memoranda of understanding' }).click();
    await page.getByRole('button', { name: 'Draft a new MoU' }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'imported.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml.replaceAll(REFERENCE, IMPORTED).replace('retentionDays: 365', 'retentionDays: 0')),
    });
    // The gateway validates an import like any draft: the problem is reported, nothing is created.
    await page.getByRole('alert').filter({ hasText: 'retentionDays' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'imported.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml.replaceAll(REFERENCE, IMPORTED)),
    });
    await page.getByRole('heading', { name: `${IMPORTED} v1 — Classification of prisoners due for release` }).waitFor();
    await page.getByText('PROBATION staff with the role PROBATION_OFFICER, for supervision, see the id, securityCategory and placementApproach of classifications').waitFor();
    await signOut(page);
  });

  it('the probation administrator reads the impact preview and approves: the officer now gets the rows', async () => {
    expect(await officerClassifications()).toBe(0);
    await signInDevelopment(page, gateway.url, 'PROBATION', 'MOU_ADMIN', 'probation-admin-1');
    await page.getByRole('button', { name: `${REFERENCE} v1` }).click();
    await page.getByRole('button', { name: 'Review the impact and approve' }).click();
    const dialog = page.getByRole('dialog', { name: `Impact of ${REFERENCE} v1` });
    const table = dialog.getByRole('table', { name: /Access gained and lost by PROBATION/ });
    const row = table.getByRole('row').filter({ hasText: 'Classification' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['PROBATION_OFFICER', 'supervision', 'Classification']);
    expect(Number(cells[5]!.replace('+', ''))).toBeGreaterThan(0);
    expect(cells[7]).toContain('securityCategory');
    await expectAccessible(page, 'impact preview');
    await screenshot(page, '05-impact-preview');
    await dialog.getByLabel('Reason').fill('Impact read with our data protection officer');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved for your agency.' }).waitFor();
    await page.getByRole('table', { name: 'Admin log of this MoU' }).getByRole('row')
      .filter({ hasText: 'Approved' }).filter({ hasText: 'Impact read with our data protection officer' }).waitFor();
    // The prisons administrator has not approved yet: still pending, awaiting PRISONS only.
    expect(await page.locator('dl.facts').textContent()).toContain('Awaiting approval fromPRISONS');
    await signOut(page);

    await signInDevelopment(page, gateway.url, 'PRISONS', 'MOU_ADMIN', 'prisons-admin-2');
    await page.getByRole('button', { name: `${REFERENCE} v1` }).click();
    await page.getByRole('button', { name: 'Review the impact and approve' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved for your agency.' }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('Active');
    await expectAccessible(page, 'MoU detail');
    await screenshot(page, '06-mou-active');
    expect(await officerClassifications()).toBeGreaterThan(0);
  });

  it('either party suspends, with a reason: the rows are gone', async () => {
    await page.getByRole('button', { name: 'Suspend' }).click();
    const dialog = page.getByRole('dialog', { name: 'Suspend this MoU' });
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await dialog.getByText('A reason is required.').waitFor();
    await dialog.getByLabel('Reason').fill('Data breach under investigation');
    await expectAccessible(page, 'suspend dialog');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await page.getByRole('status').filter({ hasText: 'Suspended.' }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('Suspended — Data breach under investigation (suspended by PRISONS)');
    expect(await officerClassifications()).toBe(0);
    await signOut(page);
  });

  it('the auditor finds the suspension in the admin log, the disclosures in the log, and the log intact', async () => {
    await signInByKeyboard(page, gateway.url, 'INSPECTORATE', 'AUDITOR', 'auditor-1');
    await page.getByRole('button', { name: 'MoU admin log' }).click();
    await page.getByLabel('Reference').fill(REFERENCE);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const suspension = page.getByRole('row').filter({ hasText: 'Suspended' }).filter({ hasText: 'Data breach under investigation' });
    await suspension.waitFor();
    expect(await suspension.textContent()).toContain('prisons-admin-2 (PRISONS)');
    await expectAccessible(page, 'admin log');
    await screenshot(page, '07-admin-log');

    await page.getByRole('button', { name: 'Disclosure log' }).click();
    await page.getByText(/^Intact: \d+ entr(y|ies)\b/).waitFor();
    await page.getByLabel('User', { exact: true }).fill('po-1');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const table = page.getByRole('table', { name: /entries$/ });
    await expect.poll(async () => (await table.getByRole('row').filter({ hasText: 'po-1 (PROBATION)' }).count())).toBe(3);
    await table.getByRole('row').filter({ hasText: 'po-1 (PROBATION)' }).first().getByRole('button').click();
    const entry = page.getByRole('dialog', { name: /Disclosure log entry \d+/ });
    expect(await entry.textContent()).toContain('CASE-2026-0042');
    await expectAccessible(page, 'disclosure log entry');
    await screenshot(page, '08-disclosure-entry');
    await entry.getByRole('button', { name: 'Cancel' }).click();
    await expectAccessible(page, 'disclosure log');
    await screenshot(page, '09-disclosure-log');
  });

  it('explains why a probation officer cannot read a prisoner\'s religion', async () => {
    const [prisoner] = await db.sql<{ id: string }>(`SELECT id FROM prisoner WHERE expected_release_date BETWEEN now() AND now() + interval '90 days' LIMIT 1`);
    await page.getByRole('button', { name: 'Explain access' }).click();
    await page.getByLabel('Agency (code)').fill('PROBATION');
    await page.getByLabel('Roles (comma-separated)').fill('PROBATION_OFFICER');
    await choose(page, 'Purpose', 'supervision');
    await page.getByLabel('Record id').fill(prisoner!.id);
    await choose(page, 'Field', /^religion$/);
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await page.getByRole('heading', { name: 'Denied', level: 2 }).waitFor();
    await page.getByText(/^STATUTORY_EXCLUSION: religion is a statutory exclusion/).waitFor();
    await expectAccessible(page, 'explain access');
    await screenshot(page, '10-explain-access');
  });
});
