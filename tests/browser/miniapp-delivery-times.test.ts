// HR sets when surveys reach people on the settings page (issue 23 item 5), in headless Chromium on a phone:
// a time zone that does not exist is refused at its field and saves nothing; good settings are saved.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

const saved = async () => await h.sql.rows<{ value: string }>("select value from settings where key = 'delivery'");

describe('mini-app: delivery times', () => {
  it('an unknown time zone is refused at its field; a local hour, quiet hours and weekends off are saved', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/settings`, 'Sharon Lin');
    const form = page.locator('form#delivery-times');
    await form.locator('#dt-localHour').waitFor();
    // Off by default: as soon as due, no quiet hours, weekends on, 2 reminders a week.
    expect(await form.locator('#dt-localHour').inputValue()).toBe('');
    expect(await form.locator('#dt-cap').inputValue()).toBe('2');
    expect(await form.locator('#dt-quietFrom').count()).toBe(0);

    await form.locator('#dt-localHour').selectOption('10');
    await form.locator('#dt-quiet').check();
    // Quiet hours start from the suggestion, 20:00–08:00.
    expect(await form.locator('#dt-quietFrom').inputValue()).toBe('20');
    expect(await form.locator('#dt-quietTo').inputValue()).toBe('8');
    await form.locator('#dt-weekends').check();
    await form.locator('#dt-zone').fill('Mars/Olympus_Mons');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    const error = form.locator('[data-field="dt-zone"].invalid .ferr');
    await error.waitFor();
    expect(await error.innerText()).toContain('未知时区「Mars/Olympus_Mons」');
    expect(await form.locator('.notice.success').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-delivery-times-error.png`, fullPage: true });
    expect(await saved()).toEqual([]);

    await form.locator('#dt-zone').fill('Asia/Shanghai');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await form.locator('.notice.success', { hasText: '已保存。' }).waitFor();
    expect(await form.locator('.ferr').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-delivery-times-saved.png`, fullPage: true });
    expect(JSON.parse((await saved())[0]!.value)).toEqual({
      localHour: 10,
      quietHours: { from: 20, to: 8 },
      skipWeekends: true,
      weeklyReminderCap: 2,
      timeZone: 'Asia/Shanghai',
    });
    await page.context().close();
  });
});
