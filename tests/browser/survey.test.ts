// Answering a pulse survey in the sandbox, in a real browser, on a phone-sized screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';

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

describe('survey in the sandbox, in Chromium', () => {
  it('an employee answers with one tap per question, and sees what was recorded', async () => {
    const hr = h.employeeByEmail('lin.xiaowen@qingyun.example')!;
    await sandboxClient(h).send(hr.id, '/survey launch 深圳南山店 5');
    const sophia = h.employeeByEmail('sophia.lee@qingyun.example')!;

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${h.url}/sandbox?person=${sophia.id}&lang=en`);
    const form = page.locator('.msg.bot form.form').last();
    await form.waitFor();
    const fieldsets = form.locator('fieldset.field');
    expect(await fieldsets.count()).toBe(10);
    await page.screenshot({ path: `${ARTIFACTS}/survey-form.png`, fullPage: true });

    // Submitting with nothing chosen shows an error at each field and records nothing.
    await form.getByRole('button', { name: 'Submit anonymously' }).click();
    await expect.poll(() => form.locator('.ferr', { hasText: 'Please choose an answer.' }).count()).toBe(10);
    expect(h.sqlite.prepare('select count(*) as n from survey_responses').get()).toEqual({ n: 0 });

    for (let i = 0; i < 9; i++) await fieldsets.nth(i).locator('label.rate', { hasText: /^4$/ }).click();
    await fieldsets.nth(9).locator('label.rate', { hasText: /^9$/ }).click();
    await form.locator('textarea[name="comment"]').fill('Weekend rota changes are announced too late.');
    await form.getByRole('button', { name: 'Submit anonymously' }).click();

    const recorded = page.locator('.msg.bot article.card', { hasText: 'Thank you — answers recorded' });
    await recorded.waitFor();
    await page.locator('#toast', { hasText: 'Recorded anonymously' }).waitFor();
    expect(await recorded.locator('dd', { hasText: '4 / 5' }).count()).toBe(9);
    expect(await recorded.locator('dd', { hasText: '9 / 10' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/survey-recorded.png`, fullPage: true });
    expect(h.sqlite.prepare('select count(*) as n from survey_responses').get()).toEqual({ n: 1 });
    expect(h.sqlite.prepare('select answered from survey_participation where employee_id = ?').get(sophia.id)).toEqual({ answered: 1 });
  });
});
