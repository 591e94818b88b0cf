// Issue 19 item 5 in headless Chromium: the mini-app at each size. A desktop (1440×900) gets a sidebar with
// every entry visible, approvals as list and detail with tabs and counts, and the audit log as a table that
// pages through 126 entries; a phone (390×844) keeps the column with a compact header (the name and sign-out
// in a menu, nothing wrapped mid-word) and a bottom tab bar. Screenshots of home, survey, approvals, HR report
// and audit log at both sizes go to test-artifacts/screenshots/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getTemplate } from '../../src/domain/surveys/templates.js';
import { getWave } from '../../src/domain/surveys/waves.js';
import { launchBrowser } from '../support/browser.js';
import { command } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { call, sandboxSession } from '../web/client.js';
import { answerAs, closeWaveNow, openAs } from './miniapp-support.js';
import { boxesOverlap, clippedWithoutEllipsis, lineCount, SHOTS } from './layout-support.js';

let h: Harness;
let browser: Browser;
let closedWave: number;
let openWave: number;
/** The newest audit row once the 126 report views exist: pins a listing to exactly those. */
let until126: number;
const claims: number[] = [];
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const DESKTOP = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' } as const;
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN' } as const;
const HR = '林晓雯 Sharon Lin';
const MANAGER = '李明 Ming Li';

async function pageAt(size: typeof DESKTOP | typeof PHONE): Promise<Page> {
  const context = await browser.newContext(size);
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

const latestWave = async () => ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
  browser = await launchBrowser();
  // A closed wave with results (everyone but HR answered), then an open one HR has still to answer.
  await command(h, await id('lin.xiaowen'), 'survey', 'launch all');
  closedWave = await latestWave();
  const template = (await getTemplate(h.app.db, (await getWave(h.app.db, closedWave))!.templateId))!;
  const people = (await h.sql.rows(
    'select employee_id as id from survey_participation where wave_id = ? order by employee_id',
    closedWave,
  )) as { id: number }[];
  for (const [i, p] of people.entries()) {
    if (p.id !== (await id('lin.xiaowen')))
      await answerAs(
        h,
        closedWave,
        p.id,
        Object.fromEntries(
          template.items.map((it) => [`i${it.id}`, String(it.kind === 'enps' ? 6 + (i % 5) : 2 + (i % 4))]),
        ),
      );
  }
  await closeWaveNow(h, closedWave);
  await command(h, await id('lin.xiaowen'), 'survey', 'launch all');
  openWave = await latestWave();
  // Three claims waiting on Ming Li (Wei Zhang's manager).
  for (const what of ['Shorter stand-ups', 'Fixed the build cache', 'Trained two new engineers']) {
    await sandboxClient(h).send(await id('zhang.wei'), `/claim 流程优化 ; ${what}`);
    claims.push(((await h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id);
  }
  // 126 views of the report in the audit log, each "林晓雯 查看了 … 的报告".
  const hr = await sandboxSession(h, await id('lin.xiaowen'));
  const views = async () =>
    ((await h.sql.row("select count(*) as n from audit_log where action = 'survey.report.view'")) as { n: number }).n;
  while ((await views()) < 126)
    expect((await call(h, 'GET', `/api/hr/report?waveId=${closedWave}`, { session: hr })).status).toBe(200);
  until126 = ((await h.sql.row('select max(id) as id from audit_log')) as { id: number }).id;
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** Nothing of the header wraps: the brand and each control of the account menu on one line. */
async function expectHeaderOnOneLine(page: Page) {
  for (const sel of ['header.top .brand', 'header.top .who', 'header.top .account-menu button']) {
    for (const el of await page.locator(sel).all()) {
      if (!(await el.isVisible())) continue;
      expect(await el.evaluate(lineCount), sel).toBe(1);
    }
  }
}

describe('desktop, 1440 × 900', () => {
  it('sidebar with every entry visible, list/detail approvals, the audit log paged, reports at full width', async () => {
    const page = await pageAt(DESKTOP);
    await openAs(page, `${h.url}/app/`, HR);
    const sidebar = page.locator('nav.sidebar');
    await sidebar.waitFor();
    expect(await page.locator('nav.tabbar').isVisible()).toBe(false);
    expect(await page.locator('.account-button').isVisible()).toBe(false);
    // HR and a department head: every entry, none cut or below the window.
    const links = await sidebar.locator('a').all();
    expect(links.length).toBeGreaterThanOrEqual(18);
    const side = (await sidebar.boundingBox())!;
    for (const a of links) {
      const b = (await a.boundingBox())!;
      const name = await a.innerText();
      expect(b.y + b.height, name).toBeLessThanOrEqual(Math.min(side.y + side.height, DESKTOP.viewport.height) + 0.5);
      expect(b.x + b.width, name).toBeLessThanOrEqual(side.x + side.width + 0.5);
      expect(await a.evaluate((e) => e.scrollWidth <= e.clientWidth), name).toBe(true);
    }
    expect(await sidebar.evaluate((e) => e.scrollHeight <= e.clientHeight)).toBe(true);
    await expectHeaderOnOneLine(page);
    // The page uses the width beside the sidebar, not a 720 px column.
    expect((await page.locator('main.page').boundingBox())!.width).toBeGreaterThan(1000);
    await page.locator('#points').waitFor();
    await page.screenshot({ path: `${SHOTS}/desktop-home.png`, fullPage: true });

    await page.goto(`${h.url}/app/survey/${openWave}`);
    await page.locator('fieldset.question').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/desktop-survey.png`, fullPage: true });

    // The audit log: 126 report views, 50 a page, next and previous, no row twice. Pinned to those 126 (as on the
    // phone): HR's home, the desk, shows the last wave's results, and that view is audited too.
    await page.goto(`${h.url}/app/hr/audit?action=survey.report.view&until=${until126}`);
    const range = page.locator('[data-pager="top"] .range');
    await expect.poll(() => range.innerText()).toBe('第 1–50 条，共 126 条');
    const rows = page.locator('table.audit tbody tr');
    expect(await rows.count()).toBe(50);
    expect(await rows.first().locator('.actor').innerText()).toBe(HR);
    expect(await rows.first().locator('.audit-summary').innerText()).toBe(
      `查看了第 ${closedWave} 期调查的报告 · 青云科技`,
    );
    expect(await page.locator('table.audit thead').isVisible()).toBe(true);
    const seen = new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id'))));
    const next = page.locator('[data-pager="top"]').getByRole('button', { name: '下一页' });
    const previous = page.locator('[data-pager="top"]').getByRole('button', { name: '上一页' });
    expect(await previous.isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/desktop-audit.png`, fullPage: true });
    for (const [text, n] of [
      ['第 51–100 条，共 126 条', 50],
      ['第 101–126 条，共 126 条', 26],
    ] as const) {
      await next.click();
      await expect.poll(() => range.innerText()).toBe(text);
      expect(await rows.count()).toBe(n);
      for (const rid of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')))) {
        expect(seen.has(rid)).toBe(false);
        seen.add(rid);
      }
    }
    expect(seen.size).toBe(126);
    expect(await next.isDisabled()).toBe(true);
    await previous.click();
    await expect.poll(() => range.innerText()).toBe('第 51–100 条，共 126 条');
    // The URL holds the page: a reload stays on it.
    await page.reload();
    await expect.poll(() => range.innerText()).toBe('第 51–100 条，共 126 条');

    await page.goto(`${h.url}/app/hr/report?wave=${closedWave}`);
    await page.locator('.pulse[data-status="closed"]').waitFor();
    expect((await page.locator('.pulse').boundingBox())!.width).toBeGreaterThan(1000);
    await page.screenshot({ path: `${SHOTS}/desktop-hr-report.png`, fullPage: true });
    await page.context().close();

    // Approvals as a manager: tabs with counts, the list beside the chosen request; deciding moves on.
    const mgr = await pageAt(DESKTOP);
    await openAs(mgr, `${h.url}/app/approvals`, MANAGER);
    const waitingTab = mgr.locator('.subtabs a[data-tab="waiting"]');
    await waitingTab.locator('.count[data-count="3"]').waitFor();
    expect(await mgr.locator('.subtabs a').allInnerTexts()).toEqual([
      '待我处理\n3',
      expect.stringMatching(/^我已处理\n\d+$/),
      expect.stringMatching(/^我发起的\n\d+$/),
    ]);
    const items = mgr.locator('.req-list a');
    expect(await items.evaluateAll((as) => as.map((a) => Number(a.getAttribute('data-request-item'))))).toEqual(
      [...claims].reverse(),
    );
    // The newest is shown; choosing another shows it beside the list.
    await mgr.locator(`.detail article.request[data-request="${claims[2]}"]`).waitFor();
    await mgr.locator(`.req-list a[data-request-item="${claims[0]}"]`).click();
    const detail = mgr.locator(`.detail article.request[data-request="${claims[0]}"]`);
    await detail.waitFor();
    const [list, card] = [(await mgr.locator('.req-list').boundingBox())!, (await detail.boundingBox())!];
    expect(card.x).toBeGreaterThanOrEqual(list.x + list.width);
    await mgr.screenshot({ path: `${SHOTS}/desktop-approvals.png`, fullPage: true });
    await detail.getByRole('button', { name: '同意', exact: true }).click();
    await waitingTab.locator('.count[data-count="2"]').waitFor();
    // Adjusting points as in chat: out of the tag's range is refused at the field; within it, with a reason, approves.
    const tag = (await h.sql.row(
      "select min_points as min, max_points as max from value_tags where name_zh = '流程优化'",
    )) as { min: number; max: number };
    await mgr.locator(`.req-list a[data-request-item="${claims[2]}"]`).click();
    const adjusting = mgr.locator(`.detail article.request[data-request="${claims[2]}"]`);
    await adjusting.getByRole('button', { name: '调整积分…' }).click();
    await adjusting.locator(`#points-${claims[2]}`).fill(String(tag.max + 1));
    await adjusting.locator(`#adjust-reason-${claims[2]}`).fill('Two of the three were planned anyway');
    await adjusting.getByRole('button', { name: '按调整后的积分同意' }).click();
    await adjusting.locator(`[data-field="points-${claims[2]}"] .ferr`).waitFor();
    await adjusting.locator(`#points-${claims[2]}`).fill(String(tag.min));
    await adjusting.getByRole('button', { name: '按调整后的积分同意' }).click();
    await waitingTab.locator('.count[data-count="1"]').waitFor();
    expect(
      JSON.parse(
        ((await h.sql.row('select payload from approval_requests where id = ?', claims[2])) as { payload: string })
          .payload,
      ),
    ).toMatchObject({ points: tag.min, adjustment: { reason: 'Two of the three were planned anyway' } });
    await mgr.locator('.subtabs a[data-tab="done"]').click();
    await mgr.locator(`.req-list a[data-request-item="${claims[0]}"]`).waitFor();
    await mgr.context().close();
  });
});

describe('phone, 390 × 844', () => {
  it('compact header with the account menu, bottom tab bar, every page in one column', async () => {
    const page = await pageAt(PHONE);
    await openAs(page, `${h.url}/app/`, HR);
    const bar = page.locator('nav.tabbar');
    await bar.waitFor();
    expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
    expect(await bar.locator('a').allInnerTexts()).toEqual(['首页', '审批', '我的', '管理']);
    const barBox = (await bar.boundingBox())!;
    expect(barBox.y + barBox.height).toBeCloseTo(PHONE.viewport.height, 0);
    const tabBoxes = await Promise.all((await bar.locator('a').all()).map(async (a) => (await a.boundingBox())!));
    expect(boxesOverlap(tabBoxes)).toEqual([]);
    // The header: the brand and one button; the name and sign-out only in its menu.
    const header = page.locator('header.top');
    expect(await header.locator('.who').isVisible()).toBe(false);
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
    await expectHeaderOnOneLine(page);
    await header.getByRole('button', { name: `账户：${HR}` }).click();
    await header.locator('.who', { hasText: HR }).waitFor();
    await header.getByRole('button', { name: '退出登录' }).waitFor();
    await expectHeaderOnOneLine(page);
    await page.keyboard.press('Escape');
    await header.locator('.who').waitFor({ state: 'hidden' });
    await page.locator('#points').waitFor();
    await page.screenshot({ path: `${SHOTS}/phone-home.png`, fullPage: true });

    // "管理" holds every team and HR page; the audit log from there.
    await bar.getByRole('link', { name: '管理' }).click();
    await page.waitForURL((u) => u.pathname === '/app/manage');
    expect(await bar.locator('a[aria-current="page"]').innerText()).toBe('管理');
    await page.locator('[data-group="hr"]').getByRole('link', { name: '审计日志' }).click();
    await page.waitForURL((u) => u.pathname === '/app/hr/audit');
    expect(await bar.locator('a[aria-current="page"]').innerText()).toBe('管理');
    await page.goto(`${h.url}/app/hr/audit?action=survey.report.view&until=${until126}`);
    const range = page.locator('[data-pager="top"] .range');
    await expect.poll(() => range.innerText()).toBe('第 1–50 条，共 126 条');
    await page.locator('[data-pager="top"]').getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => range.innerText()).toBe('第 51–100 条，共 126 条');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // The first screen (the whole page is 50 entries long).
    await page.screenshot({ path: `${SHOTS}/phone-audit.png` });

    await page.goto(`${h.url}/app/survey/${openWave}`);
    await page.locator('fieldset.question').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/phone-survey.png`, fullPage: true });

    await page.goto(`${h.url}/app/hr/report?wave=${closedWave}`);
    await page.locator('.pulse[data-status="closed"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/phone-hr-report.png`, fullPage: true });
    await page.context().close();

    // Approvals on a phone: the tabs and the cards in one column, decided in place.
    const mgr = await pageAt(PHONE);
    await openAs(mgr, `${h.url}/app/approvals`, MANAGER);
    await mgr.locator('.subtabs a[data-tab="waiting"] .count').waitFor();
    expect(await mgr.locator('.req-list').count()).toBe(0);
    await mgr.locator(`article.request[data-request="${claims[1]}"]`).waitFor();
    expect(await mgr.locator('nav.tabbar a[aria-current="page"]').innerText()).toBe('审批');
    await mgr.screenshot({ path: `${SHOTS}/phone-approvals.png`, fullPage: true });
    // The "me" tab: one's own pages and the points actions.
    await mgr.locator('nav.tabbar').getByRole('link', { name: '我的' }).click();
    await mgr.waitForURL((u) => u.pathname === '/app/me');
    await mgr.getByRole('link', { name: '我的评价' }).waitFor();
    await mgr.getByRole('link', { name: '申请积分' }).waitFor();
    expect(await mgr.locator('nav.tabbar a[aria-current="page"]').innerText()).toBe('我的');
    await mgr.context().close();
  });
});

// Keep the helpers honest: each check sees a real cut, wrap and overlap.
describe('the layout checks themselves', () => {
  it('find a cut without an ellipsis, a wrapped line and an overlap', async () => {
    const page = await pageAt(PHONE);
    await page.setContent(
      `<div id="cut" style="width:50px;overflow:hidden;white-space:nowrap">a very long text that is cut</div>` +
        `<div id="ok" style="width:50px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis" title="a very long text with an ellipsis">a very long text with an ellipsis</div>` +
        `<span id="wrap" style="display:inline-block;width:40px">退出登录退出登录</span>`,
    );
    expect((await page.evaluate(clippedWithoutEllipsis)).map((c) => c.id)).toEqual(['cut']);
    expect(await page.locator('#wrap').evaluate(lineCount)).toBeGreaterThan(1);
    expect(
      boxesOverlap([
        { x: 0, y: 0, width: 10, height: 10 },
        { x: 5, y: 5, width: 10, height: 10 },
      ]),
    ).toEqual([[0, 1]]);
    await page.context().close();
  });
});
