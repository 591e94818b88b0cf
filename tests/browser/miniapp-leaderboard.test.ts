// The leaderboard page (issue 24) in headless Chromium, on a phone and a desktop, in Chinese and English:
// this calendar month of the reader's own unit by default, the reader's row marked, other periods one tap
// away, HR choosing any unit. With it, the two other points screens of the issue: "you are N points short" on
// a reward not yet affordable, and HR's claim caps on the settings page (a cap of zero refused at its field).
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { periodLabel } from '../../src/domain/points/periods.js';
import { DESKTOP, PHONE, auditedPage, axeFindings, openAs, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;

const id = async (login: string) => (await h.employeeByEmail(`${login}@qingyun.example`))!.id;
const grant = async (login: string, points: number, at: Date) =>
  await h.sql.run(
    "insert into ledger_entries (employee_id, kind, points, source, note, at) values (?, 'award', ?, 'test', null, ?)",
    await id(login),
    points,
    at.toISOString(),
  );

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  // This month: Wei Zhang 120, Yang Liu 80 (both in 产品研发部); Jing Chen's 500 were earned long ago.
  await grant('zhang.wei', 120, new Date());
  await grant('liu.yang', 80, new Date());
  await grant('chen.jing', 500, new Date('2025-06-15T02:00:00Z'));
});

async function pageOf(size: typeof PHONE | typeof DESKTOP): Promise<Page> {
  const context = await browser.newContext(size);
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

const rowsOf = async (page: Page) =>
  (await page.locator('#leaderboard table.leaderboard tbody tr').allInnerTexts()).map((r) =>
    r.replace(/\s+/g, ' ').trim(),
  );

describe('mini-app: leaderboard by calendar period', () => {
  const month = () => periodLabel(new Date(), 'month', h.app.config.defaultTimezone);

  for (const [size, sizeName] of [
    [PHONE, 'phone'],
    [DESKTOP, 'desktop'],
  ] as const) {
    it(`an employee sees this month of their own unit, their row marked; all time adds older points (${sizeName}, zh-CN and en)`, async () => {
      const page = await auditedPage(browser, size);
      await openAs(page, `${h.url}/app/leaderboard`, 'Wei Zhang');
      const board = page.locator('#leaderboard');
      await board.locator('figure.chart[data-state="ready"]').waitFor();
      // WCAG 2.1 A/AA as the other pages (axe-core): nothing found.
      expect(await axeFindings(page)).toEqual([]);
      expect(await board.locator('h2').innerText()).toBe(`产品研发部 · 本月（${month()}）`);
      expect(await rowsOf(page)).toEqual(['1 张伟 Wei Zhang (我) 120', '2 刘洋 Yang Liu 80']);
      // An employee has one board: no unit to choose.
      expect(await board.locator('select').count()).toBe(0);
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-leaderboard-${sizeName}-zh.png`, fullPage: true });

      await page.getByRole('button', { name: '全部' }).click();
      await board.locator('h2', { hasText: '全部' }).waitFor();
      expect((await rowsOf(page))[0]).toBe('1 陈静 Jing Chen 500');

      // The same page in English.
      await setLocaleOf(page, 'en');
      await page.reload();
      await board.locator('h2', { hasText: `this month (${month()})` }).waitFor();
      expect(await page.getByRole('button', { name: 'This quarter' }).count()).toBe(1);
      expect((await rowsOf(page))[0]).toBe('1 张伟 Wei Zhang (you) 120');
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-leaderboard-${sizeName}-en.png`, fullPage: true });
      await setLocaleOf(page, 'zh-CN');
      await page.context().close();
    });
  }

  it('HR opens any unit: the whole company by default, a store or a department from the list', async () => {
    const page = await pageOf(DESKTOP);
    await openAs(page, `${h.url}/app/leaderboard`, 'Sharon Lin');
    const board = page.locator('#leaderboard');
    await board.locator('h2', { hasText: '本月' }).waitFor();
    const select = board.locator('select');
    const options = await select.locator('option').allInnerTexts();
    expect(options.length).toBeGreaterThan(5);
    await select.selectOption({ label: options.find((o) => o.endsWith('/产品研发部'))! });
    await board.locator('h2', { hasText: '产品研发部' }).waitFor();
    expect(await rowsOf(page)).toEqual(['1 张伟 Wei Zhang 120', '2 刘洋 Yang Liu 80']);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-leaderboard-hr-desktop-zh.png`, fullPage: true });
    await page.context().close();
  });

  it('rewards say how many points short the reader is; HR sets claim caps, a zero refused at its field', async () => {
    const page = await pageOf(PHONE);
    await openAs(page, `${h.url}/app/rewards`, 'Wei Zhang');
    const balance = Number(
      (await h.sql.row<{ p: number }>(
        'select sum(points) as p from ledger_entries where employee_id = ?',
        await id('zhang.wei'),
      ))!.p,
    );
    const cash = page.locator('li', { hasText: '现金奖励 ¥500' });
    await cash
      .locator('[data-short]')
      .getByText(`还差 ${500 - balance} 积分`)
      .waitFor();
    expect(await cash.getByRole('button').isDisabled()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-rewards-short-phone-zh.png`, fullPage: true });
    await page.context().close();

    const hr = await pageOf(PHONE);
    await openAs(hr, `${h.url}/app/hr/settings`, 'Sharon Lin');
    const caps = hr.locator('#point-caps');
    await caps.locator('#cap-person-day').fill('0');
    await caps.getByRole('button', { name: '保存' }).click();
    await caps.getByText('上限至少为 1。不设上限请留空。').waitFor();
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'settings.point_caps'")).toMatchObject({
      n: 0,
    });
    await caps.locator('#cap-person-day').fill('3');
    await caps.getByRole('button', { name: '为某个标签设上限' }).click();
    await caps.locator('#cap-tag-0-month').fill('5');
    await caps.getByRole('button', { name: '保存' }).click();
    await caps.getByText('上限已保存。').waitFor();
    const stored = await h.sql.row<{ value: string }>("select value from settings where key = 'points.caps'");
    expect(JSON.parse(stored!.value)).toMatchObject({
      person: { day: 3, month: null },
      tags: [{ day: null, month: 5 }],
    });
    await caps.screenshot({ path: `${ARTIFACTS}/miniapp-point-caps-phone-zh.png` });
    await hr.context().close();
  });
});
