// The first-run guide in the mini-app (issue 25 §5), headless Chromium, phone (zh-CN) and desktop (en): the
// home page offers it until dismissed; the guide page walks the person's role's steps (an employee's claim
// cases, HR's dashboard) with Back / Next, the step saved so chat and app agree; dismissing hides the offer
// for good (after a reload too). Screenshots in test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { DESKTOP, openAs, phonePage, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
});

describe('mini-app: first-run guide', () => {
  it('an employee on a phone (zh-CN): offered on home, walks the claim cases, dismisses it for good', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/`, 'Wei Zhang');
    const offer = page.locator('aside.guide-offer');
    await offer.getByText('第一次使用？').waitFor();
    await offer.getByRole('link', { name: '打开引导' }).click();
    await page.waitForURL(/\/app\/guide$/);
    const guide = page.locator('section.guide[data-role="employee"]');
    await guide.getByText('第 1 步，共 5 步').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await guide.getByText('把你的工作变成积分申请').waitFor();
    expect(await guide.innerText()).toContain('成本控制');
    expect(await guide.innerText()).toContain('在聊天里试试：/claim');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-guide-phone-zh.png`, fullPage: true });
    const who = (await h.employeeByEmail('zhang.wei@qingyun.example'))!.id;
    await expect
      .poll(
        async () =>
          ((await h.sql.row('select step from guide_state where employee_id = ?', who)) as { step: number } | undefined)
            ?.step,
      )
      .toBe(1);
    await page.getByRole('button', { name: '上一步' }).click();
    await guide.getByText('第 1 步，共 5 步').waitFor();

    await page.getByRole('button', { name: '不再提示' }).click();
    await page.getByText('首页将不再提示这份引导。').waitFor();
    await page.goto(`${h.url}/app/`);
    await page.locator('#points').waitFor();
    expect(await page.locator('aside.guide-offer').count()).toBe(0);
    await page.reload();
    await page.locator('#points').waitFor();
    expect(await page.locator('aside.guide-offer').count()).toBe(0);
  });

  it('HR on a desktop (en): the offer above the desk, HR’s guide to its end', async () => {
    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/guide`, 'Sharon Lin');
    await setLocaleOf(page, 'en');
    await page.goto(`${h.url}/app/`);
    await page.locator('aside.guide-offer').getByText('New here?').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-guide-offer-desktop-en.png` });
    await page.locator('aside.guide-offer').getByRole('link', { name: 'Open the guide' }).click();
    const guide = page.locator('section.guide[data-role="hr"]');
    await guide.getByText('Reading the value dashboard').waitFor();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next' }).click();
    await guide.getByText('Step 4 of 4').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-guide-desktop-en.png`, fullPage: true });
    await page.getByRole('button', { name: 'Done' }).click();
    await guide.locator('[data-finished]').waitFor();
  });
});
