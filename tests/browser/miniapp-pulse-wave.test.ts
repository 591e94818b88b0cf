// HR's wave page in the mini-app (issue 16 item 10), in headless Chromium at phone AND desktop size: the
// launch confirmation states the planned reminders and links to the wave; the page shows the state,
// participation overall and by unit (counts only), reminds the people who have not answered once (a second
// press the same day is refused, saying when it is possible again), and closes the wave after a confirmation.
// Sharon Lin reads zh-CN.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { firstAnswer, openAs, PHONE } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'en-US' } as const;

/** The first two people of the wave answer, as they would from chat or the app. */
async function twoAnswer(waveId: number): Promise<void> {
  await firstAnswer(h, waveId, 2, (i) => (i.kind === 'enps' ? '8' : '4'));
}

const reminderRows = async (waveId: number) =>
  (await h.outbox()).filter((r) => r.cardKey === `survey:${waveId}` && r.message.includes('温馨提醒')).length;

describe.each([
  ['phone', PHONE, '青云科技/门店/上海徐汇店', '上海徐汇店'],
  ['desktop', DESKTOP, '青云科技/门店/杭州西湖店', '杭州西湖店'],
] as const)('mini-app: the wave page (%s)', (size, contextOptions, unitPath, unitName) => {
  it('launch states the reminders; the page shows state and unit counts, reminds once a day, and closes', async () => {
    const context = await browser.newContext(contextOptions);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/hr`, 'Sharon Lin');

    await page.locator('#audienceUnitId').selectOption({ label: unitPath });
    await page.locator('#days').fill('2');
    await page.getByRole('button', { name: '发起', exact: true }).click();
    const notice = page.locator('.notice.success', { hasText: '共邀请 6 人' });
    await notice.locator('.launch-reminders', { hasText: '届时仍未作答的人会在以下时间收到提醒' }).waitFor();
    const waveId = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    await twoAnswer(waveId);

    // From the list: the wave's state, and its page.
    const item = page.locator(`ul.waves li[data-wave="${waveId}"][data-state="open"]`);
    await item.locator('.badge', { hasText: '进行中' }).waitFor();
    await item.getByRole('link', { name: `#${waveId} 团队活力脉搏` }).click();
    await page.waitForURL((u) => u.pathname === `/app/hr/waves/${waveId}`);

    const status = page.locator('.wave-status[data-state="open"]');
    await status.locator('.badge', { hasText: '进行中' }).waitFor();
    await status.getByText('6 人中 2 人已作答').waitFor();
    await status.getByText('调研进行中只显示参与情况').waitFor();
    const unit = page.locator(`.wave-units li[data-unit="${unitName}"]`);
    await unit.getByText('6 人中 2 人已作答').waitFor();
    await page.locator('.wave-units li[data-unit="青云科技"]').getByText('6 人中 2 人已作答').waitFor();
    await page.locator('.wave-reminders li').nth(1).waitFor();
    // Nothing wider than the screen.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-pulse-wave-${size}.png`, fullPage: true });

    // Remind now: the four who have not answered.
    await page.getByRole('button', { name: '立即提醒未作答的人' }).click();
    await page.locator('.notice.success', { hasText: '已提醒 4 位尚未作答的人。' }).waitFor();
    expect(await reminderRows(waveId)).toBe(4);
    await page.locator('.wave-reminders', { hasText: '今天已手动提醒过' }).waitFor();
    // A second press the same day: refused, saying when it is possible again; nothing sent.
    await page.getByRole('button', { name: '立即提醒未作答的人' }).click();
    await page.locator('.notice.error', { hasText: '今天已经手动提醒过了' }).waitFor();
    expect(await reminderRows(waveId)).toBe(4);

    // Close now, after a confirmation.
    await page.getByRole('button', { name: '立即结束并发布结果' }).click();
    await page.getByRole('button', { name: '结束并发布' }).click();
    await page.locator('.notice.success', { hasText: `第 ${waveId} 轮已结束，结果已发布。` }).waitFor();
    await page.locator('.wave-status[data-state="published"] .badge', { hasText: '已结束，结果已发布' }).waitFor();
    expect(await page.getByRole('button', { name: '立即提醒未作答的人' }).count()).toBe(0);
    expect(await h.sql.row('select closed_at is not null as closed from survey_waves where id = ?', waveId)).toEqual({
      closed: 1,
    });
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action in ('survey.remind', 'survey.close') and subject = ?",
        String(waveId),
      ),
    ).toEqual({ n: 2 });
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-pulse-wave-${size}-closed.png`, fullPage: true });
    await context.close();
  });
});
