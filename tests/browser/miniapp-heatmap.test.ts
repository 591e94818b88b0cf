// HR reads the pulse heatmap at two levels of the tree and by unit kind, in headless Chromium, in zh-CN on a
// phone and in English on a desktop. A wave to the whole company where Xuhui store has 2 answers (K = 5):
// level 1 shows HQ and the stores node, level 2 every team with Xuhui and one more store hidden, and the
// kind summary counts only shown rows.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { launchTo } from '../support/pulse.js';
import { answerAs, closeWaveNow, DESKTOP, openAs, PHONE, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let waveId: number;
useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  const w = await launchTo(h.app.db, '青云科技', new Date(Date.now() - 60_000));
  waveId = w.wave.id;
  const people = await h.sql.rows<{ id: number; unit: string }>(
    'select e.id, u.name as unit from employees e join org_units u on u.id = e.unit_id order by e.id',
  );
  let xuhui = 0;
  for (const p of people) {
    if (p.unit === '青云科技') continue;
    if (p.unit === '上海徐汇店' && xuhui++ >= 2) continue;
    await answerAs(h, waveId, Number(p.id), w.values(p.unit.endsWith('店') ? 2 : 4));
  }
  await closeWaveNow(h, waveId);
});

async function pageOf(size: typeof PHONE | typeof DESKTOP): Promise<Page> {
  const context = await browser.newContext(size);
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

const rowsOf = async (page: Page) =>
  await page
    .locator('table.heatmap tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')!.textContent ?? '', tr.getAttribute('data-visible') ?? ''] as const),
    );

async function levels(page: Page, lang: 'zh' | 'en', hidden: string, size: string): Promise<void> {
  const report = page.locator(`.pulse[data-wave="${waveId}"][data-status="closed"]`);
  await report.locator('table.heatmap').waitFor();
  // Level 1: the two worlds, HQ and the stores, both shown.
  expect(await rowsOf(page)).toEqual([
    ['总部', 'true'],
    ['门店', 'true'],
  ]);
  await page.screenshot({ path: `${ARTIFACTS}/miniapp-heatmap-level1-${lang}-${size}.png`, fullPage: true });

  // Level 2: every team; the small ones hidden with the anonymity words, never a figure.
  await page.locator('select[data-filter="depth"]').selectOption('2');
  await page.waitForURL(/depth=2/);
  await expect.poll(async () => (await rowsOf(page)).length).toBe(8);
  const rows = new Map(await rowsOf(page));
  expect(rows.get('产品研发部')).toBe('true');
  expect(rows.get('上海徐汇店')).toBe('false');
  expect(rows.get('人力资源部')).toBe('false');
  expect([...rows].filter(([name, v]) => name!.endsWith('店') && v === 'true')).toHaveLength(1);
  await report.locator('tr[data-unit]', { hasText: '上海徐汇店' }).getByText(hidden).waitFor();
  // The kind summary: 2 of 5 departments (13 answers), 1 of 3 stores (6 answers).
  await report.locator('tr[data-kind-summary="department"][data-shown="2"]').waitFor();
  await report.locator('tr[data-kind-summary="store"][data-shown="1"]').waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/miniapp-heatmap-level2-${lang}-${size}.png`, fullPage: true });

  // Stores only.
  await page.locator('select[data-filter="kind"]').selectOption('store');
  await page.waitForURL(/kind=store/);
  await expect
    .poll(async () => (await rowsOf(page)).map((r) => r[0]).sort())
    .toEqual(['上海徐汇店', '杭州西湖店', '深圳南山店'].sort());
  await page.screenshot({ path: `${ARTIFACTS}/miniapp-heatmap-stores-${lang}-${size}.png`, fullPage: true });
}

describe('mini-app: the heatmap at two levels and by kind', () => {
  it('HR on a phone, in zh-CN', async () => {
    const page = await pageOf(PHONE);
    await openAs(page, `${h.url}/app/hr/report?wave=${waveId}`, 'Sharon Lin');
    await page.locator('select[data-filter="depth"] option', { hasText: '第 2 层（全部团队）' }).waitFor({
      state: 'attached',
    });
    await page.getByRole('heading', { name: '按组织类型' }).waitFor();
    await page.locator('tr[data-kind-summary="store"]', { hasText: '门店' }).waitFor();
    await levels(page, 'zh', '为保护匿名不展示', 'phone');
  });

  it('HR on a desktop, in English', async () => {
    const page = await pageOf(DESKTOP);
    await openAs(page, `${h.url}/app/hr/report?wave=${waveId}`, 'Sharon Lin');
    await setLocaleOf(page, 'en');
    await page.reload();
    await page.locator('select[data-filter="depth"] option', { hasText: 'Level 2 (every team)' }).waitFor({
      state: 'attached',
    });
    await page.getByRole('heading', { name: 'By kind of unit' }).waitFor();
    await page.locator('tr[data-kind-summary="department"]', { hasText: 'HQ departments' }).waitFor();
    await page.locator('tr[data-kind-summary="store"]', { hasText: '1 of 1 units shown · 14 responses' }).waitFor();
    await levels(page, 'en', 'hidden to protect anonymity', 'desktop');
    await setLocaleOf(page, 'zh-CN');
  });

  it('HR reads the targets against the report and changes one; a share over 100% is refused at its field', async () => {
    const page = await pageOf(PHONE);
    await openAs(page, `${h.url}/app/hr/report?wave=${waveId}`, 'Sharon Lin');
    const panel = page.locator('[data-targets]');
    // 34 of 39 answered (87%); satisfaction about 3.1 (HQ 4s, stores 2s); no follow-ups yet.
    await panel.locator('li[data-target="participation"][data-met="true"]', { hasText: '达成' }).waitFor();
    await panel.locator('li[data-target="satisfaction"][data-met="false"]', { hasText: '未达成' }).waitFor();
    await panel.locator('li[data-target="followUpsResolved"][data-met="unknown"]').waitFor();
    await panel.locator('[data-resolution]', { hasText: '还没有跟进事项' }).waitFor();

    await panel.getByRole('button', { name: '修改目标' }).click();
    await page.locator('#target-participation').fill('150');
    await page.locator('#target-satisfaction').fill('3');
    await panel.getByRole('button', { name: '保存' }).click();
    await panel.locator('[data-field="target-participation"] .ferr, .ferr').first().waitFor();
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'settings.report_targets'")).toEqual({
      n: 0,
    });
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-report-targets-refused-zh-phone.png`, fullPage: true });

    await page.locator('#target-participation').fill('80');
    await panel.getByRole('button', { name: '保存' }).click();
    await panel.locator('li[data-target="satisfaction"][data-met="true"]').waitFor();
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'settings.report_targets'")).toEqual({
      n: 1,
    });
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-report-targets-zh-phone.png`, fullPage: true });
  });
});
