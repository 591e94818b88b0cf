// The mini-app in headless Chromium at phone size: an employee answers a survey and claims points; their
// manager approves the claim in the approvals inbox (the chat cards are updated too) and sees the team chart.
// While the wave is open the team pulse is participation only; once HR closes it, one answer of six is too few.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { openAs, openMenuEntry, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let claimId: number;
const one = async <T>(sql: string, ...params: unknown[]) => (await h.sql.row(sql, ...params)) as T;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
  await sandboxClient(h).send(hr.id, '/survey launch 深圳南山店 5');
});

describe('mini-app: employee and manager', () => {
  it('an employee answers the open survey (errors at each question first) and claims points', async () => {
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/`, 'Sophia Lee');
    const surveys = page.locator('#surveys');
    const link = surveys.getByRole('link', { name: 'Team vitality pulse' });
    await link.waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-home.png`, fullPage: true });

    await link.click();
    const form = page.locator('form.survey');
    await form.waitFor();
    const questions = form.locator('fieldset.question');
    expect(await questions.count()).toBe(10);
    await form.getByRole('button', { name: 'Submit anonymously' }).click();
    await expect
      .poll(() => form.locator('fieldset.question .ferr', { hasText: 'Please choose an answer.' }).count())
      .toBe(10);
    expect(await one<{ n: number }>('select count(*) as n from survey_pool')).toEqual({ n: 0 });

    for (let i = 0; i < 9; i++) await questions.nth(i).locator('label.rate', { hasText: /^4$/ }).click();
    await questions.nth(9).locator('label.rate', { hasText: /^9$/ }).click();
    await form.locator('textarea#comment').fill('More notice for weekend rotas, please.');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-survey.png`, fullPage: true });
    await form.getByRole('button', { name: 'Submit anonymously' }).click();
    await page.getByText('Thank you — your answers are recorded anonymously.').waitFor();
    // Sealed in the wave's pool until it closes: no response row while the wave is open.
    expect(await one<{ n: number }>('select count(*) as n from survey_pool where wave_id = 1')).toEqual({ n: 1 });
    expect(await one<{ n: number }>('select count(*) as n from survey_responses')).toEqual({ n: 0 });
    expect(await one('select answered from survey_participation where employee_id = ?', sophia.id)).toEqual({
      answered: 1,
    });

    await page.getByRole('link', { name: 'Home' }).click();
    await page.locator('#surveys', { hasText: 'No survey is waiting for you.' }).waitFor();
    await page.getByRole('link', { name: 'Claim points' }).click();
    await page.locator('#tag').waitFor();
    // A field error shows at the field, from the same rules as the chat form.
    await page.getByRole('button', { name: 'Submit claim' }).click();
    await page.locator('[data-field="description"] .ferr', { hasText: 'Describe what you did.' }).waitFor();
    await page.locator('#tag').selectOption({ label: 'Cross-department support · 50' });
    await page.locator('#description').fill('Covered the Xuhui store kitchen for two weekends');
    await page.locator('#amount').fill('16');
    await page.locator('#unit').selectOption('hours');
    await page.getByRole('button', { name: 'Submit claim' }).click();
    await page.waitForURL(/\/app\/requests\/\d+\?submitted=1/);
    claimId = Number(/requests\/(\d+)/.exec(page.url())![1]);
    const card = page.locator(`article.request[data-request="${claimId}"]`);
    await card.locator('.badge.pending', { hasText: 'In review' }).waitFor();
    await card.locator('.timeline li', { hasText: 'submitted' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-claim-submitted.png`, fullPage: true });
    const row = await one<{ applicant_id: number; status: string; payload: string }>(
      'select applicant_id, status, payload from approval_requests where id = ?',
      claimId,
    );
    expect(row).toMatchObject({ applicant_id: sophia.id, status: 'pending' });
    expect(JSON.parse(row.payload)).toMatchObject({
      kind: 'point_claim',
      points: 50,
      quantities: [{ amount: 16, unit: 'hours', text: '16' }],
    });
    await page.context().close();
  });

  it('the manager approves the claim in the inbox (chat cards updated in place) and sees the team chart; the open wave shows participation only', async () => {
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/approvals`, 'Tom Harris');
    const card = page.locator(`article.request[data-request="${claimId}"]`);
    await card.locator('.timeline li', { hasText: 'Sophia Lee' }).waitFor();
    await card.getByText('Covered the Xuhui store kitchen for two weekends').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-approvals.png`, fullPage: true });
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await page
      .locator('.notice.success', { hasText: `Request #${claimId}:` })
      .getByText('Approved')
      .waitFor();
    await page.getByText('Nothing is waiting on you.').waitFor();
    expect(await one('select status from approval_requests where id = ?', claimId)).toEqual({ status: 'approved' });
    expect(await one('select sum(points) as p from ledger_entries where employee_id = ?', sophia.id)).toEqual({
      p: 50,
    });
    // The chat copies of the approval card are redrawn (update rows for the card key), as from chat.
    await h.drainOutbox();
    const updates = async () =>
      (await h.outbox()).filter((r) => r.cardKey === `approval:${claimId}` && r.op === 'update');
    expect((await updates()).length).toBeGreaterThan(0);
    // A row the background worker has in flight is 'sending' until the adapter returns.
    await expect.poll(async () => (await updates()).every((r) => r.status === 'sent'), { timeout: 10_000 }).toBe(true);

    await openMenuEntry(page, 'My team');
    const points = page.locator('#team-points');
    await points.locator('figure.chart[data-state="ready"] canvas').waitFor();
    await points.locator('table.leaderboard tr', { hasText: 'Sophia Lee' }).getByText('50').waitFor();

    // The wave is open: participation, and when results will appear — no figures of any kind.
    const pulse = page.locator('#team-pulse .pulse[data-wave="1"][data-status="open"]');
    await pulse.locator('.participation', { hasText: '1 of 6 answered (17%)' }).waitFor();
    const notice = pulse.locator('[data-hidden="open"]');
    await notice.waitFor();
    const { report } = (await (await page.request.get(`${h.url}/api/team/pulse`)).json()) as {
      report: {
        status: string;
        hidden: string | null;
        wave: { closesAt: string; closed: boolean };
        dimensions: unknown[];
        comments: unknown[];
        heatmap: { visible: boolean; dims: object }[];
      };
    };
    expect(report).toMatchObject({
      status: 'open',
      hidden: 'open',
      wave: { closed: false },
      dimensions: [],
      comments: [],
    });
    expect(report.heatmap.filter((x) => x.visible || Object.keys(x.dims).length > 0)).toEqual([]);
    // The closing date in the viewer's language and time zone (Tom reads English).
    const closes = await page.evaluate(
      (iso) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
      report.wave.closesAt,
    );
    expect(await notice.innerText()).toBe(
      `Results appear when this wave closes (${closes}). Until then only participation is shown — figures from a wave still being answered would let someone work out the latest answers by reading twice.`,
    );
    expect(await pulse.locator('figure.chart, .dim-avgs, table.heatmap, ul.comments, .enclosing').count()).toBe(0);
    expect(await pulse.innerText()).not.toMatch(/\d\.\d\d/);
    await page
      .locator('section.trend tr[data-wave="1"][data-closed="false"]')
      .getByText('results when it closes')
      .waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-team-open.png`, fullPage: true });
    await page.context().close();
  });

  it('once HR closes the wave, one response in a store of six stays hidden as too few (K = 5), and says so', async () => {
    const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
    await sandboxClient(h).send(hr.id, '/survey close 1');
    expect(
      await one(
        'select closed_at is not null as closed, published is not null as published from survey_waves where id = 1',
      ),
    ).toEqual({ closed: 1, published: 1 });
    // The pool is emptied at close; one answer in no published group is not written anywhere.
    expect(await one<{ n: number }>('select count(*) as n from survey_pool')).toEqual({ n: 0 });
    expect(await one<{ n: number }>('select count(*) as n from survey_responses')).toEqual({ n: 0 });

    const page: Page = await phonePage(browser);
    await openAs(page, `${h.url}/app/team`, 'Tom Harris');
    const pulse = page.locator('#team-pulse .pulse[data-wave="1"][data-status="closed"]');
    await pulse.locator('.participation', { hasText: '1 of 6 answered (17%)' }).waitFor();
    const notice = pulse.locator('[data-hidden="too_few"]');
    expect(await notice.innerText()).toBe(
      'Not enough responses to show results for this group (fewer than 5 responses).',
    );
    expect(await pulse.locator('[data-hidden="open"], figure.chart, .dim-avgs, ul.comments, .enclosing').count()).toBe(
      0,
    );
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-team.png`, fullPage: true });
    await page.context().close();
  });
});
