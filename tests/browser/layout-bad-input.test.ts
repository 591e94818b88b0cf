// Issue 19, "bad input", in headless Chromium: a very long name, a unit whose name is 300 characters, an
// empty chart (a group with too few answers), on a desktop (1440×900), a phone (390×844) and a 1440×900
// window at 200% zoom (720×450 CSS pixels at device scale 2, which is what zoom does to the layout). On every
// page: no sideways scrolling of the page, the header on one line, no two boxes of the same container
// overlapping, and nothing cut without an ellipsis and the whole value in a title (shown on hover).
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getTemplate } from '../../src/domain/surveys/templates.js';
import { getWave } from '../../src/domain/surveys/waves.js';
import { launchBrowser } from '../support/browser.js';
import { command } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { answerAs, closeWaveNow, openAs } from './miniapp-support.js';
import { boxesOverlap, clippedWithoutEllipsis, lineCount, SHOTS, type Box } from './layout-support.js';

let h: Harness;
let browser: Browser;
let fullWave: number;
let thinWave: number;
let unitId: number;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

const LONG_NAME =
  '张伟 Wei Alexander Maximilian Zhang-Montgomery-Featherstonehaugh-Wolfeschlegelsteinhausenbergerdorff';
// 300 characters, Chinese and a long unbroken Latin run (the worst for wrapping).
const LONG_UNIT = `产品研发部·${'平台工程与开发者体验中心'.repeat(10)}${'ResearchAndDevelopment'.repeat(8)}`
  .padEnd(300, '部')
  .slice(0, 300);
const MANAGER = '李明 Ming Li';
const HR = '林晓雯 Sharon Lin';

const SIZES = {
  desktop: { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' },
  phone: { viewport: { width: 390, height: 844 }, locale: 'zh-CN' },
  zoom200: { viewport: { width: 720, height: 450 }, deviceScaleFactor: 2, locale: 'zh-CN' },
} as const;
type Size = keyof typeof SIZES;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
  browser = await launchBrowser();
  expect(LONG_UNIT).toHaveLength(300);
  // As an org sync would bring them: a long display name and a long unit name (its path follows).
  await h.sql.run('update employees set name = ? where id = ?', LONG_NAME, await id('zhang.wei'));
  unitId = ((await h.sql.row("select id from org_units where name = '产品研发部'")) as { id: number }).id;
  await h.sql.run(
    "update org_units set name = ?, path = replace(path, '产品研发部', ?) where id = ?",
    LONG_UNIT,
    LONG_UNIT,
    unitId,
  );
  // A wave everyone answered, and one with a single answer in the long unit: its figures stay hidden
  // and its charts have nothing to draw.
  await command(h, await id('lin.xiaowen'), 'survey', 'launch all');
  fullWave = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
  const template = (await getTemplate(h.app.db, (await getWave(h.app.db, fullWave))!.templateId))!;
  const values = (n: number) =>
    Object.fromEntries(
      template.items.map((it) => [`i${it.id}`, String(it.kind === 'enps' ? 5 + (n % 6) : 1 + (n % 5))]),
    );
  const people = (await h.sql.rows(
    'select employee_id as id from survey_participation where wave_id = ? order by employee_id',
    fullWave,
  )) as { id: number }[];
  for (const [i, p] of people.entries()) await answerAs(h, fullWave, p.id, values(i));
  await closeWaveNow(h, fullWave);
  await command(h, await id('lin.xiaowen'), 'survey', 'launch all');
  thinWave = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
  await answerAs(h, thinWave, await id('liu.yang'), values(1));
  await closeWaveNow(h, thinWave);
  for (const what of ['Shorter stand-ups', `${'Rewrote the deployment pipeline so that '.repeat(6)}it is faster`])
    await sandboxClient(h).send(await id('zhang.wei'), `/claim 流程优化 ; ${what}`);
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

async function pageAt(size: Size): Promise<Page> {
  const context = await browser.newContext(SIZES[size]);
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** Pairs of visible in-flow siblings (same parent) whose boxes overlap, described. */
function overlappingSiblings(): string[] {
  const out: string[] = [];
  const name = (el: Element) =>
    `${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
  for (const parent of Array.from(
    document.querySelectorAll('header.top, header.top *, main, main *, nav.tabbar, nav.sidebar'),
  )) {
    const kids = Array.from(parent.children).filter((k) => {
      const s = getComputedStyle(k);
      const r = k.getBoundingClientRect();
      // Inline boxes of text that wraps span lines and overlap their neighbours by nature: blocks only.
      return (
        s.display !== 'inline' &&
        r.width > 1 &&
        r.height > 1 &&
        s.position !== 'absolute' &&
        s.position !== 'fixed' &&
        s.visibility !== 'hidden' &&
        !k.closest('svg, .sr-only')
      );
    });
    for (let i = 0; i < kids.length; i++)
      for (let j = i + 1; j < kids.length; j++) {
        const [a, b] = [kids[i]!.getBoundingClientRect(), kids[j]!.getBoundingClientRect()];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          out.push(`${name(parent)}: ${name(kids[i]!)} × ${name(kids[j]!)}`);
      }
  }
  return out;
}

/** The checks every page must pass at every size. */
async function expectReadable(page: Page, what: string) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    `${what}: sideways scroll`,
  ).toBeLessThanOrEqual(0);
  expect(await page.evaluate(clippedWithoutEllipsis), `${what}: cut`).toEqual([]);
  expect(await page.evaluate(overlappingSiblings), `${what}: overlap`).toEqual([]);
  for (const el of await page.locator('header.top .brand, header.top .who, header.top .account-menu button').all())
    if (await el.isVisible()) expect(await el.evaluate(lineCount), `${what}: header wraps`).toBe(1);
  const bar = page.locator('nav.tabbar a');
  if (await page.locator('nav.tabbar').isVisible()) {
    const boxes: Box[] = await Promise.all((await bar.all()).map(async (a) => (await a.boundingBox())!));
    expect(boxesOverlap(boxes), `${what}: tab bar`).toEqual([]);
  }
}

describe.each(Object.keys(SIZES) as Size[])('bad input at %s', (size) => {
  it('a very long name: header, account menu, approvals list and request', async () => {
    const page = await pageAt(size);
    await openAs(page, `${h.url}/app/`, LONG_NAME);
    await page.locator('#points').waitFor();
    await expectReadable(page, 'home');
    const who = page.locator('header.top .who');
    if (!(await who.isVisible())) {
      await page.locator('.account-button').click();
      await who.waitFor();
      await expectReadable(page, 'home, menu open');
    }
    // The name is cut with "…" where it has to be, and whole in the title.
    expect(await who.getAttribute('title')).toBe(LONG_NAME);
    await page.screenshot({ path: `${SHOTS}/bad-input-${size}-long-name.png` });
    await page.context().close();

    const mgr = await pageAt(size);
    await openAs(mgr, `${h.url}/app/approvals`, MANAGER);
    await mgr.locator('article.request').first().waitFor();
    await expectReadable(mgr, 'approvals');
    await mgr.locator('article.request dd', { hasText: LONG_NAME }).first().waitFor();
    await mgr.screenshot({ path: `${SHOTS}/bad-input-${size}-approvals.png`, fullPage: true });
    await mgr.context().close();
  });

  it('a 300-character unit and an empty chart: the HR report, the team page and the audit log', async () => {
    const page = await pageAt(size);
    // Its parent's report: the long unit is a row of the heatmap.
    const parent = ((await h.sql.row('select parent_id as id from org_units where id = ?', unitId)) as { id: number })
      .id;
    await openAs(page, `${h.url}/app/hr/report?wave=${fullWave}&unit=${parent}`, HR);
    await page.locator(`.heatmap tr[data-unit="${unitId}"]`).waitFor();
    await expectReadable(page, 'report, heatmap');
    await page.screenshot({ path: `${SHOTS}/bad-input-${size}-report-heatmap.png`, fullPage: true });
    await page.goto(`${h.url}/app/hr/report?wave=${fullWave}&unit=${unitId}`);
    await page.locator(`.pulse[data-status="closed"]`).getByText(LONG_UNIT).first().waitFor();
    await expectReadable(page, 'report');
    // The closed select cuts the path: its title holds it whole.
    expect(
      await page.locator('select', { has: page.locator(`option[value="${unitId}"]`) }).getAttribute('title'),
    ).toContain(LONG_UNIT);
    await page.screenshot({ path: `${SHOTS}/bad-input-${size}-report-long-unit.png`, fullPage: true });

    await page.goto(`${h.url}/app/hr/report?wave=${thinWave}&unit=${unitId}`);
    await page.locator(`.pulse[data-wave="${thinWave}"] [data-hidden]`).waitFor();
    await page.locator('.trend').waitFor();
    await expectReadable(page, 'report, too few answers');
    await page.screenshot({ path: `${SHOTS}/bad-input-${size}-report-empty.png`, fullPage: true });

    await page.goto(`${h.url}/app/hr/audit`);
    await page.locator('table.audit tbody tr').first().waitFor();
    await expectReadable(page, 'audit');
    await page.context().close();

    const mgr = await pageAt(size);
    await openAs(mgr, `${h.url}/app/team`, MANAGER);
    await mgr.locator('#team-points').waitFor();
    await expectReadable(mgr, 'team');
    await mgr.screenshot({ path: `${SHOTS}/bad-input-${size}-team.png`, fullPage: true });
    await mgr.context().close();
  });
});
