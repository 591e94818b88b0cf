// HR's desk and the manager's desk in headless Chromium (issue 23 item 2), on a phone (390 × 844) and a
// desktop (1440 × 900), in Chinese and in English: the headings in the session's language, the numbers of
// the seeded data (tests/support/desk-seed.ts) in each block, a manager's desk holding only their unit, a
// store below K showing the reason and no figures, axe-core (WCAG 2.1 A/AA) with no serious or critical
// finding; screenshots in test-artifacts/desk-*.png.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import { seedDesk, type DeskSeed } from '../support/desk-seed.js';
import type { Harness } from '../support/harness.js';
import { auditedPage, axeFindings, DESKTOP, PHONE, setLocaleOf, signInAs } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let seed: DeskSeed;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  seed = await seedDesk(h);
});

type Locale = 'zh-CN' | 'en';
const SIZES = { phone: PHONE, desktop: DESKTOP } as const;

/** Signed in as `person` in `locale` at `size`, on the home page with the desk loaded. */
async function deskOf(person: string, size: keyof typeof SIZES, locale: Locale): Promise<Page> {
  const page = await auditedPage(browser, SIZES[size]);
  await signInAs(page, `${h.url}/app/`, person);
  await setLocaleOf(page, locale);
  await page.reload();
  await page.locator('.home-grid.desk').waitFor();
  await page.locator('#points').waitFor();
  return page;
}

async function noSeriousAxeFinding(page: Page): Promise<void> {
  const serious = (await axeFindings(page)).filter((f) => f.impact === 'serious' || f.impact === 'critical');
  expect(serious.map((f) => `${f.rule}: ${f.help} — ${f.targets.join(' | ')}`)).toEqual([]);
}

const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).trim();

/** The closed wave's averages as the report gives them (the API, in the page's session). */
async function reportDimensions(page: Page, waveId: number, unitId: number) {
  return await page.evaluate(
    async ([w, u]) =>
      (
        (await (await fetch(`/api/team/pulse?waveId=${w}&unitId=${u}`)).json()) as {
          report: { dimensions: { key: string; avg: number; previousAvg: number | null }[] };
        }
      ).report.dimensions,
    [waveId, unitId] as const,
  );
}

/** Each dimension row shows the report's average and its change from the previous wave (every item 3 there). */
async function expectDimensionRows(page: Page, unitId: number) {
  const dims = await reportDimensions(page, seed.closed[1], unitId);
  expect(dims.length).toBeGreaterThan(0);
  for (const d of dims) {
    const row = page.locator(`#desk-results tr[data-dimension="${d.key}"]`);
    expect(await row.locator('.avg').innerText()).toBe(d.avg.toFixed(1));
    expect(d.previousAvg).toBe(3);
    const delta = Math.round((d.avg - 3) * 10) / 10;
    expect(await row.locator('.change').innerText()).toBe(delta > 0 ? `+${delta.toFixed(1)}` : '±0');
  }
}

const HR_WORDS = {
  'zh-CN': {
    title: 'HR 工作台',
    headings: ['进行中的调研', '最近一次结果', '待处理的申请', '到期的改进行动'],
    participation: '39 人中已答 7 人（18%）',
    followUps: '7 天内到期 3 项，已逾期 1 项 · 共 4 项未完成',
    overdue: '已逾期',
    responses: '22 份答卷',
    byUnit: '各部门参与情况',
  },
  en: {
    title: 'HR desk',
    headings: ['Surveys in progress', 'Latest results', 'Requests waiting', 'Follow-ups due'],
    participation: '7 of 39 answered (18%)',
    followUps: '3 due within 7 days, 1 overdue · 4 open in all',
    overdue: 'overdue',
    responses: '22 responses',
    byUnit: 'Participation by unit',
  },
} as const;

describe('HR’s desk', () => {
  for (const size of ['phone', 'desktop'] as const)
    for (const locale of ['zh-CN', 'en'] as const)
      it(`${size}, ${locale}: every block with the seeded numbers, each linking on`, async () => {
        const w = HR_WORDS[locale];
        const page = await deskOf('Sharon Lin', size, locale);
        expect(await text(page, 'main h1')).toBe(w.title);
        expect(await page.locator('.home-grid.desk h2').allInnerTexts()).toEqual(w.headings);

        const wave = page.locator(`#desk-waves [data-wave="${seed.open}"]`);
        expect(await wave.locator('.participation').innerText()).toBe(w.participation);
        await wave.getByText(w.byUnit).click();
        const rd = wave.locator(`li[data-unit="${seed.units.rd}"]`);
        await rd.waitFor({ state: 'visible' });
        expect(await rd.innerText()).toContain('产品研发部');
        expect(await rd.locator('.num').innerText()).toBe('5/8');
        expect(await wave.getByRole('link').getAttribute('href')).toBe(`/app/hr/waves/${seed.open}`);

        const claims = page.locator('#desk-requests tr[data-flow="point-claim"]');
        expect(await claims.locator('.open').innerText()).toBe('3');
        expect(await claims.locator('.overdue').innerText()).toBe('2');

        expect(await text(page, '#desk-followups .summary')).toBe(w.followUps);
        const first = page.locator('#desk-followups li').first();
        expect(await first.innerText()).toContain('Fix the on-call rota');
        expect(await first.locator('.badge').innerText()).toBe(w.overdue);

        const headline = page.locator(`#desk-results [data-unit="${seed.units.root}"]`);
        expect(await headline.innerText()).toContain(w.responses);
        await expectDimensionRows(page, seed.units.root);
        expect(await page.locator('#desk-results .desk-lowest li').count()).toBeGreaterThan(0);

        await page.screenshot({ path: `${ARTIFACTS}/desk-hr-${size}-${locale}.png`, fullPage: true });
        await noSeriousAxeFinding(page);
        await page.context().close();
      });
});

const MANAGER_WORDS = {
  'zh-CN': {
    title: '团队工作台',
    scope: '您负责的部门：产品研发部',
    participation: '8 人中已答 5 人（63%）',
    followUps: '7 天内到期 2 项，已逾期 1 项 · 共 3 项未完成',
    responses: '8 份答卷',
  },
  en: {
    title: 'Team desk',
    scope: 'Your units: 产品研发部',
    participation: '5 of 8 answered (63%)',
    followUps: '2 due within 7 days, 1 overdue · 3 open in all',
    responses: '8 responses',
  },
} as const;

describe('the manager’s desk', () => {
  for (const size of ['phone', 'desktop'] as const)
    for (const locale of ['zh-CN', 'en'] as const)
      it(`${size}, ${locale}: Li Ming sees R&D only — its participation, his waiting requests, its follow-ups and results`, async () => {
        const w = MANAGER_WORDS[locale];
        const page = await deskOf('Ming Li', size, locale);
        expect(await text(page, 'main h1')).toBe(w.title);
        expect(await text(page, '.desk-scope')).toBe(w.scope);
        const wave = page.locator(`#desk-waves [data-wave="${seed.open}"]`);
        expect(await wave.locator('.participation').innerText()).toBe(w.participation);
        // One unit: listed open, and nothing of any other unit.
        expect(
          await wave.locator('li[data-unit]').evaluateAll((l) => l.map((e) => e.getAttribute('data-unit'))),
        ).toEqual([String(seed.units.rd)]);
        expect(await page.locator('main').innerText()).not.toContain('深圳南山店');

        const claims = page.locator('#desk-requests tr[data-flow="point-claim"]');
        expect(await claims.locator('.open').innerText()).toBe('2');
        expect(await claims.locator('.overdue').innerText()).toBe('1');
        expect(await page.locator('#desk-requests a').getAttribute('href')).toBe('/app/approvals');

        expect(await text(page, '#desk-followups .summary')).toBe(w.followUps);
        expect(await page.locator('#desk-followups li').allInnerTexts()).toEqual([
          expect.stringContaining('Fix the on-call rota'),
          expect.stringContaining('Team lunch with the new hires'),
        ]);

        expect(await page.locator(`#desk-results [data-unit="${seed.units.rd}"]`).innerText()).toContain(w.responses);
        await expectDimensionRows(page, seed.units.rd);

        await page.screenshot({ path: `${ARTIFACTS}/desk-manager-${size}-${locale}.png`, fullPage: true });
        await noSeriousAxeFinding(page);
        await page.context().close();
      });

  it('a store manager whose store answered 3 of 6 (below K) is told why, and shown no figures', async () => {
    const page = await deskOf('Tom Harris', 'phone', 'en');
    const headline = page.locator(`#desk-results [data-unit="${seed.units.shenzhen}"]`);
    expect(await headline.locator('.notice[data-hidden="too_few"]').innerText()).toBe(
      'Only 3 of 6 answered in 深圳南山店, fewer than 5: no figures are shown, so no one can be recognised.',
    );
    expect(await page.locator('#desk-results table, #desk-results .desk-lowest').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/desk-manager-below-k-phone-en.png`, fullPage: true });
    await noSeriousAxeFinding(page);
    await page.context().close();
  });
});
