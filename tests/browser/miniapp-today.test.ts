// The "today" attendance page in headless Chromium (issue 25 §1), phone and desktop, zh-CN and en: the store
// head opens it from their desk and sees their store (late with minutes, not clocked in, on leave, no record)
// and no HR tools; HR picks the store in English, a CSV with a bad line is refused with the line named and nothing
// changes, a good one shows at once; an employee gets the forbidden message and no names. Screenshots in
// test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { importAttendanceCsv } from '../../src/domain/attendance/attendance-csv.js';
import { companyTimeZone } from '../../src/domain/points/submit-claim.js';
import { calendarDay } from '../../src/domain/surveys/calendar-day.js';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { DESKTOP, openAs, phonePage, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let today: string;
let xuhui: number;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  today = calendarDay(new Date(), await companyTimeZone(h.app.db, h.app.config.defaultTimezone));
  xuhui = Number(((await h.sql.row("select id from org_units where name = '上海徐汇店'")) as { id: number }).id);
  const r = await importAttendanceCsv(
    h.app.db,
    [
      'employee,day,status,late_minutes',
      `guo.na@qingyun.example,${today},late,14`,
      `song.tao@qingyun.example,${today},on_time,`,
      `tang.li@qingyun.example,${today},not_clocked_in,`,
      `liu.qiang@qingyun.example,${today},on_leave,`,
    ].join('\n'),
    { kind: 'system' },
    { now: new Date(), today },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
});

describe('mini-app: today’s attendance', () => {
  it('the store head on a phone (zh-CN): their store, late with minutes, not clocked in, on leave; no HR tools', async () => {
    const page = await phonePage(browser);
    // From the desk's link (a head's desk offers it).
    await openAs(page, `${h.url}/app/`, 'Qiang Liu');
    await page.getByRole('link', { name: '今日考勤' }).click();
    await page.waitForURL((u) => u.pathname === '/app/today');
    await page.getByRole('heading', { name: '今日考勤', level: 1 }).waitFor();
    // The heading comes before the day's data (one request fills the picker, the summary and the lists).
    await page.locator('[data-summary]').waitFor();
    expect(await page.locator('select[data-filter="unit"] option').allInnerTexts()).toEqual([
      expect.stringContaining('上海徐汇店'),
    ]);
    expect(await page.locator('[data-summary]').innerText()).toBe(`${today} · 6 人中 1 人准时`);
    expect(await page.locator('[data-group="late"] li').allInnerTexts()).toEqual(['郭娜 Na Guo · 14 分钟']);
    expect(await page.locator('[data-group="not-clocked-in"] li').allInnerTexts()).toEqual(['唐莉 Li Tang']);
    expect(await page.locator('[data-group="on-leave"] li').allInnerTexts()).toEqual(['刘强 Qiang Liu']);
    expect(await page.locator('[data-group="no-record"] li').count()).toBe(2);
    expect(await page.locator('#attendance-import').count()).toBe(0);
    expect(await page.locator('#attendance-sync').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-today-phone-zh.png`, fullPage: true });
    await page.context().close();
  });

  it('HR on a desktop (en): picks the store; a bad CSV line is named and nothing changes; a good import shows', async () => {
    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/today`, 'Sharon Lin');
    await setLocaleOf(page, 'en');
    await page.goto(`${h.url}/app/today?unit=${xuhui}`);
    await page.getByRole('heading', { name: 'Today’s attendance', level: 1 }).waitFor();
    await page.locator('[data-summary]').waitFor();
    expect(await page.locator('[data-group="late"] li').allInnerTexts()).toEqual(['郭娜 Na Guo · 14 min']);
    await page.locator('#attendance-sync').getByText('No platform with attendance is connected').waitFor();

    const before = await h.sql.rows('select person_id, day, status from attendance_days order by person_id');
    await page
      .locator('#attendance-csv')
      .fill(
        `employee,day,status,late_minutes\nhan.bing@qingyun.example,${today},late,25\nnobody@qingyun.example,${today},late,3\n`,
      );
    await page.getByRole('button', { name: 'Import' }).click();
    await page.locator('[data-list="csv-problems"] li').first().waitFor();
    expect(await page.locator('[data-list="csv-problems"] li').allInnerTexts()).toEqual([
      'Line 3: nobody here is “nobody@qingyun.example”.',
    ]);
    expect(await h.sql.rows('select person_id, day, status from attendance_days order by person_id')).toEqual(before);

    await page
      .locator('#attendance-csv')
      .fill(`employee,day,status,late_minutes\nhan.bing@qingyun.example,${today},late,25\n`);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported 1 day(s) for 1 person(s).').waitFor();
    await expect
      .poll(() => page.locator('[data-group="late"] li').allInnerTexts())
      .toEqual(['韩冰 Bing Han · 25 min', '郭娜 Na Guo · 14 min']);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-today-desktop-en.png`, fullPage: true });
    await context.close();
  });

  it('an employee gets the forbidden message and no names', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/today`, 'Na Guo');
    await page.locator('.notice.forbidden').waitFor();
    expect(await page.locator('.notice.forbidden').innerText()).toContain('只有部门负责人');
    expect(await page.locator('main').innerText()).not.toContain('唐莉');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-today-forbidden-phone-zh.png`, fullPage: true });
    await page.context().close();
  });
});
