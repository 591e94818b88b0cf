// Shared steps of the mini-app browser tests: a phone-sized page, signing in through the sandbox persona
// picker (which also proves the page comes back to where it was sent from), and answering and closing a
// survey wave through the domain (results exist only once a wave is closed).
import type { Browser, Page } from 'playwright-core';
import { inTransaction } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { closeWave, submitAnswers } from '../../src/domain/surveys/waves.js';
import type { Harness } from '../support/harness.js';

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

/** Answer a wave as a person, as the chat card or the app would (sealed in the wave's pool until close). */
export function answerAs(h: Harness, waveId: number, employeeId: number, values: Record<string, string>, now = new Date()): void {
  const db = h.app.db;
  const r = inTransaction(db, () => submitAnswers(db, surveySealKey(h.app.config), { waveId, employeeId, values, now }));
  if (!r.ok) throw new Error(`answering wave ${waveId} as ${employeeId}: ${r.code}`);
}

/** Close a wave now (as the scheduler does at its close date): its results are computed and published. */
export function closeWaveNow(h: Harness, waveId: number): void {
  const db = h.app.db;
  const r = inTransaction(db, () => closeWave(db, surveySealKey(h.app.config), waveId, new Date(), { kind: 'system' }));
  if (!r.ok) throw new Error(`closing wave ${waveId}: ${r.code}`);
}
