// A person's status page in headless Chromium (issue 25 §1): a second-level manager on a phone (zh-CN) finds
// Qing Ye on the team page and opens her page — the statement that anonymous answers are never part of it, both
// signals in words, the ratings, attendance and task charts drawn; her store head on a desktop (en) proposes the
// conversation a signal calls for and sees it planned; HR reaches the page from the org page; a peer gets the
// refusal alone. axe-core finds nothing on either size; screenshots in test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { statusHistory } from '../support/status-history.js';
import { auditedPage, axeFindings, DESKTOP, openAs, PHONE } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let ye = 0;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  ye = await statusHistory(h);
  // The cycle's close asked for the conversation already; without it the signal is what proposes it.
  await h.sql.run('delete from performance_talks where employee_id = ?', ye);
});

async function chartsDrawn(page: Page): Promise<void> {
  for (const id of ['status-ratings', 'status-attendance', 'status-tasks'])
    await page.locator(`#${id} figure.chart[data-state="ready"]`).waitFor();
}

describe('mini-app: a person’s status page', () => {
  it('a second-level manager on a phone (zh-CN) opens it from the team page: the statement, signals, charts', async () => {
    const page = await auditedPage(browser, PHONE);
    await openAs(page, `${h.url}/app/team`, '孙丽 Li Sun');
    await page.locator('#status-people-filter').fill('叶青');
    await page.locator('#status-people a', { hasText: '叶青 Qing Ye' }).click();
    await page.waitForURL((u) => u.pathname === `/app/people/${ye}`);
    await page.locator('h1', { hasText: '状态：叶青 Qing Ye' }).waitFor();
    expect(await page.locator('[data-anonymous-note]').innerText()).toBe(
      '匿名调查的回答和评论绝不会出现在此页面：它只来自评分、考勤、任务完成率、积分、培训和面谈。',
    );
    const signals = page.locator('#status-signals li[data-signal]');
    expect(await signals.count()).toBe(2);
    expect(await signals.first().innerText()).toContain(
      '工作态度连续两个周期下降（4.0 → 3.0 → 2.0），且迟到次数连续三周上升',
    );
    await chartsDrawn(page);
    expect(await axeFindings(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-person-status-phone-zh.png`, fullPage: true });
    await page.context().close();
  });

  it('the store head on a desktop (en) proposes the conversation; it shows as planned', async () => {
    const page = await auditedPage(browser, DESKTOP);
    await openAs(page, `${h.url}/app/people/${ye}`, 'Tom Harris');
    await page.locator('h1', { hasText: 'Status: 叶青 Qing Ye' }).waitFor();
    expect(await page.locator('[data-anonymous-note]').innerText()).toBe(
      'Anonymous survey answers and comments are never part of this page: it is built only from ratings, attendance, task completion, points, training and conversations.',
    );
    const late = page.locator('#status-signals li[data-signal="rating_and_late"]');
    expect(await late.innerText()).toContain(
      'Work attitude fell in two cycles in a row (4.0 → 3.0 → 2.0), and late arrivals rose three weeks running (1 → 2 → 3 → 4 late arrivals',
    );
    await chartsDrawn(page);
    expect(await axeFindings(page)).toEqual([]);
    await late.locator('button', { hasText: 'Propose a conversation' }).click();
    await page.locator('#status-signals .notice', { hasText: 'Conversation proposed to Tom Harris.' }).waitFor();
    // Both signals are about the same fall: after the reload each says the conversation is planned.
    await page.locator('#status-signals [data-talk="open"]').nth(1).waitFor();
    await page.locator('#status-talks li[data-talk-status="open"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-person-status-desktop-en.png`, fullPage: true });
    await page.context().close();
  });

  it('HR reaches it from the org page; a peer gets the refusal alone', async () => {
    const page = await auditedPage(browser, DESKTOP);
    await openAs(page, `${h.url}/app/hr/org`, '林晓雯 Sharon Lin');
    await page.locator('#status-people-filter').fill('Qing');
    await page.locator('#status-people a', { hasText: '叶青 Qing Ye' }).click();
    await page.locator('h1', { hasText: '状态：叶青 Qing Ye' }).waitFor();
    await page.context().close();

    const peer = await auditedPage(browser, PHONE);
    await openAs(peer, `${h.url}/app/people/${ye}`, '蒋涛 Tao Jiang');
    await peer.locator('.notice.forbidden', { hasText: '只有 HR 和此人的上级' }).waitFor();
    expect(await peer.locator('#status-signals').count()).toBe(0);
    // Someone with nobody below them has no list on their pages.
    await peer.goto(`${h.url}/app/team`);
    await peer.locator('h1').first().waitFor();
    expect(await peer.locator('#status-people').count()).toBe(0);
    await peer.context().close();
  });
});
