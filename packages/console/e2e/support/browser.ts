/**
 * Debian's Chromium driven by playwright-core, for the console's end-to-end tests. In CI the browser
 * must be there (`.ci/run` installs it); elsewhere the browser tests are skipped with the reason.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ROOT } from '../../../engine/test/support/engine-process.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

/** Why the browser tests cannot run here, or null when they can. Never a reason in CI. */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const why = `no Chromium at ${CHROMIUM} (apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`the browser tests must run in CI, but there is ${why}`);
  return why;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page that fails the test on any uncaught error or console error of the app. */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, problems, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const CONSOLE_BUILD = join(ROOT, 'packages/console/dist/index.html');

/** The console must be built for `ballast serve` to serve it. */
export function requireBuiltConsole(): void {
  if (!existsSync(CONSOLE_BUILD))
    throw new Error(`the console is not built (${CONSOLE_BUILD} is missing): run npm run build`);
}

/** Errors the browser logs that are expected: a refused request (a 4xx a test makes on purpose). */
const EXPECTED = /Failed to load resource: the server responded with a status of 4\d\d/;

/** The problems a page logged, less the expected ones. */
export const unexpectedOf = (problems: readonly string[]): string[] =>
  problems.filter((p) => !EXPECTED.test(p));

/** The login page, as a person uses it. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** Clicks a button of the open confirmation dialog. */
export async function confirmIn(page: Page, name: string): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name, exact: true }).click();
}
