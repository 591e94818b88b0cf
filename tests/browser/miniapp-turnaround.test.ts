// HR's approval turnaround in the mini-app, in headless Chromium at phone size (Sharon Lin reads Chinese):
// claims submitted and decided at known times through the real flow show up per flow with the chart drawn;
// the period can be changed; an employee gets the forbidden message and no figures.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { timedClaim } from '../support/timed-claims.js';
import { openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  // Decided after 3 h and 5 h; a third waits for 40 h (overdue after 24 h); one from 200 days ago.
  for (const [user, hoursAgo, decidedAfter] of [
    ['zhang.wei', 60, 3],
    ['liu.yang', 60, 5],
    ['chen.jing', 40, undefined],
    ['yang.fan', 200 * 24, 1],
  ] as const)
    await timedClaim(h, user, hoursAgo, decidedAfter);
});

describe('mini-app: approval turnaround', () => {
  it('HR sees each flow with its outcomes, open and overdue requests and times, charted; a longer period counts more', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/turnaround`, 'Sharon Lin');
    const claims = page.locator('article.flow-turnaround[data-flow="point-claim"]');
    await claims.waitFor();
    await page.locator('figure.chart[data-state="ready"]').waitFor();
    expect(await claims.innerText()).toContain('积分申请 · 提交 3 个');
    expect(await claims.innerText()).toContain('进行中 1，其中超时 1');
    expect(await claims.innerText()).toContain('从提交到结果 3 小时（九成在 5 小时内）');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-turnaround.png`, fullPage: true });

    await page.locator('select').first().selectOption('365');
    await page.waitForURL(/days=365/);
    await claims.getByText('积分申请 · 提交 4 个').waitFor();
  });

  it('an employee gets the forbidden message and no figures', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/turnaround`, 'Sophia Lee');
    await page.locator('.notice.forbidden').getByText("You don't have permission to do that.").waitFor();
    expect(await page.locator('article.flow-turnaround, figure.chart').count()).toBe(0);
  });
});
