// HR in the mini-app, in headless Chromium at phone size: launch a pulse survey, read the report with its
// charts once enough people answered and the wave closed (no CSV to click into while it is open), export the
// CSV (audited), and filter the audit log. Sharon Lin's language is zh-CN, so this also drives the Chinese
// interface.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { closeWaveNow, firstAnswer, openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

/** Five people of the store answer (K = 5), as they would from chat or the app. */
async function fiveAnswer(waveId: number): Promise<void> {
  const people = await firstAnswer(h, waveId, 5, (i, n) => (i.kind === 'enps' ? '8' : String((n % 5) + 1)));
  expect(people).toHaveLength(5);
}

describe('mini-app: HR', () => {
  it('launches a survey; while it is open the report is participation only and offers no CSV; once closed, charts and the CSV', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr`, 'Sharon Lin');
    await page.locator('#audienceUnitId').selectOption({ label: '青云科技/门店/深圳南山店' });
    await page.locator('#days').fill('0');
    await page.getByRole('button', { name: '发起', exact: true }).click();
    // Bad input is shown at the field, and nothing is launched.
    await page.locator('[data-field="days"] .ferr').waitFor();
    expect(await h.sql.row('select count(*) as n from survey_waves')).toEqual({ n: 0 });
    await page.locator('#days').fill('5');
    await page.getByRole('button', { name: '发起', exact: true }).click();
    await page.locator('.notice.success', { hasText: '第 1 批已发起：共邀请 6 人。' }).waitFor();
    await page.locator('ul.waves li', { hasText: '#1 团队活力脉搏' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-launch.png`, fullPage: true });
    expect(await h.sql.row('select count(*) as n from survey_participation where wave_id = 1')).toEqual({
      n: 6,
    });
    // Every invitee gets the survey card in chat (sandbox), through the outbox.
    await h.drainOutbox();
    expect((await h.outbox()).filter((r) => r.cardKey === 'survey:1' && r.op === 'send')).toHaveLength(6);

    await fiveAnswer(1);
    const unit = (await h.sql.row("select id from org_units where name = '深圳南山店'")) as { id: number };
    // Open: five of six answered, yet nothing but participation — and no export link to click into a 409.
    await page.goto(`${h.url}/app/hr/report?wave=1&unit=${unit.id}`);
    const open = page.locator('.pulse[data-wave="1"][data-status="open"]');
    await open.getByText('6 人中 5 人已答（83%）').waitFor();
    await open.locator('[data-hidden="open"]', { hasText: '本批次结束后' }).waitFor();
    expect(await open.locator('figure.chart, .dim-avgs, table.heatmap, ul.comments').count()).toBe(0);
    await page.locator('[data-csv="open"]', { hasText: '才能导出 CSV' }).waitFor();
    expect(await page.getByRole('link', { name: '导出 CSV' }).count()).toBe(0);
    const early = await page.request.get(`${h.url}/api/hr/waves/1/csv`);
    expect(early.status()).toBe(409);
    expect(((await early.json()) as { error: string }).error).toContain('第 1 轮尚未结束');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-report-open.png`, fullPage: true });
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'survey.report.export'")).toEqual({
      n: 0,
    });

    await closeWaveNow(h, 1);
    await page.goto(`${h.url}/app/hr/report?wave=1`);
    // The unit select is the one offering the whole organisation (the wave select and the heatmap's level select
    // load separately, so a position among the filters is not stable while the page loads).
    const unitSelect = page.locator('.filters select', { has: page.locator('option', { hasText: '全公司' }) });
    await unitSelect.selectOption(String(unit.id));
    await page.waitForURL(new RegExp(`unit=${unit.id}`));
    const report = page.locator('.pulse[data-wave="1"][data-status="closed"]');
    await report.getByText('6 人中 5 人已答（83%）').waitFor();
    await expect.poll(() => report.locator('figure.chart[data-state="ready"] canvas').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-report.png`, fullPage: true });

    // The whole organisation: the heatmap by unit shows only groups with enough responses.
    await unitSelect.selectOption('');
    await page.locator('table.heatmap').waitFor();
    await page.locator('table.heatmap tr', { hasText: '总部' }).getByText('为保护匿名不展示').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('pulse-wave-1.csv');
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\n');
    // Headers in the reader's language (Sharon reads zh-CN), the stable keys as a second header row.
    expect(lines[0]).toMatch(/^组织,回答人数,工作态度,/);
    expect(lines[1]).toMatch(/^unit,responses,attitude,/);
    expect(lines.some((l) => l.startsWith('青云科技/门店/深圳南山店,5,'))).toBe(true);
    // Units below K are not in the export at all.
    expect(lines.some((l) => l.includes('财务部'))).toBe(false);
    const exportAudit = await h.sql.rows(
      "select actor_employee_id as actor, subject from audit_log where action = 'survey.report.export'",
    );
    expect(exportAudit).toEqual([
      { actor: (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id, subject: 'wave:1' },
    ]);
    await page.context().close();
  });

  it('filters the audit log by action and actor', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/audit`, 'Sharon Lin');
    await page.locator('#f-action').selectOption('survey.launch');
    await page.waitForURL(/action=survey.launch/);
    const rows = page.locator('table.audit tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByText('林晓雯 Sharon Lin').waitFor();
    await page.locator('#f-actor').selectOption({ label: '林晓雯 Sharon Lin' });
    await page.waitForURL(/actorId=\d+/);
    await expect.poll(() => rows.count()).toBe(1);
    await page.locator('#f-from').fill('2000-01-01');
    await page.locator('#f-to').fill('2000-01-02');
    await page.waitForURL(/to=2000-01-02/);
    await page.locator('[data-total="0"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-audit.png`, fullPage: true });
    // Viewing the audit log is itself recorded.
    expect(
      ((await h.sql.row("select count(*) as n from audit_log where action = 'audit.view'")) as { n: number }).n,
    ).toBeGreaterThan(0);
    await page.context().close();
  });

  it('imports the org chart from a CSV: bad rows listed by line first, then a good file', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/org`, 'Sharon Lin');
    const header = 'email,name,unit,unit_kind,manager_email,roles,locale,timezone,title,is_head';
    await page
      .locator('#csv')
      .fill(`${header}\nnot-an-email,坏行,青云科技/总部/财务部,department,,,zh-CN,Asia/Shanghai,,\n`);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page
      .locator('ul.problems li', { hasText: /^第 2 行：/ })
      .first()
      .waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-org.png`, fullPage: true });
    expect(await h.sql.row("select count(*) as n from employees where name = '坏行'")).toEqual({ n: 0 });
    await page
      .locator('#csv')
      .fill(
        `${header}\nnew.hire@qingyun.example,新同事,青云科技/总部/财务部,department,wang.fang@qingyun.example,,zh-CN,Asia/Shanghai,Analyst,\n`,
      );
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.locator('.notice.success', { hasText: '新增 1 人' }).waitFor();
    expect(await page.locator('ul.problems li').count()).toBe(0);
    expect((await h.employeeByEmail('new.hire@qingyun.example'))?.name).toBe('新同事');
    await page.context().close();
  });

  it('adds a value tag and a reward (a bad cost is shown at the field)', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/tags`, 'Sharon Lin');
    await page.locator('#nameZh').fill('食品安全');
    await page.locator('#nameEn').fill('Food safety');
    await page.locator('#category').fill('quality');
    await page.locator('#points').fill('80');
    await page.getByRole('button', { name: '添加标签' }).click();
    await page.locator('ul.tags li', { hasText: '食品安全' }).getByText('(40–120)').waitFor();
    await page.locator('#r-nameZh').fill('午餐券');
    await page.locator('#r-nameEn').fill('Lunch voucher');
    await page.locator('#r-cost').fill('0');
    await page.getByRole('button', { name: '添加奖励' }).click();
    await page.locator('[data-field="r-cost"] .ferr').waitFor();
    await page.locator('#r-cost').fill('30');
    await page.getByRole('button', { name: '添加奖励' }).click();
    await page.locator('ul.rewards li', { hasText: '午餐券' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-tags.png`, fullPage: true });
    expect(
      await h.sql.row(
        "select points, min_points as min, max_points as max from value_tags where name_en = 'Food safety'",
      ),
    ).toEqual({ points: 80, min: 40, max: 120 });
    expect(await h.sql.row("select cost, active from rewards where name_en = 'Lunch voucher'")).toEqual({
      cost: 30,
      active: 1,
    });
    await page.context().close();
  });
});
