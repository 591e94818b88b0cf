// The mini-app in headless Chromium at phone size: an employee answers a survey and claims points; their
// manager approves the claim in the approvals inbox (the chat cards are updated too) and sees the team chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let claimId: number;
const one = <T>(sql: string, ...params: unknown[]) => h.sqlite.prepare(sql).get(...params) as T;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  const hr = h.employeeByEmail('lin.xiaowen@qingyun.example')!;
  await sandboxClient(h).send(hr.id, '/survey launch 深圳南山店 5');
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('mini-app: employee and manager', () => {
  it('an employee answers the open survey (errors at each question first) and claims points', async () => {
    const sophia = h.employeeByEmail('sophia.lee@qingyun.example')!;
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
    await expect.poll(() => form.locator('fieldset.question .ferr', { hasText: 'Please choose an answer.' }).count()).toBe(10);
    expect(one<{ n: number }>('select count(*) as n from survey_responses')).toEqual({ n: 0 });

    for (let i = 0; i < 9; i++) await questions.nth(i).locator('label.rate', { hasText: /^4$/ }).click();
    await questions.nth(9).locator('label.rate', { hasText: /^9$/ }).click();
    await form.locator('textarea#comment').fill('More notice for weekend rotas, please.');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-survey.png`, fullPage: true });
    await form.getByRole('button', { name: 'Submit anonymously' }).click();
    await page.getByText('Thank you — your answers are recorded anonymously.').waitFor();
    expect(one<{ n: number }>('select count(*) as n from survey_responses')).toEqual({ n: 1 });
    expect(one('select answered from survey_participation where employee_id = ?', sophia.id)).toEqual({ answered: 1 });

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
    const row = one<{ applicant_id: number; status: string; payload: string }>('select applicant_id, status, payload from approval_requests where id = ?', claimId);
    expect(row).toMatchObject({ applicant_id: sophia.id, status: 'pending' });
    expect(JSON.parse(row.payload)).toMatchObject({ kind: 'point_claim', points: 50, amount: 16, unit: 'hours' });
    await page.context().close();
  });

  it('the manager approves the claim in the inbox (chat cards updated in place) and sees the team chart', async () => {
    const sophia = h.employeeByEmail('sophia.lee@qingyun.example')!;
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/approvals`, 'Tom Harris');
    const card = page.locator(`article.request[data-request="${claimId}"]`);
    await card.locator('.timeline li', { hasText: 'Sophia Lee' }).waitFor();
    await card.getByText('Covered the Xuhui store kitchen for two weekends').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-approvals.png`, fullPage: true });
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.locator('.notice.success', { hasText: `Request #${claimId}:` }).getByText('Approved').waitFor();
    await page.getByText('Nothing is waiting on you.').waitFor();
    expect(one('select status from approval_requests where id = ?', claimId)).toEqual({ status: 'approved' });
    expect(one('select sum(points) as p from ledger_entries where employee_id = ?', sophia.id)).toEqual({ p: 50 });
    // The chat copies of the approval card are redrawn (update rows for the card key), as from chat.
    await h.drainOutbox();
    const updates = () => h.outbox().filter((r) => r.cardKey === `approval:${claimId}` && r.op === 'update');
    expect(updates().length).toBeGreaterThan(0);
    // A row the background worker has in flight is 'sending' until the adapter returns.
    await expect.poll(() => updates().every((r) => r.status === 'sent'), { timeout: 10_000 }).toBe(true);

    await page.getByRole('link', { name: 'My team' }).click();
    const points = page.locator('#team-points');
    await points.locator('figure.chart[data-state="ready"] canvas').waitFor();
    await points.locator('table.leaderboard tr', { hasText: 'Sophia Lee' }).getByText('50').waitFor();
    // One response in a store of six: the pulse stays hidden (K = 5), and says so.
    await page.locator('#team-pulse [data-hidden="true"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-team.png`, fullPage: true });
    await page.context().close();
  });
});
