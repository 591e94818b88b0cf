// Where value comes from on HR's Tags & rewards page (issue 25 §2), headless Chromium, phone (zh-CN) and desktop
// (en): the points export's "unit × tag" view draws the points by unit and the table of points per tag with the
// value created, the same table the CSV/XLSX carries. Screenshots in test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import { actionOf, command, lastCard, press } from '../support/cards.js';
import type { Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { DESKTOP, openAs, phonePage, setLocaleOf } from './miniapp-support.js';
import { calendarDay } from '../../src/domain/surveys/calendar-day.js';

let h: Harness;
let browser: Browser;
const { id, tagId, latestRequest } = readsOf(() => h);

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  for (const [user, tag, amount, unit] of [
    ['zhang.wei', '成本控制', '¥100000', 'cny'],
    ['liu.yang', '流程优化', '12 hours', 'hours'],
  ] as const) {
    const who = await id(user);
    await command(h, who, 'claim');
    await press(h, who, actionOf(await lastCard(h, who), 'claim.submit'), {
      tag: String(await tagId(tag)),
      description: `${tag} ${amount}`,
      amount,
      unit,
    });
    const mgr = await id('li.ming');
    const request = await latestRequest();
    await press(h, mgr, actionOf(await lastCard(h, mgr, `approval:${request}`), 'approval.approve'));
  }
});

describe('mini-app: where value comes from', () => {
  it('HR on a phone (zh-CN) and a desktop (en): the chart and the unit × tag table with the value created', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/tags`, 'Sharon Lin');
    // The company's day (Asia/Shanghai), which may be a day ahead of the browser's.
    const today = calendarDay(new Date(), h.app.config.defaultTimezone);
    await page.locator('#points-to').fill(today);
    await page.locator('#points-view').selectOption('value');
    const table = page.locator('#value-sources table.value-sources');
    await table.waitFor();
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      '组织',
      '人数',
      '成本控制',
      '流程优化',
      '获得积分',
      '创造价值（元）',
      '节省工时',
    ]);
    const row = table.locator('tbody tr', { hasText: '产品研发部' });
    expect(await row.locator('td').nth(4).innerText()).toBe('100000');
    expect(await row.locator('td').nth(5).innerText()).toBe('12');
    await page.locator('#value-sources figure.chart[data-state="ready"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-value-sources-phone-zh.png`, fullPage: true });
    // The download offered is the same view.
    expect(await page.locator('#points-download a').first().getAttribute('href')).toContain('view=value');

    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(10_000);
    const desk = await context.newPage();
    await openAs(desk, `${h.url}/app/hr/tags`, 'Sharon Lin');
    await setLocaleOf(desk, 'en');
    await desk.reload();
    await desk.locator('#points-to').fill(today);
    await desk.locator('#points-view').selectOption('value');
    await desk.locator('#value-sources table.value-sources thead th', { hasText: 'Value created (¥)' }).waitFor();
    await desk.locator('#value-sources figure.chart[data-state="ready"]').waitFor();
    await desk.screenshot({ path: `${ARTIFACTS}/miniapp-value-sources-desktop-en.png`, fullPage: true });
  });
});
