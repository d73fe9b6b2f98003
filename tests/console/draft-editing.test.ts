import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibleDescription, choose, expectAccessible, launchBrowser, screenshot, signInDevelopment, tick, type TestBrowser } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { demoTokens, startTestGateway, type TestGateway } from '../support/gateway.js';
import { draftInput, mouApi, ok } from '../support/mou-api.js';

/**
 * Editing a draft in the console: the provider's administrator changes the terms
 * (`updateMouDraft`) and a clause (`updateMouClause`) of an MoU the recipient has already
 * approved; the gateway's problems appear at the fields they concern; saving voids the
 * approval, which the approvals table shows with its reason.
 */

const REFERENCE = 'MOU-PRISONS-POLICE-05';

let db: TestDatabase;
let gateway: TestGateway;
let browser: TestBrowser;
let page: Page;

const unticked = async (name: string) => {
  const box = page.getByRole('checkbox', { name, exact: true });
  await box.focus();
  if (await box.isChecked()) await page.keyboard.press('Space');
  await expect.poll(() => box.isChecked()).toBe(false);
};

describe.sequential('console: editing a draft', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    gateway = await startTestGateway(db);
    const api = mouApi(gateway);
    const prisons = await demoTokens.prisonsMouAdmin();
    const draft = ok(await api.create(prisons, draftInput({ reference: REFERENCE })));
    ok(await api.submit(prisons, draft.id));
    ok(await api.approve(await demoTokens.policeMouAdmin(), draft.id));
    browser = await launchBrowser();
    page = await browser.page();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(page, `failed-edit-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await db?.drop();
  });

  it('changes the terms: problems at their fields, then saved, and the recipient\'s approval voided', async () => {
    await signInDevelopment(page, gateway.url, 'PRISONS', 'MOU_ADMIN', 'prisons-admin-2');
    await page.getByRole('button', { name: `${REFERENCE} v1` }).click();
    await page.getByRole('heading', { name: `${REFERENCE} v1 — Classification of violent extremist prisoners` }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('Awaiting approval fromPRISONS');

    await page.getByRole('button', { name: 'Edit the terms' }).click();
    await page.getByText('Changing the terms voids the approvals given so far and returns the MoU to draft.').waitFor();
    await page.getByLabel('Title').fill('Classification of VEPs due for release');
    await page.getByLabel('Legal basis').fill('Prisons Act s. 12(3) and Terrorism Act s. 4');
    // An end before the start, and the MoU's purpose taken from under its clause.
    await page.getByLabel('Valid until').fill('2025-01-01');
    await unticked('counter-terrorism');
    await tick(page, 'public protection');
    await expectAccessible(page, 'terms editor');
    await page.getByRole('button', { name: 'Save the terms' }).click();
    const validUntil = page.getByLabel('Valid until');
    await expect.poll(() => validUntil.getAttribute('aria-invalid')).toBe('true');
    expect(await accessibleDescription(validUntil)).toMatch(/validUntil: must be after validFrom/);
    await page.getByRole('alert').filter({ hasText: 'Classification of VEPs: purposes[0]: COUNTER_TERRORISM is not one of the MoU\'s purposes' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'The gateway found 2 problem(s)' }).waitFor();
    await expectAccessible(page, 'terms editor with problems');
    await screenshot(page, '14-terms-problems');

    await validUntil.fill('2027-12-31');
    await tick(page, 'counter-terrorism');
    await page.getByRole('button', { name: 'Save the terms' }).click();
    await page.getByRole('status').filter({ hasText: 'Terms saved.' }).waitFor();
    await page.getByRole('heading', { name: `${REFERENCE} v1 — Classification of VEPs due for release` }).waitFor();
    const facts = await page.locator('dl.facts').textContent();
    expect(facts).toContain('Draft');
    expect(facts).toContain('Prisons Act s. 12(3) and Terrorism Act s. 4');
    expect(facts).toMatch(/public protection, counter-terrorism|counter-terrorism, public protection/);
    expect(facts).toContain('until Dec 31, 2027');
    // The police approval is kept on record, voided.
    const approval = page.getByRole('table', { name: 'Approvals' }).getByRole('row').filter({ hasText: 'police-admin-1' });
    expect(await approval.textContent()).toMatch(/voided .*: \S/);
    await page.getByRole('table', { name: 'Admin log of this MoU' }).getByRole('row').filter({ hasText: 'Terms changed' }).filter({ hasText: 'Succeeded' }).filter({ hasText: 'prisons-admin-2 (PRISONS)' }).waitFor();
  });

  it('changes a clause: fields, conditions, purposes, roles, TLP, retention, case reference and quota', async () => {
    await page.getByRole('button', { name: 'Edit clause Classification of VEPs' }).click();
    await page.getByRole('heading', { name: 'Edit clause “Classification of VEPs”' }).waitFor();
    await unticked('placementApproach');
    await tick(page, 'reviewDate');
    await choose(page, 'Test', /^is$/);
    await page.getByLabel('Value').fill('TERRORISM_CONVICTION');
    await page.getByText('Reads: records whose prisoner.vepStatus is TERRORISM_CONVICTION.').waitFor();
    await tick(page, 'public protection');
    await tick(page, 'OFFICER');
    await choose(page, 'Highest TLP marking shared', 'TLP:GREEN');
    await page.getByLabel('Retention (days)').fill('90');
    await tick(page, 'Requests must carry a case reference');
    await page.getByLabel('Daily quota (records per day)').fill('0');
    await page.getByRole('button', { name: 'Save clause' }).click();
    const quota = page.getByLabel('Daily quota (records per day)');
    await expect.poll(() => quota.getAttribute('aria-invalid')).toBe('true');
    expect(await accessibleDescription(quota)).toMatch(/dailyRecordQuota: must be a whole number of records from 1/);
    await expectAccessible(page, 'clause editor (edit)');

    await quota.fill('200');
    await page.getByRole('button', { name: 'Save clause' }).click();
    await page.getByRole('status').filter({ hasText: 'Clause saved.' }).waitFor();
    await page.getByText(/^POLICE staff with the role ANALYST and OFFICER, for (counter-terrorism and public protection|public protection and counter-terrorism), see the id, securityCategory and reviewDate of classifications whose prisoner.vepStatus is TERRORISM_CONVICTION; nothing above TLP GREEN\.$/).waitFor();
    await page.getByText('Kept at most 90 days. No onward disclosure. Each request needs a case reference. At most 200 records a day.').waitFor();
    await screenshot(page, '15-draft-edited');

    const [clause] = await db.sql<{ max_tlp: string; retention_days: number; case_reference_required: boolean; daily_record_quota: number }>(
      `SELECT c.max_tlp, c.retention_days, c.case_reference_required, c.daily_record_quota FROM mou_clause c JOIN mou m ON m.id = c.mou_id WHERE m.reference = $1`, [REFERENCE]);
    expect(clause).toEqual({ max_tlp: 'GREEN', retention_days: 90, case_reference_required: true, daily_record_quota: 200 });
  });

  it('conditions the rows cannot show ($or) stay in JSON; JSON that does not parse is pointed out', async () => {
    await page.getByRole('button', { name: 'Add a clause' }).click();
    await page.getByLabel('Label').fill('VEPs by either status');
    await tick(page, 'Edit the conditions as JSON');
    const json = page.getByLabel('Conditions (JSON, condition language)');
    await json.fill('{ "vepStatus": ');
    await page.getByRole('checkbox', { name: 'Edit the conditions as JSON' }).press('Space');
    await expect.poll(() => json.getAttribute('aria-invalid')).toBe('true');
    expect(await accessibleDescription(json)).toContain('The conditions are not valid JSON.');
    await json.fill('{ "$or": [{ "vepStatus": "ASSESSED_VEP" }, { "vepStatus": "TERRORISM_CONVICTION" }] }');
    await page.getByRole('checkbox', { name: 'Edit the conditions as JSON' }).press('Space');
    expect(await accessibleDescription(json)).toContain('can only be edited as JSON');
    expect(await page.getByRole('checkbox', { name: 'Edit the conditions as JSON' }).isChecked()).toBe(true);
    await tick(page, 'ANALYST');
    await page.getByRole('button', { name: 'Save clause' }).click();
    await page.getByRole('status').filter({ hasText: 'Clause saved.' }).waitFor();
    await page.getByText(/see the id of prisoners whose .*ASSESSED_VEP.* or .*TERRORISM_CONVICTION/).waitFor();
  });
});
