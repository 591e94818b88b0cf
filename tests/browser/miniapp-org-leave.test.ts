// HR sets and clears a person's leave on the org page (issue 23 item 5), in headless Chromium: on a phone in
// zh-CN a last day before the first is refused at its field with the server's message and changes nothing, a good
// range is saved and listed; on a desktop in English the same refusal in English, then the leave is cleared.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { DESKTOP, openAs, phonePage, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

/** A day `n` days from now (YYYY-MM-DD, UTC): leave in the future stays listed whatever the test's date. */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const leaveOf = async (email: string) =>
  await h.sql.row<{ name: string; from: string | null; until: string | null }>(
    'select name, leave_from as "from", leave_until as "until" from employees where email = ?',
    `${email}@qingyun.example`,
  );
const audited = async () => await h.sql.rows<{ n: number }>("select id from audit_log where action = 'org.leave'");

async function pickPerson(page: Page, email: string): Promise<void> {
  const section = page.locator('section.org-leave');
  await section.locator('#leave-search').fill(email);
  await section.locator('ul.people li').first().getByRole('button').click();
  await section.locator('form.leave-form').waitFor();
}

async function fillRange(page: Page, from: string, until: string, save: string): Promise<void> {
  const form = page.locator('form.leave-form');
  await form.locator('#leave-from').fill(from);
  await form.locator('#leave-until').fill(until);
  await form.getByRole('button', { name: save, exact: true }).click();
}

describe('mini-app: leave on the org page', () => {
  it('phone, zh-CN: a range ending before it starts is refused at its field; a good one is saved and listed', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/org`, 'Sharon Lin');
    const section = page.locator('section.org-leave');
    await section.locator('.on-leave, p.muted', { hasText: '目前没有人休假' }).waitFor();
    await pickPerson(page, 'zhang.wei');

    await fillRange(page, day(20), day(10), '保存休假');
    const error = section.locator('[data-field="leave-until"].invalid .ferr');
    await error.waitFor();
    expect(await error.innerText()).toBe('休假结束日期早于开始日期。未做任何更改。');
    expect(await section.locator('#leave-until').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-org-leave-error-phone.png`, fullPage: true });
    expect(await leaveOf('zhang.wei')).toMatchObject({ from: null, until: null });
    expect(await audited()).toHaveLength(0);

    await fillRange(page, day(10), day(20), '保存休假');
    const name = (await leaveOf('zhang.wei'))!.name;
    await section.locator('.notice.success', { hasText: `已保存 ${name} 的休假：${day(10)} – ${day(20)}。` }).waitFor();
    expect(await section.locator('.ferr').count()).toBe(0);
    const row = section.locator('ul.on-leave li');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().innerText()).toContain(name);
    expect(await row.first().locator('.leave-range').innerText()).toBe(`${day(10)} – ${day(20)}`);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-org-leave-saved-phone.png`, fullPage: true });
    expect(await leaveOf('zhang.wei')).toMatchObject({ from: day(10), until: day(20) });
    expect(await audited()).toHaveLength(1);
    await page.context().close();
  });

  it('desktop, en: the refusal in English changes nothing; clearing the leave takes the person off the list', async () => {
    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/hr/org`, 'Sharon Lin');
    await setLocaleOf(page, 'en');
    try {
      await page.reload();
      const section = page.locator('section.org-leave');
      const name = (await leaveOf('zhang.wei'))!.name;
      const row = section.locator('ul.on-leave li', { hasText: name });
      await row.waitFor();
      expect(await row.locator('.leave-range').innerText()).toBe(`${day(10)} – ${day(20)}`);

      // Chosen from the list: the form opens with the saved days.
      await row.getByRole('button', { name, exact: true }).click();
      const form = section.locator('form.leave-form');
      expect(await form.locator('#leave-from').inputValue()).toBe(day(10));
      expect(await form.locator('#leave-until').inputValue()).toBe(day(20));
      await fillRange(page, day(30), day(25), 'Save leave');
      const error = section.locator('[data-field="leave-until"].invalid .ferr');
      await error.waitFor();
      expect(await error.innerText()).toBe('The leave ends before it starts. Nothing was changed.');
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-org-leave-error-desktop.png`, fullPage: true });
      expect(await leaveOf('zhang.wei')).toMatchObject({ from: day(10), until: day(20) });

      await row.getByRole('button', { name: `Clear the leave of ${name}` }).click();
      await section.locator('.notice.success', { hasText: `Leave of ${name} cleared.` }).waitFor();
      await section.locator('p.muted', { hasText: 'No one is on leave.' }).waitFor();
      expect(await section.locator('ul.on-leave li').count()).toBe(0);
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-org-leave-cleared-desktop.png`, fullPage: true });
      expect(await leaveOf('zhang.wei')).toMatchObject({ from: null, until: null });
      expect(await audited()).toHaveLength(2);
    } finally {
      await setLocaleOf(page, 'zh-CN');
      await context.close();
    }
  });
});
