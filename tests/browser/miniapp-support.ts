// Shared steps of the mini-app browser tests: a phone-sized page, and signing in through the sandbox
// persona picker (which also proves the page comes back to where it was sent from).
import type { Browser, Page } from 'playwright-core';

export const PHONE = { viewport: { width: 390, height: 844 }, locale: 'en-US' } as const;

export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(PHONE);
  // Fail with the locator's name well before the test's own timeout.
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** Open an app URL while signed out: the app sends us to sign-in; pick the person; back to the URL. */
export async function openAs(page: Page, url: string, personName: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/\/app\/signin\?next=/);
  await page.locator('button.person', { hasText: personName }).click();
  const path = new URL(url).pathname;
  await page.waitForURL((u) => u.pathname === path);
  await page.locator('header.top .who', { hasText: personName }).waitFor();
}
