// Ratings in the mini-app, in headless Chromium at phone size, one cycle end to end: HR opens a cycle for
// the Nanshan store; its manager rates the team in the app (the chat rater card is redrawn too) and sees
// the team chart; HR closes the cycle; an employee sees their own result and asks to take the recommended
// course; an employee on the team ratings page gets the forbidden message and the API a 403.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { openAs, openMenuEntry, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let cycleId: number;
const one = async <T>(sql: string, ...params: unknown[]) => (await h.sql.row(sql, ...params)) as T;

useHarnessAndBrowser((started) => ({ h, browser } = started));

describe('mini-app: ratings', () => {
  // Sharon Lin uses the app in Chinese.
  it('HR opens a rating cycle for a store (field errors first)', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/ratings`, 'Sharon Lin');
    const form = page.locator('form#open-cycle');
    await form.waitFor();
    await form.getByRole('button', { name: '开启', exact: true }).click();
    await form.locator('[data-field="scheme"] .ferr').waitFor();
    await form.locator('[data-field="unitId"] .ferr').waitFor();
    expect(await one<{ n: number }>('select count(*) as n from rating_cycles')).toEqual({ n: 0 });
    const store = await one<{ id: number }>("select id from org_units where name = '深圳南山店'");
    await form.locator('#scheme').selectOption('team');
    await form.locator('#unitId').selectOption(String(store.id));
    await form.locator('#days').fill('7');
    await form.getByRole('button', { name: '开启', exact: true }).click();
    cycleId = 1;
    await page.locator('.notice.success', { hasText: '第 1 期已开启：2 位评价人已收到卡片。' }).waitFor();
    expect((await one<{ id: number }>('select max(id) as id from rating_cycles')).id).toBe(cycleId);
    await page.locator(`#cycles li[data-cycle="${cycleId}"]`, { hasText: '深圳南山店' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-ratings.png`, fullPage: true });
    await page.context().close();
  });

  it('the manager rates the team in the app and sees the team chart', async () => {
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;
    const tom = (await h.employeeByEmail('tom.harris@qingyun.example'))!;
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/`, 'Tom Harris');
    await openMenuEntry(page, 'Team ratings');
    const form = page.locator(`form.rater[data-cycle="${cycleId}"]`);
    await form.waitFor();
    expect(await form.locator('fieldset[data-subject]').count()).toBe(5);
    const person = form.locator(`fieldset[data-subject="${sophia.id}"]`);
    await person.locator(`#r_${sophia.id}_attitude`).selectOption('2');
    await person.locator(`#r_${sophia.id}_collaboration`).selectOption('4');
    await person.locator(`#r_${sophia.id}_expression`).selectOption('3');
    await person.locator(`#c_${sophia.id}`).fill('Warm with guests; let us work on owning the close-down.');
    await form.getByRole('button', { name: 'Save ratings' }).click();
    await form.locator('.notice.success', { hasText: 'Saved 3 change(s).' }).waitFor();
    expect(
      await one<{ n: number }>(
        'select count(*) as n from ratings where cycle_id = ? and subject_id = ?',
        cycleId,
        sophia.id,
      ),
    ).toEqual({ n: 3 });
    // The team report below is refreshed; on a fresh load the form is prefilled with what was saved.
    await page.reload();
    await page.locator(`#r_${sophia.id}_attitude`).waitFor();
    expect(await page.locator(`#r_${sophia.id}_attitude`).inputValue()).toBe('2');
    expect(await page.locator(`#c_${sophia.id}`).inputValue()).toBe(
      'Warm with guests; let us work on owning the close-down.',
    );
    const report = page.locator(`#team-report[data-cycle="${cycleId}"]`);
    await report.locator('figure.chart[data-state="ready"] canvas').first().waitFor();
    expect(await report.locator('figure.chart').count()).toBe(2);
    // The four others (and Tom himself, rated by his own manager) are not fully rated yet.
    await report.locator('#not-rated li', { hasText: 'Qing Ye' }).waitFor();
    expect(await report.locator('#not-rated li', { hasText: 'Sophia Lee' }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-team-ratings.png`, fullPage: true });
    // The chat rater card shows the same ratings: it is redrawn in place.
    await h.drainOutbox();
    expect((await h.outbox()).some((r) => r.cardKey === `rating:${cycleId}:${tom.id}` && r.op === 'update')).toBe(true);
    await page.context().close();
  });

  it('HR closes the cycle (the results are announced) and adds a course', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/ratings`, 'Sharon Lin');
    const row = page.locator(`#cycles li[data-cycle="${cycleId}"]`);
    await row.getByRole('button', { name: '结束并公布' }).click();
    // Only Sophia is fully rated: what is missing is shown first, and closing needs a confirmation.
    await row
      .locator('.confirm-close li[data-dimension="attitude"]', { hasText: '工作态度：6 人中有 5 人未填写' })
      .waitFor();
    expect(
      (await one<{ c: string | null }>('select closed_at as c from rating_cycles where id = ?', cycleId)).c,
    ).toBeNull();
    await row.getByRole('button', { name: '仍然结束并公布' }).click();
    await page
      .locator('.notice.success', { hasText: `第 ${cycleId} 期已结束：6 人收到结果；1 条课程推荐。` })
      .waitFor();
    await row.getByText(/^已于 /).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await one<{ n: number }>('select count(*) as n from rating_results where cycle_id = ?', cycleId)).toEqual({
      n: 6,
    });

    // Courses: the dimension is picked by name (no key to type); none picked is shown at the field; then the
    // course is listed with the dimension's name, never its key.
    const courses = (await one<{ n: number }>('select count(*) as n from courses')).n;
    const add = page.locator('form#new-course');
    await add.locator('#courseNameZh').fill('高峰时段协作演练');
    await add.locator('#courseNameEn').fill('Rush-hour teamwork drill');
    await add.getByRole('button', { name: '添加课程' }).click();
    await add.locator('[data-field="courseDimension"] .ferr').waitFor();
    expect((await one<{ n: number }>('select count(*) as n from courses')).n).toBe(courses);
    await add.locator('#courseDimension').selectOption({ label: '团队协作' });
    await add.getByRole('button', { name: '添加课程' }).click();
    await page.locator('.notice.success', { hasText: `课程 #${courses + 1} 已添加。` }).waitFor();
    const listed = page.locator(`#courses li[data-course="${courses + 1}"]`, { hasText: '高峰时段协作演练' });
    await listed.waitFor();
    expect(await listed.innerText()).toContain('· 团队协作');
    expect(await page.locator('#courses ul.list').innerText()).not.toMatch(/· [a-z_]+$/m);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-ratings-closed.png`, fullPage: true });
    await page.context().close();
  });

  it('an employee sees their own result and asks to take the recommended course', async () => {
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/ratings`, 'Sophia Lee');
    const latest = page.locator(`#latest[data-cycle="${cycleId}"]`);
    // (2·34 + 4·33 + 3·33) / 100
    await latest.locator('[data-composite]', { hasText: '2.99' }).waitFor();
    await latest.getByText('First cycle: nothing to compare with yet.').waitFor();
    expect(await latest.locator('li[data-dimension] .bar').count()).toBe(3);
    await latest.getByText('Warm with guests; let us work on owning the close-down.').waitFor();
    const course = page.locator('#courses li[data-recommendation]');
    await course.getByText('Ownership and initiative workshop').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-my-ratings.png`, fullPage: true });
    await course.getByRole('button', { name: "I'd like to take it" }).click();
    await course.getByText('Enrolment requested').waitFor();
    expect(await course.getByRole('button', { name: "I'd like to take it" }).count()).toBe(0);
    const req = await one<{ applicant_id: number; payload: string }>(
      'select applicant_id, payload from approval_requests where payload like \'%"training"%\'',
    );
    expect(req.applicant_id).toBe(sophia.id);
    expect(
      (
        await one<{ request_id: number | null }>(
          'select request_id from recommendations where employee_id = ?',
          sophia.id,
        )
      ).request_id,
    ).not.toBeNull();
    await page.context().close();
  });

  it('an employee on the team ratings page gets the forbidden message, and the API a 403', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/team/ratings`, 'Sophia Lee');
    await page.locator('.notice.forbidden').getByText("You don't have permission to do that.").waitFor();
    expect(await page.locator('#team-report, #rate-team, figure.chart').count()).toBe(0);
    expect(await page.locator('nav.tabs a').allInnerTexts()).toEqual([
      'Home',
      'Approvals',
      'My ratings',
      'Leaderboard',
      'My training',
      'My path',
      'Announcements',
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-team-ratings-forbidden.png`, fullPage: true });
    const res = await page.request.get(`${h.url}/api/team/ratings`);
    expect(res.status()).toBe(403);
    expect(await res.json()).toEqual({ error: "You don't have permission to do that.", code: 'forbidden' });
    await page.context().close();
  });
});
