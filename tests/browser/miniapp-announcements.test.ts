// Announcements in the mini-app (issue 25 §3), headless Chromium: on a desktop in zh-CN HR sends a notice to a
// store (an empty form is refused at its field first) and sees it listed with its read count; on a phone in
// English a member of the store reads it in English and acknowledges it; back on the desktop HR sees who has
// and has not read it and reminds the others once (the button then goes); on a phone in English the store's
// head can address only their own store. Screenshots of each step go to test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { DESKTOP, openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

const count = async (sql: string, ...args: unknown[]) => Number((await h.sql.row<{ n: number }>(sql, ...args))!.n);

describe('mini-app: announcements', () => {
  let annId = 0;

  it('desktop, zh-CN: HR sends a notice to a store; an empty form is refused at its field first', async () => {
    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/announcements`, 'Sharon Lin');
    const form = page.locator('form#announce-form');
    await form.waitFor();
    await form.getByRole('button', { name: '发送', exact: true }).click();
    await form.locator('[data-field="annTitleZh"] .ferr', { hasText: '请填写标题和正文' }).waitFor();
    expect(await count('select count(*) as n from announcements')).toBe(0);

    const store = (await h.sql.row<{ id: number }>("select id from org_units where name = '深圳南山店'"))!.id;
    await form.locator('#annUnit').selectOption(String(store));
    await form.locator('#annTitleZh').fill('排班调整');
    await form.locator('#annBodyZh').fill('下周起早班提前半小时，请留意。');
    await form.locator('#annTitleEn').fill('Shift change');
    await form.locator('#annBodyEn').fill('From next week the early shift starts 30 minutes earlier.');
    await form.getByRole('button', { name: '发送', exact: true }).click();
    await form.locator('.notice.success', { hasText: '已发送给 6 人。' }).waitFor();
    annId = await count('select max(id) as n from announcements');
    const sent = page.locator(`#sent li[data-sent="${annId}"]`);
    await sent.locator('.badge', { hasText: '已读 0 / 6' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-announcements-sent-desktop-zh.png`, fullPage: true });
    await context.close();
  });

  it('phone, en: a member reads it in English and acknowledges it once', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/announcements`, 'Sophia Lee');
    const notice = page.locator(`#my-notices li[data-notice="${annId}"]`);
    await notice.waitFor();
    expect(await notice.locator('strong').first().innerText()).toBe('Shift change');
    await notice.getByText('From next week the early shift starts 30 minutes earlier.').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-announcements-notice-phone-en.png`, fullPage: true });
    await notice.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator(`#my-notices li[data-notice="${annId}"][data-read="yes"]`).waitFor();
    await notice.getByText(/^Acknowledged /).waitFor();
    expect(await notice.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    // Composing is for HR and unit heads only: she sees no form.
    expect(await page.locator('form#announce-form').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-announcements-acknowledged-phone-en.png`, fullPage: true });
    expect(
      await count(
        "select count(*) as n from announcement_receipts r join employees e on e.id = r.person_id where r.announcement_id = ? and e.email = 'sophia.lee@qingyun.example' and r.read_at is not null",
        annId,
      ),
    ).toBe(1);
    await page.context().close();
  });

  it('desktop, zh-CN: HR sees who has not read it and reminds them once', async () => {
    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/announcements`, 'Sharon Lin');
    const sent = page.locator(`#sent li[data-sent="${annId}"]`);
    await sent.locator('.badge', { hasText: '已读 1 / 6' }).waitFor();
    await sent.getByRole('button', { name: '查看已读情况' }).click();
    const unread = sent.locator('[data-unread]');
    await unread.getByText('未读（5）').waitFor();
    expect(await unread.innerText()).toContain('叶青 Qing Ye');
    expect(await sent.locator('[data-read]').innerText()).toContain('Sophia Lee');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-announcements-names-desktop-zh.png`, fullPage: true });
    await sent.getByRole('button', { name: '提醒一次' }).click();
    await sent.locator('.notice.success', { hasText: '已提醒 5 人。' }).waitFor();
    await sent.getByText(/^已于 .+ 提醒过，不能再次提醒。$/).waitFor();
    expect(await sent.getByRole('button', { name: '提醒一次' }).count()).toBe(0);
    expect(await count("select count(*) as n from audit_log where action = 'announce.remind'")).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-announcements-reminded-desktop-zh.png`, fullPage: true });
    await context.close();
  });

  it('phone, en: a store head may address only their own store', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/announcements`, 'Tom Harris');
    const form = page.locator('form#announce-form');
    await form.waitFor();
    expect(await form.locator('#annUnit option').allInnerTexts()).toEqual(['青云科技/门店/深圳南山店']);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-announcements-compose-phone-en.png`, fullPage: true });
    await page.context().close();
  });
});
