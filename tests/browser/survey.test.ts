// Answering a pulse survey in the sandbox, in a real browser, on a phone-sized screen. The answer waits
// sealed in the wave's pool until the wave closes, and the thank-you card does not repeat it.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

describe('survey in the sandbox, in Chromium', () => {
  it('an employee answers with one tap per question; the answer is pooled and not echoed into the chat', async () => {
    const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
    await sandboxClient(h).send(hr.id, '/survey launch 深圳南山店 5');
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;

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
    expect(await h.sql.row('select count(*) as n from survey_pool')).toEqual({ n: 0 });

    for (let i = 0; i < 9; i++) await fieldsets.nth(i).locator('label.rate', { hasText: /^4$/ }).click();
    await fieldsets.nth(9).locator('label.rate', { hasText: /^9$/ }).click();
    await form.locator('textarea[name="comment"]').fill('Weekend rota changes are announced too late.');
    await form.getByRole('button', { name: 'Submit anonymously' }).click();

    const recorded = page.locator('.msg.bot article.card', { hasText: 'Thank you — your answers are in' });
    await recorded.waitFor();
    await page.locator('#toast', { hasText: 'Recorded anonymously' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/survey-recorded.png`, fullPage: true });
    // The chat is a copy kept by the platform: the card thanks, it does not repeat the scores or the comment.
    const card = (await recorded.innerText()).replace(/\s+/g, ' ');
    expect(card).toContain('They are not repeated here');
    expect(card).not.toMatch(/\b4 \/ 5\b|\b9 \/ 10\b/);
    expect(card).not.toContain('Weekend rota changes');
    expect(await recorded.locator('dd').count()).toBe(0);
    // Sealed in the wave's pool until close: no response row exists while the wave is open.
    const wave = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    expect(await h.sql.row('select count(*) as n from survey_pool where wave_id = ?', wave)).toEqual({ n: 1 });
    expect(await h.sql.row('select count(*) as n from survey_responses')).toEqual({ n: 0 });
    expect(await h.sql.row('select answered from survey_participation where employee_id = ?', sophia.id)).toEqual({
      answered: 1,
    });
  });
});
