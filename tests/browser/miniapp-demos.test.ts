// Guided scenario demos in the mini-app (issue 25 §5), headless Chromium: on a phone in Chinese a manager plays
// "a finance clerk's cost saving" end to end and follows the last step's link to the rewards page; on a desktop
// in English HR plays "a cook sent to a partner store" end to end — the cook's manager changes in the
// database — then again with Play all. Each page checked with axe (WCAG A/AA) and photographed into test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { auditedPage, axeFindings, DESKTOP, openAs, PHONE, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
});

/** Press Next until the last step is shown; the number of steps on the page. */
async function playToEnd(page: Page, next: string, finished: string): Promise<number> {
  const player = page.locator('section.demo-player');
  for (let i = 0; i < 20; i++) {
    if ((await player.getByText(finished).count()) > 0) break;
    const before = await player.locator('li[data-status="played"]').count();
    await page.getByRole('button', { name: next }).click();
    await expect
      .poll(async () => await player.locator('li[data-status="played"]').count(), { timeout: 30_000 })
      .toBe(before + 1);
  }
  await player.getByText(finished).waitFor();
  return await player.locator('li[data-status="played"]').count();
}

describe('mini-app: guided demos', () => {
  it('a manager on a phone (zh-CN) plays the cost saving to its end and opens the ledger it made', async () => {
    const page = await auditedPage(browser, PHONE);
    await openAs(page, `${h.url}/app/demos`, 'Fiona Wang');
    await page.getByRole('heading', { name: '引导式演示' }).waitFor();
    const card = page.locator('li[data-demo="saving"]');
    await card.getByText('积分申请 → 审批 → 积分账本 → 兑换').waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-demos-list-phone-zh.png`, fullPage: true });
    await card.getByRole('button', { name: '播放 · 财务专员的成本节省' }).click();
    const player = page.locator('section.demo-player[data-demo="saving"]');
    await player.getByText('第 1 步，共 5 步').waitFor();
    expect(await player.innerText()).toContain('成本控制');
    expect(await playToEnd(page, '下一步', '故事到此结束。')).toBe(5);
    const text = await player.innerText();
    expect(text).toContain('150 分记入');
    expect(text).toContain('批准兑换');
    expect(await axeFindings(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-demos-saving-phone-zh.png`, fullPage: true });
    await player.locator('li[data-step="4"]').getByRole('link', { name: '查看这一步生成的内容' }).click();
    await page.waitForURL(/\/app\/rewards$/);
  }, 120_000);

  it('HR on a desktop (en) plays the cook sent to a partner store to its end: her manager changes', async () => {
    const page = await auditedPage(browser, DESKTOP);
    await openAs(page, `${h.url}/app/demos`, 'Sharon Lin');
    await setLocaleOf(page, 'en');
    await page.reload();
    const cook = (await h.employeeByEmail('deng.hui@qingyun.example'))!;
    const card = page.locator('li[data-demo="cook"]');
    await card.getByText('Transfer → store rating → training → composite report').waitFor();
    await card.getByRole('button', { name: 'Play · A cook sent to a partner store' }).click();
    const player = page.locator('section.demo-player[data-demo="cook"]');
    await player.getByText('Step 1 of 11').waitFor();
    expect(await player.innerText()).toContain('the transfer request is filed');
    expect(await playToEnd(page, 'Next step', 'That is the whole story.')).toBe(11);
    const text = await player.innerText();
    expect(text).toContain('the move applies today');
    expect(text).toContain('composite report');
    const after = (await h.employeeByEmail('deng.hui@qingyun.example'))!;
    expect(after.unitId).not.toBe(cook.unitId);
    expect(after.managerId).toBe((await h.employeeByEmail('liu.qiang@qingyun.example'))!.id);
    expect(await axeFindings(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-demos-cook-desktop-en.png`, fullPage: true });
    // Play again: a fresh run from its first step.
    await page.getByRole('button', { name: 'Play again' }).click();
    await player.getByText('Step 1 of 11').waitFor();
    expect(await player.locator('li[data-status="played"]').count()).toBe(1);
    // Play all: the rest of the run, one step after another, to its end.
    await page.getByRole('button', { name: 'Play all' }).click();
    await player.getByText('That is the whole story.').waitFor({ timeout: 60_000 });
    expect(await player.locator('li[data-status="played"]').count()).toBe(11);
  }, 120_000);
});
