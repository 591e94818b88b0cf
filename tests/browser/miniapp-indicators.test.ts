// HR's indicator settings in the mini-app (issue 25 §2), on a phone and a desktop: create a system and see
// its token once (it then works against the ingestion API and is not shown again), add an indicator, be
// refused an impossible rule at its field, add a rule, set the hourly cost, revoke the system (its token is
// then refused).
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { DESKTOP, openAs, phonePage, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

const push = async (token: string) =>
  (
    await fetch(`${h.url}/api/ingest/indicators`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rows: [{ indicator: 'budget_deviation', email: 'he.jun@qingyun.example', period: '2026-11', value: 3 }],
      }),
    })
  ).status;

describe('mini-app: indicators from business systems', () => {
  it('makes a system with a token shown once, an indicator, a rule (an impossible one refused) and the hourly cost', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/settings`, '林晓雯 Sharon Lin');
    await setLocaleOf(page, 'en');
    await page.goto(`${h.url}/app/hr/settings`);

    const systems = page.locator('#ingest-systems');
    await systems.getByText('No system yet.').waitFor();
    await page.locator('#ingest-name').fill('ERP');
    await page.getByRole('button', { name: 'Create system and token' }).click();
    const token = await page.locator('#ingest-token').inputValue();
    expect(token).toMatch(/^vit_/);
    await systems.locator('[data-system="ERP"]').waitFor();

    const indicators = page.locator('#indicators');
    await page.locator('#ind-key').fill('budget_deviation');
    await page.locator('#ind-nameZh').fill('预算偏差');
    await page.locator('#ind-nameEn').fill('Budget deviation');
    await page.locator('#ind-unit').selectOption('percent');
    await page.getByRole('button', { name: 'Add indicator' }).click();
    await indicators.locator('[data-list="indicators"]').getByText('budget_deviation').waitFor();

    await page.locator('#rule-indicatorKey').selectOption('budget_deviation');
    await page.locator('#rule-op').selectOption('<');
    await page.locator('#rule-threshold').fill('-5');
    await page.locator('#rule-points').fill('50');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const error = page.locator('[data-field="rule-threshold"] .ferr');
    await error.waitFor();
    expect(await error.innerText()).toBe('This indicator is a percentage: the threshold must be from 0 to 100.');
    expect(await page.locator('#indicator-rules').getByText('No rule yet.').count()).toBe(1);
    await page.locator('#rule-threshold').fill('5');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.locator('#indicator-rules [data-list="rules"] li');
    await rule.first().waitFor();
    expect(await rule.first().innerText()).toContain('Budget deviation < 5% → 50');

    await page.locator('#hourly-rate').fill('50');
    await page.locator('#hourly-cost').getByRole('button', { name: 'Save' }).click();
    await page.locator('#hourly-cost').getByText('Saved.').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-indicators-phone.png`, fullPage: true });

    // The token works now; after a reload it is nowhere on the page.
    expect(await push(token)).toBe(200);
    await page.reload();
    await systems.locator('[data-system="ERP"]').waitFor();
    expect(await page.content()).not.toContain(token);
    await page.context().close();
  });

  it('revokes a system on a desktop, and its token is refused from then on', async () => {
    const page = await (await browser.newContext(DESKTOP)).newPage();
    await openAs(page, `${h.url}/app/hr/settings`, '林晓雯 Sharon Lin');
    await page.locator('#ingest-name').fill('BI');
    await page.locator('#ingest-systems form button[type="submit"]').click();
    const token = await page.locator('#ingest-token').inputValue();
    expect(await push(token)).toBe(200);
    const bi = page.locator('[data-system="BI"]');
    await bi.locator('button').click();
    await bi.locator('button').waitFor({ state: 'detached' });
    expect(await push(token)).toBe(401);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-indicators-desktop.png`, fullPage: true });
    await page.context().close();
  });
});
