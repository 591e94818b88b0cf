// Guided demos in the sandbox chat page (issue 25 §5), headless Chromium: on a phone in Chinese a store manager
// types /demo, presses Play on the pulse demo and goes through its six step cards with Next step — the last one
// says R&D's collaboration recovered; on a desktop in English /demo saving is played to its end. axe on the page
// (WCAG A/AA), screenshots into test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { auditedPage, axeFindings, DESKTOP, PHONE } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

/** Press the newest card's Next step until a card without one (the last step) arrives; the step cards seen. */
async function nextUntilEnd(page: Page, next: string): Promise<number> {
  const cards = page.locator('.msg.bot article.card');
  for (let i = 0; i < 20; i++) {
    const last = cards.last();
    const button = last.getByRole('button', { name: next, exact: true });
    if ((await button.count()) === 0) break;
    const before = await cards.count();
    await button.click();
    // A step is a transaction of a few hundred statements (a wave answered by everyone): seconds on PostgreSQL.
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(before + 1);
  }
  return await cards.count();
}

describe('sandbox chat: guided demos', () => {
  it('a store manager on a phone (zh-CN) plays the pulse demo from the /demo list', async () => {
    const page = await auditedPage(browser, PHONE);
    const who = (await h.employeeByEmail('liu.qiang@qingyun.example'))!;
    await page.goto(`${h.url}/sandbox?person=${who.id}&lang=zh-CN`);
    await page.getByTestId('composer').fill('/demo');
    await page.getByTestId('composer').press('Enter');
    const list = page.locator('.msg.bot article.card', { hasText: '引导式演示' }).last();
    await list.getByRole('button', { name: '播放「脉搏调研发现流程问题」' }).click();
    await page.locator('.msg.bot article.card header h3', { hasText: '第 1/6 步' }).waitFor();
    // The list card plus the six step cards.
    expect(await nextUntilEnd(page, '下一步')).toBe(7);
    const last = page.locator('.msg.bot article.card').last();
    expect(await last.innerText()).toMatch(/产品研发部的“团队协作”从 [\d.]+ 升到 [\d.]+/);
    expect(await last.getByRole('button', { name: '再播放一次' }).count()).toBe(1);
    expect(await axeFindings(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-demo-pulse-phone-zh.png`, fullPage: true });
  }, 120_000);

  it('on a desktop (en): /demo saving to its end, each step linking to what it made', async () => {
    const page = await auditedPage(browser, DESKTOP);
    const who = (await h.employeeByEmail('olivia.brown@qingyun.example'))!;
    await page.goto(`${h.url}/sandbox?person=${who.id}&lang=en`);
    await page.getByTestId('composer').fill('/demo saving');
    await page.getByTestId('composer').press('Enter');
    await page.locator('.msg.bot article.card header h3', { hasText: 'step 1/5' }).waitFor();
    expect(await nextUntilEnd(page, 'Next step')).toBe(5);
    const last = page.locator('.msg.bot article.card').last();
    expect(await last.innerText()).toContain('approves the redemption');
    expect(await page.locator('.msg.bot article.card a[href*="/app/"]').count()).toBeGreaterThanOrEqual(5);
    expect(await axeFindings(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-demo-saving-desktop-en.png`, fullPage: true });
  }, 120_000);
});
