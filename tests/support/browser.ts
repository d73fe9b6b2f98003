import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Real Chromium for the console tests: Debian's /usr/bin/chromium driven by playwright-core,
 * headless, with a fresh profile per test file and no traffic to Google's hosts.
 */
export const CHROMIUM = process.env.LIAISON_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('.console-artifacts');

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab that fails the test on any Content-Security-Policy violation or uncaught page error. */
  page(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'liaison-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  const problems: string[] = [];
  return {
    context,
    async page() {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to (load|execute|connect|apply)/i.test(message.text())) problems.push(message.text().slice(0, 300));
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      (page as Page & { problems: string[] }).problems = problems;
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      expect(problems, 'CSP violations or page errors').toEqual([]);
    },
  };
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.x A and AA rules) in the page and fails on any serious or critical
 * violation. The script is evaluated through the DevTools protocol, so the console's CSP
 * (no inline script) stays as it is.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { document: unknown } &  { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown }[] }[] }> } };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe: serious or critical violations on ${screen}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Chooses an option of a React Aria Select by its label (pointer). */
export async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`${label}$`) }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Development sign-in through the console's form: agency, role, user. */
export async function signInDevelopment(page: Page, url: string, agency: string, role: string, userId: string): Promise<void> {
  await page.goto(`${url}/console/`);
  await choose(page, 'Agency', new RegExp(`^${agency} —`));
  await choose(page, 'Role', new RegExp(`^${role}$`));
  await page.getByLabel('User id').fill(userId);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.getByText(`Signed in as ${userId} (${agency}`).count()).toBe(1);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
}

/** Ticks a React Aria checkbox by keyboard (its input is visually hidden under the label). */
export async function tick(page: Page, name: string): Promise<void> {
  const box = page.getByRole('checkbox', { name, exact: true });
  await box.focus();
  if (!(await box.isChecked())) await page.keyboard.press('Space');
  await expect.poll(() => box.isChecked()).toBe(true);
}

/** The text of the elements that describe `locator` (aria-describedby): what a screen reader reads after its name. */
export function accessibleDescription(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    const { document } = globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } };
    return (el.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id: string) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
  });
}
