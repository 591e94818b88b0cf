// Anonymity rules as people meet them in the mini-app, in headless Chromium at phone size. HR sets the
// comment threshold in settings (a value below K is refused at its field and nothing is saved); a wave keeps
// the thresholds it was sent with; and a store manager whose store is hidden by complementary suppression is
// told why and shown the smallest published group around it — never a blank page. Sharon Lin (HR) and the
// store managers read Chinese.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { answerAs, closeWaveNow, openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
const one = async <T>(sql: string, ...args: unknown[]) => (await h.sql.row(sql, ...args)) as T;
const all = async <T>(sql: string, ...args: unknown[]) => (await h.sql.rows(sql, ...args)) as T[];

useHarnessAndBrowser((started) => ({ h, browser } = started));

const unitId = async (name: string) => (await one<{ id: number }>('select id from org_units where name = ?', name)).id;
const peopleIn = async (unit: string) =>
  (
    await all<{ id: number }>(
      'select e.id from employees e join org_units u on u.id = e.unit_id where u.name = ? order by e.id',
      unit,
    )
  ).map((r) => r.id);
const commentSetting = async () =>
  await all<{ key: string; value: string }>(
    "select key, value from settings where key like 'anonymity.%' order by key",
  );

/** On the settings page (signed in as HR): type a comment threshold and press Save. */
async function saveCommentThreshold(page: Page, value: string): Promise<void> {
  await page.locator('#commentK').fill(value);
  await page
    .locator('form', { has: page.locator('#commentK') })
    .getByRole('button', { name: '保存', exact: true })
    .click();
}

interface ReportJson {
  status: string;
  visible: boolean;
  hidden: string | null;
  commentK: number;
  dimensions: unknown[];
  comments: string[];
  enclosing: {
    unit: { id: number; name: string };
    responses: number;
    dimensions: { key: string; avg: number }[];
    comments: string[];
    commentsHidden: boolean;
  } | null;
}

describe('mini-app: anonymity thresholds and protected groups', () => {
  it('HR sets the comment threshold: below K is refused at the field and saves nothing; a valid one is saved', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/settings`, 'Sharon Lin');
    const k = page.locator('#k');
    const commentK = page.locator('#commentK');
    await commentK.waitFor();
    expect(await k.inputValue()).toBe('5');
    expect(await commentK.inputValue()).toBe('5');
    // Its bounds are K and the maximum the server sends.
    expect(await commentK.getAttribute('min')).toBe('5');
    expect(await commentK.getAttribute('max')).toBe('50');
    await page.locator('label[for="commentK"]', { hasText: '留言阈值（5–50）' }).waitFor();
    await page.locator('[data-note="per-survey"]', { hasText: '每次调研沿用发出时的阈值' }).waitFor();

    await saveCommentThreshold(page, '4');
    const error = page.locator('[data-field="commentK"].invalid .ferr');
    await error.waitFor();
    expect(await error.innerText()).toContain('5');
    expect(await page.locator('[data-field="k"] .ferr').count()).toBe(0);
    expect(await page.locator('.notice.success').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-settings-error.png`, fullPage: true });
    // Nothing saved — not even the unchanged K sent with it — and nothing audited.
    expect(await commentSetting()).toEqual([]);
    expect(await one("select count(*) as n from audit_log where action like 'settings.%'")).toEqual({ n: 0 });

    await saveCommentThreshold(page, '8');
    await page.locator('.notice.success', { hasText: '已保存。' }).waitFor();
    expect(await page.locator('[data-field="commentK"] .ferr').count()).toBe(0);
    // Only what changed is written and audited (K was sent unchanged).
    expect(await commentSetting()).toEqual([{ key: 'anonymity.comment_k', value: '8' }]);
    expect(await one("select count(*) as n from audit_log where action = 'settings.comment_threshold'")).toEqual({
      n: 1,
    });
    expect(await one("select count(*) as n from audit_log where action = 'settings.anonymity_threshold'")).toEqual({
      n: 0,
    });
    await page.reload();
    await expect.poll(() => page.locator('#commentK').inputValue()).toBe('8');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-settings.png`, fullPage: true });
    await page.context().close();
  });

  it('a manager whose store is hidden by complementary suppression sees why, and the averages of the group around it', async () => {
    // Launched to the stores with K = 5 and the comment threshold 8 set above.
    const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
    await sandboxClient(h).send(hr.id, '/survey launch 门店 5');
    const wave = (await one<{ id: number }>('select max(id) as id from survey_waves')).id;
    expect(await one('select k, comment_k as commentK from survey_waves where id = ?', wave)).toEqual({
      k: 5,
      commentK: 8,
    });
    const items = await all<{ id: number; kind: string }>(
      'select i.id, i.kind from survey_items i join survey_waves w on w.template_id = i.template_id where w.id = ? order by i.position',
      wave,
    );
    const answer = async (ids: number[], score: number, commenters: number) => {
      for (const [n, p] of ids.entries())
        await answerAs(h, wave, p, {
          ...Object.fromEntries(items.map((i) => [`i${i.id}`, i.kind === 'enps' ? '8' : String(score)])),
          ...(n < commenters ? { comment: `store comment ${score}-${n}` } : {}),
        });
    };
    // Shanghai all six (4 on every item), Hangzhou all six (2), Shenzhen three (1); seven comments in all.
    await answer(await peopleIn('上海徐汇店'), 4, 2);
    await answer(await peopleIn('杭州西湖店'), 2, 2);
    await answer((await peopleIn('深圳南山店')).slice(0, 3), 1, 3);
    await closeWaveNow(h, wave);

    // Stores: 15 published; Shenzhen (3) hidden; publishing both other stores would give Shenzhen as 15 − 12,
    // so one of them is hidden too ("protected").
    const published = new Set(
      (
        JSON.parse((await one<{ p: string }>('select published as p from survey_waves where id = ?', wave)).p) as {
          units: number[];
        }
      ).units,
    );
    expect(published.has(await unitId('门店'))).toBe(true);
    expect(published.has(await unitId('深圳南山店'))).toBe(false);
    const stores = [
      { name: '上海徐汇店', manager: '刘强 Qiang Liu', own: '4.00' },
      { name: '杭州西湖店', manager: '黄静 Jing Huang', own: '2.00' },
    ];
    const storeIds = await Promise.all(stores.map((s) => unitId(s.name)));
    const hidden = stores.filter((_, i) => !published.has(storeIds[i]!));
    expect(hidden).toHaveLength(1);
    const [protectedStore] = hidden;
    const shownStore = stores.find((s) => s !== protectedStore)!;

    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/team`, protectedStore!.manager);
    const pulse = page.locator(`#team-pulse .pulse[data-wave="${wave}"][data-status="closed"]`);
    await pulse.locator('.participation', { hasText: '6 人中 6 人已答（100%）' }).waitFor();
    const notice = pulse.locator('[data-hidden="protected"]');
    expect(await notice.innerText()).toBe('为保护更小的团队，本组的结果与「门店」合并展示。');
    const around = pulse.locator(`section.enclosing[data-unit="${await unitId('门店')}"]`);
    await around.getByRole('heading', { name: '门店（15 份回答）' }).waitFor();
    await around.locator('figure.chart[data-state="ready"] canvas').waitFor();
    // (6 × 4 + 6 × 2 + 3 × 1) / 15 = 2.60 on every dimension: the group's averages, not the store's own.
    const averages = await around.locator('.dim-avgs li strong').allInnerTexts();
    expect(averages).toEqual(['2.60', '2.60', '2.60']);
    expect(await pulse.innerText()).not.toContain(protectedStore!.own);
    // Seven comments in the stores, the wave's comment threshold is 8: hidden, and the note says 8 (not K = 5).
    await around.locator('[data-comments-hidden="true"]', { hasText: '至少 8 人留言时才会展示留言。' }).waitFor();
    expect(await pulse.innerText()).not.toContain('store comment');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-team-protected.png`, fullPage: true });

    const json = (await (await page.request.get(`${h.url}/api/team/pulse`)).json()) as { report: ReportJson };
    expect(json.report).toMatchObject({
      status: 'closed',
      visible: false,
      hidden: 'protected',
      commentK: 8,
      dimensions: [],
      comments: [],
    });
    expect(json.report.enclosing).toMatchObject({
      unit: { id: await unitId('门店'), name: '门店' },
      responses: 15,
      comments: [],
      commentsHidden: true,
    });
    await page.context().close();

    // The other store's manager sees the store's own figures.
    const other = await phonePage(browser);
    await openAs(other, `${h.url}/app/team`, shownStore.manager);
    const own = other.locator(`#team-pulse .pulse[data-wave="${wave}"][data-status="closed"]`);
    await own.locator('figure.chart[data-state="ready"] canvas').first().waitFor();
    expect(await own.locator('.dim-avgs li strong').allInnerTexts()).toEqual([
      shownStore.own,
      shownStore.own,
      shownStore.own,
    ]);
    expect(await own.locator('[data-hidden], section.enclosing').count()).toBe(0);
    await other.context().close();
  });

  it('lowering the comment threshold afterwards reveals nothing more of that wave', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/settings`, 'Sharon Lin');
    await expect.poll(() => page.locator('#commentK').inputValue()).toBe('8');
    await saveCommentThreshold(page, '5');
    await page.locator('.notice.success', { hasText: '已保存。' }).waitFor();
    expect(await commentSetting()).toContainEqual({ key: 'anonymity.comment_k', value: '5' });

    // Seven comments ≥ 5 now, but the wave was sent with 8: still hidden, in the report and in its enclosing group.
    const wave = (await one<{ id: number }>('select max(id) as id from survey_waves')).id;
    await page.goto(`${h.url}/app/hr/report?wave=${wave}&unit=${await unitId('门店')}`);
    const report = page.locator(`.pulse[data-wave="${wave}"][data-status="closed"]`);
    await report.locator('figure.chart[data-state="ready"] canvas').first().waitFor();
    await report.locator('[data-comments-hidden="true"]', { hasText: '至少 8 人留言时才会展示留言。' }).waitFor();
    expect(await report.innerText()).not.toContain('store comment');
    const json = (await (
      await page.request.get(`${h.url}/api/hr/report?waveId=${wave}&unitId=${await unitId('门店')}`)
    ).json()) as { report: ReportJson };
    expect(json.report).toMatchObject({ visible: true, commentK: 8, comments: [] });
    await page.context().close();
  });

  it('HR closes an open wave early from the launch page (after confirming); its results appear, and it cannot be closed twice', async () => {
    const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
    await sandboxClient(h).send(hr.id, '/survey launch 上海徐汇店 5');
    const wave = (await one<{ id: number }>('select max(id) as id from survey_waves')).id;
    const items = await all<{ id: number; kind: string }>(
      'select id, kind from survey_items where template_id = (select template_id from survey_waves where id = ?) order by position',
      wave,
    );
    for (const p of await peopleIn('上海徐汇店'))
      await answerAs(h, wave, p, Object.fromEntries(items.map((i) => [`i${i.id}`, i.kind === 'enps' ? '9' : '4'])));
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/launch`, 'Sharon Lin');
    await page.locator(`button.close-wave[data-wave="${wave}"]`).click();
    // A first press only asks: nothing is closed yet.
    const confirm = page.locator(`.confirm[data-wave="${wave}"]`);
    await confirm.getByText(`现在结束第 ${wave} 轮吗`).waitFor();
    expect(
      (await one<{ c: string | null }>('select closed_at as c from survey_waves where id = ?', wave)).c,
    ).toBeNull();
    await confirm.getByRole('button', { name: '结束并发布' }).click();
    await page.locator('.notice.success', { hasText: `第 ${wave} 轮已结束，结果已发布。` }).waitFor();
    expect(
      (await one<{ c: string | null }>('select closed_at as c from survey_waves where id = ?', wave)).c,
    ).not.toBeNull();
    expect((await one<{ n: number }>('select count(*) as n from survey_responses where wave_id = ?', wave)).n).toBe(6);
    await expect.poll(() => page.locator(`button.close-wave[data-wave="${wave}"]`).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-close-wave.png`, fullPage: true });
    // The report now has the figures.
    await page.locator('.notice.success a', { hasText: /./ }).click();
    const report = page.locator(`.pulse[data-wave="${wave}"][data-status="closed"]`);
    await report.locator('figure.chart[data-state="ready"] canvas').first().waitFor();
    // Closing again through the API: a clear conflict, nothing changes.
    const csrf = ((await (await page.request.get(`${h.url}/api/me`)).json()) as { csrf: string }).csrf;
    const again = await page.request.post(`${h.url}/api/hr/waves/${wave}/close`, {
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
      data: {},
    });
    expect(again.status()).toBe(409);
    expect(
      (
        await one<{ n: number }>(
          "select count(*) as n from audit_log where action = 'survey.close' and subject = ?",
          String(wave),
        )
      ).n,
    ).toBe(1);
    await page.context().close();
  });
});
