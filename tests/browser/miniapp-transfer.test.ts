// The transfer form in headless Chromium, at phone AND desktop size: it offers only units a person can be
// transferred to (not the company root, not the grouping units "HQ" and "Stores", not their own unit), has
// an effective date (today by default, no earlier), and the request it submits carries that date.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { openAs, PHONE } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'en-US' } as const;
const DEPARTMENTS = ['人力资源部', '信息技术部', '财务部', '产品研发部', '运营部'].map((d) => `青云科技/总部/${d}`);
const STORES = ['上海徐汇店', '杭州西湖店', '深圳南山店'].map((s) => `青云科技/门店/${s}`);

describe('mini-app: the transfer form', () => {
  it.each([
    ['phone', PHONE, 'Sophia Lee', '青云科技/门店/深圳南山店'],
    ['desktop', DESKTOP, 'Emily Carter', '青云科技/总部/产品研发部'],
  ] as const)('on a %s, offers only eligible units and an effective date', async (size, viewport, person, own) => {
    const context = await browser.newContext(viewport);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/transfer`, person);
    const select = page.locator('select#toUnitId');
    await select.waitFor();
    const offered = (await select.locator('option').allTextContents()).slice(1);
    expect(offered.sort()).toEqual([...DEPARTMENTS, ...STORES].filter((p) => p !== own).sort());

    const date = page.locator('input#effectiveDate');
    const today = new Date().toISOString().slice(0, 10);
    expect(await date.getAttribute('type')).toBe('date');
    expect(await date.inputValue()).toBe(today);
    expect(await date.getAttribute('min')).toBe(today);
    await expect.poll(() => date.isVisible()).toBe(true);
    // Nothing sticks out sideways at this size.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-transfer-${size}.png`, fullPage: true });

    const effective = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await select.selectOption({ label: '青云科技/门店/上海徐汇店' });
    await date.fill(effective);
    await page.locator('textarea#reason').fill('Closer to home');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.waitForURL(/\/app\/requests\/\d+/);
    await page.locator('article.request dd', { hasText: effective }).waitFor();
    const rid = Number(new URL(page.url()).pathname.split('/').at(-1));
    const payload = JSON.parse(
      ((await h.sql.row('select payload from approval_requests where id = ?', rid)) as { payload: string }).payload,
    ) as { effectiveDate?: string };
    expect(payload.effectiveDate).toBe(effective);
    await context.close();
  });
});
