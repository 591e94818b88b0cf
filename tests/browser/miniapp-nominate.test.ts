// Nominate a colleague in the mini-app (issue 24), in headless Chromium on a phone and a desktop, in Chinese and
// English: a self-nomination is refused at the colleague's field (nothing written), a nomination by e-mail lands
// on the request page and waits on the nominee's manager; the reader turns their own announcements off.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { DESKTOP, PHONE, auditedPage, axeFindings, openAs, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
});

const id = async (login: string) => (await h.employeeByEmail(`${login}@qingyun.example`))!.id;
const latest = async () =>
  Number((await h.sql.row<{ id: number | null }>('select max(id) as id from approval_requests'))!.id ?? 0);

describe('mini-app: nominate a colleague', () => {
  for (const [size, sizeName] of [
    [PHONE, 'phone'],
    [DESKTOP, 'desktop'],
  ] as const) {
    it(`refuses oneself at the field, nominates by e-mail, turns announcements off (${sizeName}, zh-CN and en)`, async () => {
      const page = await auditedPage(browser, size);
      await openAs(page, `${h.url}/app/claim`, 'Jun He');
      // The claim page leads to the nomination form.
      await page.getByRole('link', { name: '改为提名同事' }).click();
      await page.waitForURL((u) => u.pathname === '/app/nominate');
      await page.locator('#nominee').waitFor();
      expect(await axeFindings(page)).toEqual([]);

      const before = await latest();
      await page.locator('#nominee').fill('何俊');
      await page.locator('#tag').selectOption({ label: '跨部门支持 · 50' });
      await page.locator('#description').fill('帮财务部重做了报销导入脚本');
      await page.getByRole('button', { name: '提交提名' }).click();
      expect(await page.locator('#nominee-error').innerText()).toBe('不能提名自己。为自己的工作申请积分请用 /claim。');
      expect(await page.locator('#nominee').getAttribute('aria-invalid')).toBe('true');
      expect(await latest()).toBe(before);
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-nominate-${sizeName}-zh-refused.png`, fullPage: true });

      await page.locator('#nominee').fill('zhang.wei@qingyun.example');
      await page.getByRole('button', { name: '提交提名' }).click();
      await page.waitForURL(/\/app\/requests\/\d+/);
      const rid = await latest();
      expect(rid).toBe(before + 1);
      const row = (await h.sql.row<{ applicant_id: number; approvers: string }>(
        'select applicant_id, approvers from approval_requests where id = ?',
        rid,
      ))!;
      expect([Number(row.applicant_id), JSON.parse(row.approvers)]).toEqual([
        await id('zhang.wei'),
        [await id('li.ming')],
      ]);
      await page.locator('main', { hasText: '何俊 Jun He' }).waitFor();
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-nominate-${sizeName}-zh-request.png`, fullPage: true });

      // In English: the reader's own announcements, turned off and kept.
      await setLocaleOf(page, 'en');
      await page.goto(`${h.url}/app/nominate`);
      const announce = page.getByLabel('Announce my approved claims and nominations in the team channel');
      await announce.waitFor();
      expect(await page.locator('main').innerText()).toContain('No value tag is announced yet.');
      const on = await announce.isChecked();
      await announce.click();
      await page.locator('.notice', { hasText: 'Saved.' }).waitFor();
      await page.reload();
      await page.getByLabel('Announce my approved claims and nominations in the team channel').waitFor();
      expect(await page.getByLabel('Announce my approved claims and nominations in the team channel').isChecked()).toBe(
        !on,
      );
      expect(await axeFindings(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-nominate-${sizeName}-en.png`, fullPage: true });
      await setLocaleOf(page, 'zh-CN');
      await page.context().close();
    });
  }

  for (const [size, sizeName] of [
    [PHONE, 'phone'],
    [DESKTOP, 'desktop'],
  ] as const) {
    it(`HR ticks the announced tags and sets a channel on the settings page (${sizeName}, zh-CN)`, async () => {
      const page = await auditedPage(browser, size);
      await openAs(page, `${h.url}/app/hr/settings`, 'Sharon Lin');
      const form = page.locator('form#recognition');
      await form.waitFor();
      await form.getByLabel('跨部门支持').check();
      await form.locator('#rec-slack-chat').fill(`CRECOGNITION${sizeName.toUpperCase()}`);
      await form.locator('#rec-slack-locale').selectOption('en');
      await form.getByRole('button', { name: '保存' }).click();
      await form.locator('.notice', { hasText: '表彰播报设置已保存。' }).waitFor();
      const saved = JSON.parse(
        (await h.sql.row<{ value: string }>("select value from settings where key = 'points.recognition'"))!.value,
      ) as { channels: unknown[]; tags: { tagId: number }[] };
      expect(saved.channels).toEqual([
        { platform: 'slack', chatId: `CRECOGNITION${sizeName.toUpperCase()}`, locale: 'en' },
      ]);
      const tag = (await h.sql.row<{ id: number }>("select id from value_tags where name_zh = '跨部门支持'"))!.id;
      expect(saved.tags).toEqual([{ tagId: tag }]);
      expect(await axeFindings(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-recognition-settings-${sizeName}-zh.png`, fullPage: true });
      await page.context().close();
    });
  }
});
