// The try-it-now path in a real browser: pick a person, send /help, press a card button, see the card
// change in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('sandbox in Chromium', () => {
  it('lets you pick a person, ask for /help and switch the card\'s language in place', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${h.url}/sandbox?lang=en`);
    await expect.poll(() => page.title()).toBe('Vitality sandbox');

    const jun = h.employeeByEmail('he.jun@qingyun.example')!;
    await page.getByTestId('person').selectOption(String(jun.id));
    await page.getByTestId('composer').fill('/help');
    await page.getByTestId('composer').press('Enter');

    const card = page.locator('.msg.bot article.card').last();
    await card.locator('header h3', { hasText: '元气 Vitality — 你可以做什么' }).waitFor();
    await expect.poll(() => card.locator('li').allTextContents()).toContain('/whoami — 查看你的资料：部门、上级和角色');
    const messageId = await card.evaluate((el) => el.closest('.msg')!.id);
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-help-zh.png` });

    await card.getByRole('button', { name: 'English' }).click();
    const same = page.locator(`[id="${messageId}"] article.card`);
    await same.locator('header h3', { hasText: 'Vitality — what you can do' }).waitFor();
    await page.locator('#toast', { hasText: 'Switched to English' }).waitFor();
    expect(await page.locator('.msg.bot').count()).toBe(1);
    expect(h.employeeByEmail('he.jun@qingyun.example')!.locale).toBe('en');

    await same.getByRole('button', { name: 'My profile' }).click();
    await page.locator('.msg.bot article.card header h3', { hasText: 'Your profile' }).waitFor();
    await expect.poll(() => page.locator('.msg.bot').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-help-en.png` });
  });

  it('shows a clear message for an unknown command', async () => {
    const page = await browser.newPage();
    const olivia = h.employeeByEmail('olivia.brown@qingyun.example')!;
    await page.goto(`${h.url}/sandbox?person=${olivia.id}&lang=en`);
    await page.getByTestId('composer').fill('/hepl');
    await page.getByTestId('composer').press('Enter');
    await page.locator('.msg.bot article.card', { hasText: 'Did you mean /help?' }).waitFor();
    // The quick-command chips send a command in one tap.
    await page.locator('#chips button', { hasText: '/points' }).click();
    await page.locator('.msg.bot article.card header h3', { hasText: 'Your points' }).waitFor();
  });
});
