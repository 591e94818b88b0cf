// Issue 23 item 4 in headless Chromium: the download control on the pulse report, the points (tags and
// rewards) page, a rating cycle and the turnaround page. Each file is downloaded as a person would, opened
// and parsed (CSV by hand, XLSX with exceljs), and its headers are in the session's language: zh-CN for
// Sharon Lin (HR), then English after she switches; a manager (Tom Harris, English) downloads only his
// reports' ratings from the team page. A period ending before it starts shows the server's message.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/domain/surveys/calendar-day.js';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import { actionOf, command, lastCard, press } from '../support/cards.js';
import type { Harness } from '../support/harness.js';
import { launchTo } from '../support/pulse.js';
import { answerAs, closeWaveNow, DESKTOP, openAs, phonePage, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let waveId: number;
let cycleId: number;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  // Points: a claim approved by the manager.
  const wei = await id('zhang.wei');
  await command(h, wei, 'claim');
  await press(h, wei, actionOf(await lastCard(h, wei), 'claim.submit'), {
    tag: String(((await h.sql.row("select id from value_tags where name_zh = '流程优化'")) as { id: number }).id),
    description: 'Renegotiated the produce contract',
    amount: '15%',
    unit: 'percent',
  });
  const rid = ((await h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
  const ming = await id('li.ming');
  await press(h, ming, actionOf(await lastCard(h, ming, `approval:${rid}`), 'approval.approve'));
  // Ratings: a store cycle; its manager rates one person.
  await command(h, await id('lin.xiaowen'), 'rating', 'open store 深圳南山店 14');
  cycleId = ((await h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
  const sophia = await id('sophia.lee');
  await h.sql.run(
    "insert into ratings (cycle_id, subject_id, dimension, value, rater_id) values (?, ?, 'dish_quality', 4, ?)",
    cycleId,
    sophia,
    await id('tom.harris'),
  );
  // Pulse: five of R&D answer, the wave closes.
  const launched = await launchTo(h.app.db, '产品研发部', new Date());
  waveId = launched.wave.id;
  for (const p of launched.people.slice(0, 5)) await answerAs(h, waveId, p, launched.values(4));
  await closeWaveNow(h, waveId);
});

/** Click a download link of the control and return the saved file's name and bytes. */
async function download(page: Page, control: string, name: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`#${control}`).getByRole('link', { name, exact: true }).click(),
  ]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** The first row of a CSV (after its BOM) and of an XLSX's first sheet. */
function csvHeader(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).split('\r\n')[0]!;
}
async function xlsxHeader(bytes: Buffer): Promise<unknown[]> {
  const book = new ExcelJS.Workbook();
  // exceljs's own Buffer type is an ArrayBuffer.
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return (book.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
}

const WORDS = {
  'zh-CN': {
    csv: '导出 CSV',
    xlsx: '导出 XLSX',
    pulse: ['组织', '回答人数', '工作态度'],
    points: ['日期', '员工', '邮箱', '组织', '类型', '积分', '价值标签', '来源', '备注'],
    ratings: ['员工', '邮箱', '组织', '出品质量'],
    turnaround: ['流程', '提交', '通过'],
    reversed: '早于开始日期',
    tag: ',奖励,120,流程优化,',
  },
  en: {
    csv: 'Export CSV',
    xlsx: 'Export XLSX',
    pulse: ['Unit', 'Responses', 'Work attitude'],
    points: ['Date', 'Person', 'Email', 'Unit', 'Entry', 'Points', 'Value tag', 'Source', 'Note'],
    ratings: ['Person', 'Email', 'Unit', 'Dish quality'],
    turnaround: ['Flow', 'Submitted', 'Approved'],
    reversed: 'before it starts',
    tag: ',Award,120,Process optimisation,',
  },
} as const;

async function hrDownloads(page: Page, lang: 'zh-CN' | 'en') {
  const w = WORDS[lang];
  const today = calendarDay(new Date(), h.app.config.defaultTimezone);

  await page.goto(`${h.url}/app/hr/report?wave=${waveId}`);
  await page.locator('#pulse-download').waitFor();
  const pulseCsv = await download(page, 'pulse-download', w.csv);
  expect(pulseCsv.name).toBe(`pulse-wave-${waveId}.csv`);
  expect(csvHeader(pulseCsv.bytes).split(',').slice(0, 2)).toEqual(w.pulse.slice(0, 2));
  const pulseXlsx = await download(page, 'pulse-download', w.xlsx);
  expect(pulseXlsx.name).toBe(`pulse-wave-${waveId}.xlsx`);
  expect((await xlsxHeader(pulseXlsx.bytes)).slice(0, 3)).toEqual(w.pulse);
  await page.screenshot({ path: `${ARTIFACTS}/miniapp-exports-pulse-${lang}.png`, fullPage: true });

  await page.goto(`${h.url}/app/hr/tags`);
  await page.locator('#points-from').fill(today);
  await page.locator('#points-to').fill(today);
  const ledgerCsv = await download(page, 'points-download', w.csv);
  expect(ledgerCsv.name).toBe(`points-ledger-${today}-${today}.csv`);
  expect(csvHeader(ledgerCsv.bytes).split(',')).toEqual(w.points);
  // The claim's entry: its kind and value tag in the reader's language too.
  expect(ledgerCsv.bytes.toString('utf8')).toContain(w.tag);
  const ledgerXlsx = await download(page, 'points-download', w.xlsx);
  expect(await xlsxHeader(ledgerXlsx.bytes)).toEqual(w.points);
  // An end before the start: the server's message, shown at the control, and no file.
  await page.locator('#points-from').fill('2026-03-05');
  await page.locator('#points-to').fill('2026-03-01');
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.locator('#points-download').getByRole('link', { name: w.csv, exact: true }).click();
  await page.locator('#points-download [role="alert"]', { hasText: w.reversed }).waitFor();
  expect(downloads).toBe(0);
  await page.screenshot({ path: `${ARTIFACTS}/miniapp-exports-points-${lang}.png`, fullPage: true });

  await page.goto(`${h.url}/app/hr/ratings/${cycleId}`);
  const ratingsCsv = await download(page, 'ratings-download', w.csv);
  expect(ratingsCsv.name).toBe(`ratings-cycle-${cycleId}.csv`);
  expect(csvHeader(ratingsCsv.bytes).split(',').slice(0, 4)).toEqual(w.ratings);
  const ratingsXlsx = await download(page, 'ratings-download', w.xlsx);
  expect((await xlsxHeader(ratingsXlsx.bytes)).slice(0, 4)).toEqual(w.ratings);
  await page.screenshot({ path: `${ARTIFACTS}/miniapp-exports-ratings-${lang}.png`, fullPage: true });

  await page.goto(`${h.url}/app/hr/turnaround?days=30`);
  const turnaround = await download(page, 'turnaround-download', w.xlsx);
  expect((await xlsxHeader(turnaround.bytes)).slice(0, 3)).toEqual(w.turnaround);
  await page.screenshot({ path: `${ARTIFACTS}/miniapp-exports-turnaround-${lang}.png`, fullPage: true });
}

describe('mini-app: report exports', () => {
  it('HR on a phone, in Chinese and then in English: pulse, points, ratings and turnaround files', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/tags`, 'Sharon Lin');
    await hrDownloads(page, 'zh-CN');
    await setLocaleOf(page, 'en');
    await hrDownloads(page, 'en');
    // Each file downloaded was written to the audit log (the refused one was not).
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action in ('report.export', 'survey.report.export') and actor_employee_id = ?",
        await id('lin.xiaowen'),
      ),
    ).toEqual({ n: 14 });
    await page.context().close();
  });

  it('a manager on a desktop downloads his reports’ ratings, in English, without himself', async () => {
    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/team/ratings`, 'Tom Harris');
    const csv = await download(page, 'ratings-download', 'Export CSV');
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(WORDS.en.ratings);
    const names = lines.slice(1, -1).map((l) => l.split(',')[0]);
    expect(names).toContain('Sophia Lee');
    expect(names).not.toContain('Tom Harris');
    expect(names).toHaveLength(5);
    const xlsx = await download(page, 'ratings-download', 'Export XLSX');
    expect((await xlsxHeader(xlsx.bytes)).slice(0, 4)).toEqual(WORDS.en.ratings);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-exports-team-ratings-en.png`, fullPage: true });
    await context.close();
  });
});
