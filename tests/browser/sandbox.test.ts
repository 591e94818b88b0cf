// The try-it-now path in a real browser: pick a person (which signs in as them), send /help, press a card
// button, see the card change in place; two tabs as two people keep working.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

describe('sandbox in Chromium', () => {
  it("lets you pick a person, ask for /help and switch the card's language in place", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${h.url}/sandbox?lang=en`);
    await expect.poll(() => page.title()).toBe('Vitality sandbox');

    const jun = (await h.employeeByEmail('he.jun@qingyun.example'))!;
    await page.getByTestId('person').selectOption(String(jun.id));
    await page.getByTestId('composer').fill('/help');
    await page.getByTestId('composer').press('Enter');

    const card = page.locator('.msg.bot article.card').last();
    await card.locator('header h3', { hasText: '元气 Vitality — 你可以做什么' }).waitFor();
    await expect.poll(() => card.locator('li').allTextContents()).toContain('/whoami — 查看你的资料：部门、上级和角色');
    // The message element itself, not the card inside it: a poll that returns the message again redraws its
    // inside (the card element is replaced), which a slower database's answer made likely on the PostgreSQL run.
    const messageId = (await page.locator('.msg.bot').last().getAttribute('id'))!;
    expect(messageId).toBeTruthy();
    // Picking Jun signed the page in as Jun: the chat API answers only to that session.
    expect(await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { id: number }).id)).toBe(
      jun.id,
    );
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-help-zh.png` });

    await card.getByRole('button', { name: 'English' }).click();
    const same = page.locator(`[id="${messageId}"] article.card`);
    await same.locator('header h3', { hasText: 'Vitality — what you can do' }).waitFor();
    await page.locator('#toast', { hasText: 'Switched to English' }).waitFor();
    expect(await page.locator('.msg.bot').count()).toBe(1);
    expect((await h.employeeByEmail('he.jun@qingyun.example'))!.locale).toBe('en');

    await same.getByRole('button', { name: 'My profile' }).click();
    await page.locator('.msg.bot article.card header h3', { hasText: 'Your profile' }).waitFor();
    await expect.poll(() => page.locator('.msg.bot').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-help-en.png` });
  });

  it("names roles in the persona picker in the page's language, not as role ids (issue 19 item 7)", async () => {
    const page = await browser.newPage();
    const sharon = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
    await page.goto(`${h.url}/sandbox?lang=zh-CN`);
    const option = page.locator(`#person option[value="${sharon.id}"]`);
    await expect.poll(() => option.textContent()).toBe('林晓雯 Sharon Lin（HR、管理者）');
    const all = (await page.locator('#person option').allTextContents()).join('\n');
    expect(all).toContain('管理者');
    expect(all).not.toMatch(/\b(manager|admin|hr)\b/);
    await page.goto(`${h.url}/sandbox?lang=en`);
    await expect.poll(() => option.textContent()).toBe('林晓雯 Sharon Lin (HR, Manager)');
    expect((await page.locator('#person option').allTextContents()).join('\n')).toContain('(Manager');
    await page.close();
  });

  it('shows a clear message for an unknown command', async () => {
    const page = await browser.newPage();
    const olivia = (await h.employeeByEmail('olivia.brown@qingyun.example'))!;
    await page.goto(`${h.url}/sandbox?person=${olivia.id}&lang=en`);
    await page.getByTestId('composer').fill('/hepl');
    await page.getByTestId('composer').press('Enter');
    await page.locator('.msg.bot article.card', { hasText: 'Did you mean /help?' }).waitFor();
    // The quick-command chips send a command in one tap.
    await page.locator('#chips button', { hasText: '/points' }).click();
    await page.locator('.msg.bot article.card header h3', { hasText: 'Your points' }).waitFor();
  });

  it('keeps two tabs chatting as two people working: each signs in again as its own person when refused', async () => {
    const context = await browser.newContext();
    try {
      const emily = (await h.employeeByEmail('emily.carter@qingyun.example'))!;
      const david = (await h.employeeByEmail('david.kim@qingyun.example'))!;
      const first = await context.newPage();
      await first.goto(`${h.url}/sandbox?person=${emily.id}&lang=en`);
      await first.getByTestId('composer').fill('/whoami');
      await first.getByTestId('composer').press('Enter');
      await first.locator('.msg.bot article.card', { hasText: 'Emily Carter' }).waitFor();
      // The second tab signs the shared cookie in as David.
      const second = await context.newPage();
      await second.goto(`${h.url}/sandbox?person=${david.id}&lang=en`);
      await second.getByTestId('composer').fill('/whoami');
      await second.getByTestId('composer').press('Enter');
      await second.locator('.msg.bot article.card', { hasText: 'David Kim' }).waitFor();
      // Back in the first tab, a send as Emily still goes through, as Emily, into Emily's chat only.
      await first.bringToFront();
      await first.getByTestId('composer').fill('/points');
      await first.getByTestId('composer').press('Enter');
      await first.locator('.msg.bot article.card header h3', { hasText: 'Your points' }).waitFor();
      expect(await first.locator('.msg.bot article.card', { hasText: 'David Kim' }).count()).toBe(0);
      expect(await second.locator('.msg.bot article.card header h3', { hasText: 'Your points' }).count()).toBe(0);
      expect(await first.locator('#toast.error').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
