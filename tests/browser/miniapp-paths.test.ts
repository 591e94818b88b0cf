// Development paths in the mini-app (issue 25 §4), headless Chromium: HR on a desktop (en) defines a path — a stage
// without courses is refused at its courses, then saved; a store head on a phone (zh-CN) puts a cook on it from the
// team page; the cook on a phone (zh-CN) sees their stage and next courses and marks one, and on a desktop (en)
// the stage has moved on. axe-core finds nothing on each page; screenshots in test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { auditedPage, axeFindings, DESKTOP, openAs, PHONE, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
});

const clean = async (page: Page) => expect(await axeFindings(page)).toEqual([]);

describe('mini-app: development paths', () => {
  it('HR on a desktop (en) defines a path; a stage without courses is refused at its courses', async () => {
    const page = await auditedPage(browser, DESKTOP);
    await openAs(page, `${h.url}/app/hr/paths`, 'Sharon Lin');
    await setLocaleOf(page, 'en');
    await page.reload();
    await page.getByRole('button', { name: 'New path' }).click();
    await page.getByLabel('Name (Chinese)', { exact: true }).fill('厨师成长路径');
    await page.getByLabel('Name (English)', { exact: true }).fill('Cook growth path');
    await page.getByLabel('Stage name (Chinese)').fill('基础');
    await page.getByLabel('Stage name (English)').fill('Basics');
    await page.getByLabel('To month').fill('3');
    await page.getByRole('button', { name: 'Save path' }).click();
    const courses = page.locator('#stage0Courses');
    await courses.getByText('Stage 1 (基础 / Basics) has no courses: add at least one.').waitFor();
    expect(await courses.getAttribute('aria-invalid')).toBe('true');
    expect(await h.sql.row('select count(*) as n from development_paths')).toEqual({ n: 0 });
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-paths-refused-desktop-en.png`, fullPage: true });
    await clean(page);

    await courses.getByLabel('Kitchen standards refresher').check();
    await courses.getByLabel('Customer service and handling complaints').check();
    await page.getByRole('button', { name: 'Add a stage' }).click();
    const second = page.locator('fieldset[data-stage="2"]');
    await second.getByLabel('Stage name (Chinese)').fill('门店管理');
    await second.getByLabel('Stage name (English)').fill('Store management');
    await second.locator('#stage1Courses').getByLabel('Effective communication and collaboration').check();
    await page.getByRole('button', { name: 'Save path' }).click();
    await page.getByText('Path #1 saved.').waitFor();
    const listed = page.locator('#path-list li[data-path="1"]');
    await listed.getByText('基础 / Basics · Months 0–3').waitFor();
    expect(await listed.innerText()).toContain('Store management · Months 3–6');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-paths-hr-desktop-en.png`, fullPage: true });
    await clean(page);
  });

  it('a store head on a phone (zh-CN) puts a cook on it from the team page', async () => {
    const page = await auditedPage(browser, PHONE);
    await openAs(page, `${h.url}/app/team`, 'Qiang Liu');
    const section = page.locator('#team-paths');
    await section.getByText('你的团队中还没有人在发展路径上。').waitFor();
    await section.getByLabel('员工', { exact: true }).selectOption({ label: '宋涛 Tao Song' });
    await section.getByRole('button', { name: '安排' }).click();
    await page.getByText('已安排。').waitFor();
    const row = section.locator('li[data-person]', { hasText: '宋涛 Tao Song' });
    await row.getByText('厨师成长路径 · 1/2 基础 · 已完成 0/3 门课程').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-paths-team-phone-zh.png`, fullPage: true });
    await clean(page);
  });

  it('the cook on a phone (zh-CN) sees the stage and next courses and marks one; on a desktop (en) it moved on', async () => {
    const page = await auditedPage(browser, PHONE);
    await openAs(page, `${h.url}/app/path`, 'Tao Song');
    const current = page.locator('li[data-stage="1"]');
    await current.getByText('当前阶段').waitFor();
    expect(await page.locator('#path-summary').innerText()).toContain('已完成 0/3 门课程');
    await current.getByRole('button', { name: '标记完成: 出品标准复训' }).click();
    await page.getByText('已标记完成。').waitFor();
    await current.locator('li[data-done="yes"]', { hasText: '出品标准复训' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-paths-mine-phone-zh.png`, fullPage: true });
    await clean(page);
    await current.getByRole('button', { name: '标记完成: 顾客服务与投诉处理' }).click();
    await page.getByText('本阶段已完成：进入下一阶段。').waitFor();

    const desk = await auditedPage(browser, DESKTOP);
    await openAs(desk, `${h.url}/app/path`, 'Tao Song');
    await setLocaleOf(desk, 'en');
    await desk.reload();
    await desk.locator('li[data-stage="2"][data-state="current"]').getByText('Current stage').waitFor();
    expect(await desk.locator('li[data-stage="1"]').getAttribute('data-state')).toBe('done');
    expect(await desk.locator('#path-summary').innerText()).toContain('2 of 3 courses completed');
    await desk.screenshot({ path: `${ARTIFACTS}/miniapp-paths-mine-desktop-en.png`, fullPage: true });
    await clean(desk);
  });
});
