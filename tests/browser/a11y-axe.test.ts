// axe-core (WCAG 2.0/2.1, levels A and AA) on every mini-app page, on a phone (390×844) and a desktop
// (1440×900), in Chinese and in English (issue 19): no serious or critical violation. The pages hold data
// (a closed wave with charts and eNPS, an open wave to answer, a rating cycle, a request), so the checks see
// what people see, not empty shells. Also the sandbox chat, whose colours were below AA. One browser, one
// page per size, reused for every address.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from '../support/browser.js';
import { command } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import {
  auditedPage,
  axeFindings,
  closeWaveNow,
  DESKTOP,
  firstAnswer,
  PHONE,
  setLocaleOf,
  signInAs,
  type AxeFinding,
} from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let phone: Page;
let desktop: Page;
let paths: string[];
let reportPath: string;
let surveyPath: string;

const one = async <T>(sql: string, ...args: unknown[]) => (await h.sql.row(sql, ...args)) as T;

/** Five of the store's six answer (K = 5), so the closed wave has charts, a heatmap and eNPS. */
async function fiveAnswer(waveId: number): Promise<void> {
  await firstAnswer(h, waveId, 5, (i, n) => (i.kind === 'enps' ? String(4 + n) : String((n % 5) + 1)));
}

/** Loaded: the page's heading is there and nothing is still loading (data, a lazy chunk, a chart). */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], figure.chart[data-state="loading"]'));
}

/** Open a page, wait until it is loaded, run axe; every finding is kept (for the artifact), serious and
 *  critical ones are also listed in `found` with where they were. */
async function scan(page: Page, path: string, label: string, found: string[]): Promise<AxeFinding[]> {
  await page.goto(`${h.url}${path}`);
  await settled(page);
  const findings = await axeFindings(page);
  for (const f of findings)
    if (f.impact === 'serious' || f.impact === 'critical')
      found.push(`${label} ${path}: ${f.rule} (${f.impact}) ${f.help} — ${f.targets.slice(0, 3).join(' | ')}`);
  return findings;
}

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
  // A closed store wave with results, an open wave for HQ (Sharon Lin is asked; the Hangzhou store is not, so
  // its people have an empty chat), a rating cycle.
  await command(h, hr.id, 'survey', 'launch 深圳南山店 5');
  const closed = (await one<{ id: number }>('select max(id) as id from survey_waves')).id;
  await fiveAnswer(closed);
  await closeWaveNow(h, closed);
  await command(h, hr.id, 'survey', 'launch 总部 5');
  const open = (await one<{ id: number }>('select max(id) as id from survey_waves')).id;
  expect(
    (
      await one<{ n: number }>(
        'select count(*) as n from survey_participation where wave_id = ? and employee_id = ?',
        open,
        hr.id,
      )
    ).n,
  ).toBe(1);
  await command(h, hr.id, 'rating', 'open store 深圳南山店 14');
  const cycle = (await one<{ id: number }>('select max(id) as id from rating_cycles')).id;
  const store = (await one<{ id: number }>("select id from org_units where name = '深圳南山店'")).id;

  phone = await auditedPage(browser, PHONE);
  desktop = await auditedPage(browser, DESKTOP);
  await signInAs(phone, `${h.url}/app/`, 'Sharon Lin');
  await signInAs(desktop, `${h.url}/app/`, 'Sharon Lin');
  // A request of hers to show on its own page and among the approvals.
  const request = await phone.evaluate(async () => {
    const me = (await (await fetch('/api/me')).json()) as { csrf: string };
    const points = (await (await fetch('/api/points')).json()) as { tags: { id: number }[] };
    const body = {
      tag: String(points.tags[0]!.id),
      description: 'Re-planned the weekend rota',
      amount: '',
      unit: 'cny',
      note: '',
    };
    const r = await fetch('/api/claims', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
      body: JSON.stringify(body),
    });
    return ((await r.json()) as { id: number }).id;
  });
  // Pages reached by a link from a list (a template, a flow): the first link the list offers. A list page shows
  // its own links (“new template”) at once and the list's when its data has come, so wait for a link like the
  // pattern itself (the first link alone raced a slower database and found only “new”).
  const firstLink = async (list: string, pattern: RegExp) => {
    await phone.goto(`${h.url}${list}`);
    await phone
      .waitForFunction(
        (source) =>
          [...document.querySelectorAll('main a')].some((a) => new RegExp(source).test(a.getAttribute('href') ?? '')),
        pattern.source,
      )
      // Not there in time: the error below lists the links there are.
      .catch(() => undefined);
    const hrefs = await phone.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const href = hrefs.find((x) => pattern.test(x));
    if (!href) throw new Error(`no link like ${pattern} on ${list}: ${hrefs.join(' ')}`);
    return href;
  };
  const template = await firstLink('/app/hr/templates', /^\/app\/hr\/templates\/\d+$/);
  const flow = await firstLink('/app/hr/flows', /^\/app\/hr\/flows\/[\w-]+$/);
  paths = [
    '/app/',
    (surveyPath = `/app/survey/${open}`),
    `/app/requests/${request}`,
    '/app/claim',
    '/app/rewards',
    '/app/transfer',
    '/app/approvals',
    '/app/ratings',
    '/app/team',
    '/app/team/ratings',
    '/app/followups',
    '/app/hr',
    (reportPath = `/app/hr/report?wave=${closed}&unit=${store}`),
    '/app/hr/audit',
    '/app/hr/turnaround',
    '/app/hr/delivery',
    '/app/hr/tags',
    '/app/hr/ratings',
    `/app/hr/ratings/${cycle}`,
    '/app/hr/org',
    '/app/hr/privacy',
    '/app/hr/settings',
    '/app/hr/templates',
    template,
    '/app/hr/templates/new',
    '/app/hr/schedules',
    `/app/hr/waves/${open}`,
    '/app/hr/flows',
    flow,
    '/app/hr/schemes',
  ];
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('axe-core, WCAG 2.1 A and AA, on every mini-app page', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`${locale}: no serious or critical violation on a phone or a desktop`, async () => {
      await setLocaleOf(phone, locale);
      const found: string[] = [];
      const all: Record<string, AxeFinding[]> = {};
      for (const path of paths) {
        // The two sizes side by side: two pages of one browser, one address at a time.
        const [p, d] = await Promise.all([
          scan(phone, path, `phone-${locale}`, found),
          scan(desktop, path, `desktop-${locale}`, found),
        ]);
        all[`phone ${path}`] = p;
        all[`desktop ${path}`] = d;
      }
      // Minor and moderate findings are kept to read, not failed on.
      writeFileSync(`${ARTIFACTS}/axe-miniapp-${locale}.json`, JSON.stringify(all, null, 2));
      // The page really is in that language (the scan did not run on a half-loaded or wrong page).
      expect(await desktop.evaluate(() => document.documentElement.lang)).toBe(locale);
      expect(found).toEqual([]);
    }, 240_000);
  }

  it('the sign-in page, signed out, in both languages; the persona picker names roles in words', async () => {
    const found: string[] = [];
    for (const [locale, hr] of [
      ['zh-CN', '人力资源'],
      ['en-US', 'HR'],
    ] as const) {
      // Signed out, the page follows the browser's language.
      const page = await auditedPage(browser, { ...PHONE, locale });
      await page.goto(`${h.url}/app/signin`);
      const sharon = page.locator('button.person', { hasText: 'Sharon Lin' });
      await sharon.waitFor();
      expect(await sharon.innerText()).toContain(` · ${hr}`);
      expect(await sharon.innerText()).not.toMatch(/ · hr\b/);
      for (const f of await axeFindings(page))
        if (f.impact === 'serious' || f.impact === 'critical')
          found.push(`${locale}: ${f.rule} ${f.help} — ${f.targets.join(' | ')}`);
      await page.context().close();
    }
    expect(found).toEqual([]);
  });

  it('the sandbox chat, empty and with a survey card, meets AA contrast', async () => {
    await h.drainOutbox();
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;
    const yang = (await h.employeeByEmail('cao.yang@qingyun.example'))!;
    const page = await auditedPage(browser, PHONE);
    const found: string[] = [];
    for (const lang of ['zh-CN', 'en']) {
      // Someone with no messages: the empty-chat text (2.84:1 before).
      await page.goto(`${h.url}/sandbox?person=${yang.id}&lang=${lang}`);
      await page.locator('.empty').waitFor();
      for (const f of await axeFindings(page))
        if (f.impact === 'serious' || f.impact === 'critical')
          found.push(`${lang} empty: ${f.rule} — ${f.targets.join(' | ')}`);
      // Sophia has the survey invitations: card headers and primary buttons (white on blue, 4.28:1 before).
      await page.goto(`${h.url}/sandbox?person=${sophia.id}&lang=${lang}`);
      await page.locator('.msg.bot .card header').first().waitFor();
      for (const f of await axeFindings(page))
        if (f.impact === 'serious' || f.impact === 'critical')
          found.push(`${lang} cards: ${f.rule} — ${f.targets.join(' | ')}`);
    }
    await page.context().close();
    expect(found).toEqual([]);
  });
});

describe('charts in words', () => {
  it('the report: each chart has its numbers as a table, eNPS says its range, one wave is a sentence instead of an empty frame', async () => {
    await setLocaleOf(desktop, 'en');
    await desktop.goto(`${h.url}${reportPath}`);
    await settled(desktop);
    const pulse = desktop.locator('.pulse[data-status="closed"]');
    await expect.poll(() => pulse.locator('figure.chart[data-state="ready"]').count()).toBe(2);
    // A table behind each chart: the dimension averages as the list beside it says, the distribution's five bars.
    const tables = pulse.locator('details.chart-values table.chart-table');
    expect(await tables.count()).toBe(2);
    for (const summary of await pulse.locator('details.chart-values summary', { hasText: 'Show the numbers' }).all())
      await summary.click();
    const averages = await pulse.locator('ul.dim-avgs li').first().innerText();
    const [dimension, avg] = [
      averages.slice(0, averages.lastIndexOf(' ')).trim(),
      averages.slice(averages.lastIndexOf(' ') + 1),
    ];
    const row = tables.first().locator('tbody tr', { has: desktop.locator('th', { hasText: dimension }) });
    expect(Number(await row.locator('td').innerText())).toBeCloseTo(Number(avg), 2);
    expect(await tables.nth(1).locator('tbody th').allInnerTexts()).toEqual(['1', '2', '3', '4', '5']);
    // Five answers, one per score 1–5 on each of the nine items: nine of each.
    expect(await tables.nth(1).locator('tbody td').allInnerTexts()).toEqual(['9', '9', '9', '9', '9']);
    // eNPS of answers 4, 5, 6, 7, 8: three detractors, two passives — −60, with what that range means.
    const enps = pulse.locator('.enps');
    expect(await enps.getAttribute('data-enps')).toBe('-60');
    expect(await enps.innerText()).toContain('0 promoters · 2 passives · 3 detractors');
    expect(await enps.innerText()).toContain('eNPS runs from −100 to 100');
    // The trend has one wave: a sentence with its values, not an empty axis frame.
    const trend = desktop.locator('section.trend[data-waves="1"]');
    await trend.locator('.chart-empty').waitFor();
    expect(await trend.locator('figure.chart').count()).toBe(0);
    // Each dimension's average of the scores 1, 2, 3, 4, 5 is 3.
    expect(await trend.locator('.chart-empty').innerText()).toMatch(
      /^Only one point so far \(#\d+ [^:]+: Work attitude 3, Team collaboration 3, Emotional expression 3\); a line appears from the second\.$/,
    );
    await desktop.screenshot({ path: `${ARTIFACTS}/a11y-report-charts-in-words.png`, fullPage: true });
  });
});

describe('the survey scale in Chinese', () => {
  it('says what its ends mean and how far along the person is', async () => {
    await setLocaleOf(phone, 'zh-CN');
    await phone.goto(`${h.url}${surveyPath}`);
    const form = phone.locator('form.survey');
    await form.waitFor();
    expect(await form.locator('[data-anchors="agree"]').first().innerText()).toMatch(/1 = 非常不同意\s+5 = 非常同意/);
    expect(await form.locator('[data-anchors="likely"]').innerText()).toMatch(/0 = 完全不可能\s+10 = 非常可能/);
    expect(await phone.getByRole('radio', { name: '1 非常不同意' }).count()).toBe(9);
    await form.locator('.survey-progress', { hasText: '已答 0/10' }).waitFor();
    await form.locator('fieldset.question').nth(2).locator('label.rate', { hasText: /^4$/ }).click();
    await form.locator('.survey-progress', { hasText: '已答 1/10' }).waitFor();
    expect(await form.locator('fieldset.question').nth(2).locator('legend .qnum').innerText()).toBe('3/10');
    await phone.screenshot({ path: `${ARTIFACTS}/a11y-survey-zh-CN.png`, fullPage: true });
  });
});
