import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, screenshot, signInDevelopment, type TestBrowser } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * `mous` is a paged connection: the console's MoU list shows the first page (50 versions),
 * says how many there are in all, and reads the next page on "Show more MoU versions".
 * Real Chromium, a real gateway, real PostgreSQL holding the three demo MoUs and 60 drafts.
 */

let db: TestDatabase;
let gateway: TestGateway;
let browser: TestBrowser;
let page: Page;

describe('console: the MoU list, a page at a time', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.sql(`
      INSERT INTO mou (reference, version, title, provider_agency_code, recipient_agency_code, legal_basis, purposes, valid_from, status, created_by, authors)
      SELECT 'MOU-PRISONS-POLICE-P' || lpad(n::text, 2, '0'), 1, 'Paging draft ' || n, 'PRISONS', 'POLICE', 'Test legal basis',
             ARRAY['COUNTER_TERRORISM'], now(), 'DRAFT', 'PRISONS:paging-test', ARRAY['PRISONS:paging-test']
        FROM generate_series(1, 60) AS n`);
    gateway = await startTestGateway(db);
    browser = await launchBrowser();
    page = await browser.page();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await db?.drop();
  });

  it('shows the first 50 of 63 versions by reference, and the rest on "Show more"', async () => {
    await signInDevelopment(page, gateway.url, 'PRISONS', 'MOU_ADMIN', 'prisons-admin-paging');
    await page.getByRole('table', { name: '50 of 63 MoU versions' }).waitFor();
    const links = page.getByRole('table').getByRole('button');
    expect(await links.count()).toBe(50);
    expect(await links.first().textContent()).toBe('MOU-POLICE-PRISONS-01 v1');
    expect(await links.last().textContent()).toBe('MOU-PRISONS-POLICE-P48 v1');
    expect(await page.getByRole('button', { name: 'MOU-PRISONS-PROBATION-01 v1' }).count()).toBe(0);
    await expectAccessible(page, 'MoU list, first page');

    await page.getByRole('button', { name: 'Show more MoU versions' }).click();
    // exact: by default a name matches as a substring, and "50 of 63 MoU versions" contains this one.
    await page.getByRole('table', { name: '63 MoU versions', exact: true }).waitFor();
    expect(await links.count()).toBe(63);
    expect(await links.last().textContent()).toBe('MOU-PRISONS-PROBATION-01 v1');
    expect(await page.getByRole('button', { name: 'Show more MoU versions' }).count()).toBe(0);
    await screenshot(page, '20-mou-list-paged');
  });
});
