// Pulse administration in the mini-app, in headless Chromium at phone size: HR builds a survey template
// (a field error first, then fixed) and schedules it (the server previews the next runs; pause works);
// a manager creates a follow-up from the team page and its owner marks it done; the HR report and the
// team page draw the trend across waves. Sharon Lin reads Chinese, Tom Harris and Sophia Lee English.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { inTransaction } from '../../src/db/connection.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { launchWave } from '../../src/domain/surveys/waves.js';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { answerAs, closeWaveNow, openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
const one = async <T>(sql: string, ...args: unknown[]) => (await h.sql.row(sql, ...args)) as T;

useHarnessAndBrowser((started) => ({ h, browser } = started));

const DAY = 86_400_000;
const STORE = '深圳南山店';

/** A closed wave of the built-in pulse to the store; `answers` people answered, scoring every item `score`. */
async function storeWave(answers: number, score: number, openedAt: Date): Promise<number> {
  const db = h.app.db;
  const unit = await one<{ id: number }>('select id from org_units where name = ?', STORE);
  const r = await inTransaction(
    db,
    async () =>
      await launchWave(
        db,
        { invite: async () => {}, remind: async () => {} },
        {
          templateId: await ensureDefaultTemplate(db),
          audienceUnitId: unit.id,
          closesAt: new Date(openedAt.getTime() + 5 * DAY),
          reminderDays: [],
          now: openedAt,
          actor: { kind: 'system' },
        },
      ),
  );
  if (!r.ok) throw new Error(r.code);
  const items = (await h.sql.rows(
    'select id, kind from survey_items where template_id = ? order by position',
    r.wave.templateId,
  )) as { id: number; kind: string }[];
  const people = (await h.sql.rows(
    'select employee_id as id from survey_participation where wave_id = ? order by employee_id limit ?',
    r.wave.id,
    answers,
  )) as { id: number }[];
  for (const p of people) {
    // The first item of each dimension scores one lower: the friction items the page offers to follow up.
    const values = Object.fromEntries(
      items.map((i, n) => [`i${i.id}`, i.kind === 'enps' ? '8' : String(n % 3 === 0 ? score - 1 : score)]),
    );
    await answerAs(h, r.wave.id, p.id, values, new Date(openedAt.getTime() + DAY));
  }
  // Results exist only once a wave is closed.
  await closeWaveNow(h, r.wave.id);
  return r.wave.id;
}

describe('mini-app: pulse administration', () => {
  it('HR builds a template (an error at the field, then fixed) and sees it listed', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/templates`, 'Sharon Lin');
    await page
      .locator('ul.templates li', { hasText: '团队活力脉搏' })
      .getByText('3 个维度 · 9 道题 · 已用于 0 批')
      .waitFor();
    await page.getByRole('link', { name: '新建模板' }).click();
    await page.waitForURL(/\/app\/hr\/templates\/new$/);
    await page.locator('#nameZh').fill('门店协作');
    await page.locator('#nameEn').fill('Store teamwork');
    await page.locator('[id="dimensions.0.key"]').fill('shift');
    await page.locator('[id="dimensions.0.nameZh"]').fill('班次');
    await page.locator('[id="dimensions.0.nameEn"]').fill('Shifts');
    await page.locator('[id="dimensions.0.items.0.zh"]').fill('交接班顺畅。');
    await page.locator('[id="dimensions.0.items.0.en"]').fill('Shift handovers go smoothly.');
    await page.getByRole('button', { name: '添加维度' }).click();
    await page.locator('[id="dimensions.1.key"]').fill('kitchen');
    await page.locator('[id="dimensions.1.nameZh"]').fill('后厨');
    await page.locator('[id="dimensions.1.nameEn"]').fill('Kitchen');
    await page.locator('[id="dimensions.1.items.0.zh"]').fill('后厨与前厅配合好。');
    // The English question of the second dimension is left out.
    await page.getByRole('button', { name: '保存模板' }).click();
    await page.locator('[data-field="dimensions.1.items.0.en"] .ferr', { hasText: '必填。' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-pulse-admin-builder.png`, fullPage: true });
    expect(await one<{ n: number }>('select count(*) as n from survey_templates')).toEqual({ n: 1 });
    await page.locator('[id="dimensions.1.items.0.en"]').fill('Kitchen and floor work well together.');
    await page.getByRole('button', { name: '保存模板' }).click();
    await page.waitForURL(/\/app\/hr\/templates\/2\?created=1$/);
    await page.locator('.notice.success', { hasText: '模板 #2 已保存。' }).waitFor();
    await page.locator('[data-dimension="kitchen"]').getByText('Kitchen and floor work well together.').waitFor();
    expect(await one('select name_en as name, comment_enabled as comment from survey_templates where id = 2')).toEqual({
      name: 'Store teamwork',
      comment: 1,
    });
    expect(await one('select count(*) as n from survey_items where template_id = 2')).toEqual({ n: 2 });
    await page.getByRole('link', { name: '全部模板' }).click();
    await page.locator('ul.templates li[data-template="2"]').getByText('2 个维度 · 2 道题 · 已用于 0 批').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-pulse-admin-templates.png`, fullPage: true });
    await page.context().close();
  });

  it('HR schedules it: the next runs are previewed, a bad cron is shown at the field, pause works', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/schedules`, 'Sharon Lin');
    await page.getByText('还没有调研计划。').waitFor();
    await page.locator('#templateId').selectOption('2');
    await page.locator('#cron').fill('0 25 * * 1');
    await page.getByRole('button', { name: '预览接下来的运行时间' }).click();
    await page.locator('[data-field="cron"] .ferr').waitFor();
    // A preset fills the cron and the server previews its next three runs (Mondays, 10:00 Shanghai time).
    await page.locator('#preset').selectOption('weekly');
    const runs = page.locator('.preview-runs li');
    await expect.poll(() => runs.count()).toBe(3);
    expect(await page.locator('[data-field="cron"] .ferr').count()).toBe(0);
    for (const r of await runs.allTextContents()) expect(r).toMatch(/周一.*10:00/);
    await page.locator('#audienceUnitId').selectOption({ label: '青云科技/门店/深圳南山店' });
    await page.locator('#durationDays').fill('5');
    await page.locator('#reminderDays').fill('3');
    await page.getByRole('button', { name: '保存计划' }).click();
    await page.locator('.notice.success', { hasText: '计划 #1 已保存。' }).waitFor();
    const row = page.locator('ul.schedules li[data-schedule="1"]');
    await row.getByText('0 10 * * 1').waitFor();
    await expect.poll(() => row.locator('.next-runs li').count()).toBe(3);
    expect(
      await one(
        'select template_id as t, cron, audience_unit_id is not null as unit, duration_days as d, reminder_days as r, active from survey_schedules',
      ),
    ).toEqual({ t: 2, cron: '0 10 * * 1', unit: 1, d: 5, r: '[3]', active: 1 });
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-pulse-admin-schedules.png`, fullPage: true });
    await row.getByRole('button', { name: '暂停' }).click();
    await page.locator('ul.schedules li[data-schedule="1"][data-active="false"]').getByText('已暂停').waitFor();
    expect(await row.locator('.next-runs li').count()).toBe(0);
    expect(await one('select active from survey_schedules where id = 1')).toEqual({ active: 0 });
    expect(
      await one("select count(*) as n from audit_log where action = 'survey.schedule.pause' and subject = '1'"),
    ).toEqual({ n: 1 });
    await row.getByRole('button', { name: '恢复' }).click();
    await page.locator('ul.schedules li[data-schedule="1"][data-active="true"]').waitFor();
    expect(await one('select active from survey_schedules where id = 1')).toEqual({ active: 1 });
    await page.context().close();
  });

  it('a manager creates a follow-up from a friction item of the team pulse; the owner marks it done', async () => {
    const wave = await storeWave(5, 4, new Date(Date.now() - 2 * DAY));
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/team`, 'Tom Harris');
    const friction = page.locator('#team-pulse li', {
      hasText: 'I take the initiative to improve how we work without being asked.',
    });
    await friction.getByRole('link', { name: 'Create a follow-up' }).click();
    await page.waitForURL(/\/app\/followups\?new=1/);
    await expect
      .poll(() => page.locator('#fu-title').inputValue())
      .toBe('I take the initiative to improve how we work without being asked.');
    expect(await page.locator('#fu-wave').inputValue()).toBe(String(wave));
    // Only people of Tom's store are offered as owners.
    const owners = await page.locator('#fu-owner option').allTextContents();
    expect(owners.some((o) => o.startsWith('Sophia Lee'))).toBe(true);
    expect(owners.some((o) => o.includes('Olivia Brown'))).toBe(false);
    await page.locator('#fu-title').fill('Agree who owns the weekly menu change');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.locator('[data-field="fu-owner"] .ferr').waitFor();
    await page.locator('#fu-owner').selectOption({ label: `Sophia Lee · ${STORE}` });
    await page.locator('#fu-due').fill(new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.locator('.notice.success', { hasText: 'Follow-up #1 created; Sophia Lee has it in chat.' }).waitFor();
    await page.locator('ul.followups li[data-followup="1"][data-status="open"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-pulse-admin-followups.png`, fullPage: true });
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!.id;
    expect(await one('select owner_id as owner, wave_id as wave, status from follow_ups where id = 1')).toEqual({
      owner: sophia,
      wave,
      status: 'open',
    });
    await h.drainOutbox();
    expect((await h.outbox()).filter((r) => r.cardKey === 'followup:1' && r.op === 'send')).toHaveLength(2);
    await page.context().close();

    const owner = await phonePage(browser);
    await openAs(owner, `${h.url}/app/followups`, 'Sophia Lee');
    const item = owner.locator('ul.followups li[data-followup="1"]');
    await item.getByText('Agree who owns the weekly menu change').waitFor();
    await item.getByRole('button', { name: 'Mark done' }).click();
    await owner.locator('ul.followups li[data-followup="1"][data-status="done"]').waitFor();
    expect(await one('select status from follow_ups where id = 1')).toEqual({ status: 'done' });
    await h.drainOutbox();
    // The chat cards of the owner and of Tom are redrawn in place.
    expect((await h.outbox()).filter((r) => r.cardKey === 'followup:1' && r.op === 'update')).toHaveLength(2);
    await owner.context().close();
  });

  it('the HR report and the team page draw the trend across waves, with a gap where a wave had too few answers', async () => {
    // Wave 1 (5 answers) comes from the test before; wave 2 has 3 answers (< K), wave 3 all six.
    await storeWave(3, 3, new Date(Date.now() - DAY));
    await storeWave(6, 5, new Date());
    const store = await one<{ id: number }>('select id from org_units where name = ?', STORE);
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/report?unit=${store.id}`, 'Sharon Lin');
    const trend = page.locator(`section.trend[data-unit="${store.id}"][data-waves="3"]`);
    await trend.locator('figure.chart[data-kind="line"][data-state="ready"] canvas').waitFor();
    expect(await trend.locator('tr[data-visible="true"]').count()).toBe(2);
    await trend.locator('tr[data-wave="2"][data-visible="false"]').getByText('为保护匿名不展示').waitFor();
    await trend.getByText('6 人中 3 人已答（50%）').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-pulse-admin-trend.png`, fullPage: true });
    // One audit row for the view of the trend (not one per wave).
    expect(
      (await one<{ n: number }>("select count(*) as n from audit_log where action = 'survey.trend.view'")).n,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (
        await one<{ n: number }>(
          "select count(*) as n from audit_log where action = 'survey.trend.view' and detail like '%[1,2,3]%'",
        )
      ).n,
    ).toBeGreaterThanOrEqual(1);
    await page.context().close();

    const team = await phonePage(browser);
    await openAs(team, `${h.url}/app/team`, 'Tom Harris');
    await team
      .locator('section.trend[data-waves="3"] figure.chart[data-kind="line"][data-state="ready"] canvas')
      .waitFor();
    await team.screenshot({ path: `${ARTIFACTS}/miniapp-pulse-admin-team-trend.png`, fullPage: true });
    await team.context().close();
  });

  it('an employee who opens the HR pages gets a forbidden message and no data, and no HR menu', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/templates`, 'Sophia Lee');
    await page.locator('.notice.forbidden').waitFor();
    expect(await page.locator('ul.templates').count()).toBe(0);
    await page.goto(`${h.url}/app/hr/schedules`);
    await page.locator('.notice.forbidden').waitFor();
    expect(await page.locator('ul.schedules, form').count()).toBe(0);
    expect(await page.locator('nav.tabs a[href="/app/hr/templates"], nav.tabs a[href="/app/followups"]').count()).toBe(
      0,
    );
    await page.context().close();
  });
});
