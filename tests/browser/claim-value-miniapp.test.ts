// The mini-app's claim form at phone size: an ambiguous value shows a field error that quotes what was
// understood; "15%, ¥100000" with ¥ selected becomes a request showing 15% · ¥100,000 (never 15,100,000).
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

describe('mini-app: the value of a claim', () => {
  it('quotes what it understood, then submits two quantities and shows them as entered', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/claim`, 'Sophia Lee');
    await page.locator('#tag').selectOption({ label: 'Cost control · 100' });
    await page.locator('#description').fill('Renegotiated the produce contract');
    await page.locator('#unit').selectOption('cny');
    await page.locator('#amount').fill('15%, 1,50');
    await page.getByRole('button', { name: 'Submit claim' }).click();
    const error = page.locator('[data-field="amount"] .ferr');
    await error.waitFor();
    expect(await error.innerText()).toContain('Understood: 15%. “1,50” is ambiguous');

    await page.locator('#amount').fill('15%, ¥100000');
    await page.getByRole('button', { name: 'Submit claim' }).click();
    await page.waitForURL(/\/app\/requests\/\d+\?submitted=1/);
    const rid = Number(/requests\/(\d+)/.exec(page.url())![1]);
    const card = page.locator(`article.request[data-request="${rid}"]`);
    await card.waitFor();
    const fields = await card.locator('dl.fields').innerText();
    expect(fields).toContain('15% · ¥100,000');
    expect(fields).not.toContain('15,100,000');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-claim-quantities.png`, fullPage: true });
    await page.context().close();
  });
});
