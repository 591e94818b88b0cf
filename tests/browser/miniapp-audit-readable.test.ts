// The audit log page as HR sees it (issue 16, item 13), in headless Chromium: each entry reads as a sentence
// in the reader's language naming its target, details as labelled fields; no raw action key or JSON is
// visible — the key and the recorded data are only behind each row's closed "Advanced" disclosure and in
// the filter option's value.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import { command } from '../support/cards.js';
import type { Harness } from '../support/harness.js';
import { openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  await command(h, await id('lin.xiaowen'), 'survey', 'launch 上海徐汇店 3');
  await command(h, await id('lin.xiaowen'), 'survey', 'threshold 6');
  await command(h, await id('zhang.wei'), 'survey', 'launch all');
});

const keys = async () =>
  ((await h.sql.rows('select distinct action from audit_log')) as { action: string }[]).map((r) => r.action);

async function visibleText(person: string, expectSentence: string) {
  const page = await phonePage(browser);
  await openAs(page, `${h.url}/app/hr/audit`, person);
  const list = page.locator('table.audit');
  await list.getByText(expectSentence).first().waitFor();
  const text = await list.innerText();
  const options = await page.locator('#f-action option').allInnerTexts();
  return { page, text, options };
}

describe('mini-app: the audit log in words', () => {
  it('zh-CN', async () => {
    const { page, text, options } = await visibleText('Sharon Lin', '发起了第 1 期调查 · 上海徐汇店');
    expect(text).toContain('使用命令 /survey 被拒绝');
    expect(text).toContain('匿名门槛');
    for (const k of await keys()) {
      expect(text).not.toContain(k);
      expect(options).not.toContain(k);
    }
    expect(text).not.toMatch(/[{}]|":/);
    // The raw record is only behind each row's closed "高级" disclosure (issue 19 item 7).
    const raw = page.locator('table.audit tr[data-action="survey.launch"] details.advanced');
    expect(await raw.count()).toBe(1);
    expect(await raw.getAttribute('open')).toBeNull();
    expect(await raw.getByText('记录类型：survey.launch').isVisible()).toBe(false);
    await raw.locator('summary', { hasText: '高级' }).click();
    await raw.getByText('记录类型：survey.launch').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-audit-words.png`, fullPage: true });
    await page.context().close();
  });

  it('en', async () => {
    await command(h, await id('lin.xiaowen'), 'lang', 'en');
    const { page, text } = await visibleText('Sharon Lin', 'launched survey wave 1 · 上海徐汇店');
    expect(text).toContain('was refused the command /survey');
    for (const k of await keys()) expect(text).not.toContain(k);
    expect(text).not.toMatch(/[{}]|":/);
    await page.context().close();
  });

  it('an employee opening it is refused and told where to go instead (issue 16, item 12)', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/audit`, '张伟 Wei Zhang');
    const notice = page.locator('.notice.forbidden');
    await notice.getByText('无权访问').waitFor();
    await notice.getByRole('link', { name: '回到首页，查看对你开放的内容' }).click();
    await page.waitForURL(/\/app\/?$/);
    await page.context().close();
  });
});
