// The training record page in headless Chromium (issue 24): on a phone in zh-CN a person sees their enrolled
// course with its materials, marks it attended, and a stale "mark completed" (HR completed it meanwhile) is
// refused with the server's message and changes nothing; on a desktop in English the store head sees their
// people's progress without mark buttons, and HR reads the course's effect on the courses section.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { markTraining } from '../../src/domain/growth/training.js';
import { getPerson } from '../../src/domain/org/employees.js';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { attitudeCycle, enrolInAttitudeCourse, HR, personId } from '../support/training-history.js';
import { DESKTOP, openAs, phonePage, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let yeRec = 0;
const DAY = 86_400_000;
const fromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  await h.sql.run("update courses set materials = 'Read: https://example.com/ownership' where dimension = 'attitude'");
  const c1 = await attitudeCycle(h, { 'ye.qing': 2, 'jiang.tao': 2, 'pan.yue': 4 }, fromNow(-60), fromNow(-50));
  yeRec = await enrolInAttitudeCourse(h, 'ye.qing', c1);
  await enrolInAttitudeCourse(h, 'jiang.tao', c1, false);
});

const states = async () => await h.sql.rows<{ state: string }>('select state from training_progress');

describe('mini-app: training records', () => {
  it('phone, zh-CN: the person marks attended; a stale "completed" after HR completed it is refused', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/training`, '叶青 Qing Ye');
    const item = page.locator(`#my-training li[data-training="${yeRec}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-state')).toBe('enrolled');
    expect(await item.locator('strong').first().innerText()).toBe('主动性与责任感工作坊');
    await item.locator('summary', { hasText: '学习资料' }).click();
    expect(await item.locator('.materials').innerText()).toBe('Read: https://example.com/ownership');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-training-enrolled-phone.png`, fullPage: true });

    await item.getByRole('button', { name: '标记已参加' }).click();
    await page.locator(`#my-training li[data-training="${yeRec}"][data-state="attended"]`).waitFor();
    expect(await item.locator('.steps li.done').allInnerTexts()).toEqual(['已报名', '已参加']);
    expect(await item.locator('p.muted', { hasText: '参加于' }).count()).toBe(1);

    // HR completes it from elsewhere; the page still offers "completed": the server refuses, nothing changes.
    const hr = (await getPerson(h.app.db, await personId(h, HR)))!;
    expect(
      (await markTraining(h.app.db, { recommendationId: yeRec, to: 'completed', actor: hr, now: new Date() })).ok,
    ).toBe(true);
    await item.getByRole('button', { name: '标记已完成' }).click();
    await item.locator('.notice.error', { hasText: '这项培训已标记到这一步或更后：记录不能回退。' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-training-refused-phone.png`, fullPage: true });
    expect(await states()).toEqual([{ state: 'completed' }]);
    expect(await h.sql.rows("select id from audit_log where action like 'course.%ed'")).toHaveLength(2);
    await page.context().close();
  });

  it('desktop, en: the store head sees each person’s progress, without marking; HR reads the course effect', async () => {
    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/training`, 'Tom Harris');
    await page.locator('#my-training p.muted', { hasText: 'No training yet.' }).waitFor();
    const team = page.locator('#team-training');
    const ye = team.locator('li[data-person]', { hasText: 'Qing Ye' });
    await ye.waitFor();
    expect(await ye.locator('button .muted').innerText()).toBe('1 of 1 completed');
    await ye.getByRole('button', { name: /Qing Ye/ }).click();
    await ye.locator(`li[data-training="${yeRec}"][data-state="completed"]`).waitFor();
    expect(await ye.locator('.badge').innerText()).toBe('Completed');
    expect(await ye.getByRole('button', { name: /Mark/ }).count()).toBe(0);
    const jiang = team.locator('li[data-person]', { hasText: 'Tao Jiang' });
    await jiang.getByRole('button', { name: /Tao Jiang/ }).click();
    await jiang
      .locator('li[data-state="requested"]', { hasText: 'Waiting for approval of the training request' })
      .waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-training-team-desktop.png`, fullPage: true });

    // HR, in English: a later cycle lets the effect show (Qing Ye 2 → 4; the others 4 → 4 and 2 → 2).
    await attitudeCycle(h, { 'ye.qing': 4, 'jiang.tao': 2, 'pan.yue': 4 }, fromNow(1), fromNow(10));
    const hrPage = await context.newPage();
    await hrPage.context().clearCookies();
    await openAs(hrPage, `${h.url}/app/hr/ratings`, 'Sharon Lin');
    await setLocaleOf(hrPage, 'en');
    try {
      await hrPage.reload();
      const effect = hrPage.locator('#course-effects li[data-course-effect]', {
        hasText: 'Ownership and initiative workshop',
      });
      await effect.waitFor();
      expect(await effect.locator('ul li').allInnerTexts()).toEqual([
        'Completed it (1): 2.00 → 4.00 (+2.00)',
        'Everyone else (2): 3.00 → 3.00 (0.00)',
      ]);
      await effect.scrollIntoViewIfNeeded();
      await hrPage.screenshot({ path: `${ARTIFACTS}/miniapp-training-effects-desktop.png`, fullPage: true });
    } finally {
      await setLocaleOf(hrPage, 'zh-CN');
      await context.close();
    }
  });
});
