// A store rating cycle's page in headless Chromium (issue 16 items 8 and 9): on a phone HR uploads the
// complaint-rate CSV with one bad row — the row's problem is shown in her language, then the good rows are
// taken; in the sandbox chat she sends `/rating import <cycle>` with the CSV on the lines below (typed and
// pasted into the composer); on a desktop she pastes more rows with one bad value, then closes the cycle,
// which first shows what is still missing and closes only once she confirms.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import { command } from '../support/cards.js';
import type { Harness } from '../support/harness.js';
import { openAs, phonePage } from './miniapp-support.js';

const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'en-US' } as const;
let h: Harness;
let browser: Browser;
let cycleId: number;
const complaints = async () =>
  (
    (await h.sql.row("select count(*) as n from ratings where cycle_id = ? and dimension = 'complaints'", cycleId)) as {
      n: number;
    }
  ).n;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  await command(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id, 'rating', 'open store 深圳南山店 14');
  cycleId = ((await h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
});

async function desktopPage(): Promise<Page> {
  const context = await browser.newContext(DESKTOP);
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

describe('a rating cycle page', () => {
  it('phone: uploading the indicator CSV lists the bad row by line; the good rows can then be taken', async () => {
    const page = await phonePage(browser);
    // Sharon Lin reads Chinese.
    await openAs(page, `${h.url}/app/hr/ratings/${cycleId}`, 'Sharon Lin');
    const form = page.locator('form#indicator-import');
    await form.getByRole('heading', { name: '导入客诉率' }).waitFor();
    const csv =
      'email,dimension,value\nye.qing@qingyun.example,complaints,2\nnobody@qingyun.example,complaints,1\njiang.tao@qingyun.example,complaints,5\n';
    await form
      .locator('#indicator-file')
      .setInputFiles({ name: 'complaints.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => form.locator('#indicator-csv').inputValue()).toBe(csv);
    await form.getByRole('button', { name: '导入', exact: true }).click();
    await form
      .locator('.problems li[data-line="3"]', { hasText: '第 3 行：找不到邮箱为“nobody@qingyun.example”的人员' })
      .waitFor();
    expect(await form.locator('.problems li').count()).toBe(1);
    expect(await complaints()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-rating-cycle-upload-errors.png`, fullPage: true });

    await form.getByRole('button', { name: '只导入 2 行有效数据，跳过其余行' }).click();
    await page.locator('.notice.success', { hasText: '已导入 2 个数值。' }).waitFor();
    await page.locator('#coverage li[data-dimension="complaints"]', { hasText: '2 / 6' }).waitFor();
    expect(await complaints()).toBe(2);
    await page.context().close();
  });

  it('sandbox: a multi-line `/rating import` typed and pasted into the composer is imported', async () => {
    const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
    const page = await phonePage(browser);
    await page.goto(`${h.url}/sandbox?person=${hr.id}`);
    const composer = page.getByTestId('composer');
    await composer.click();
    await page.keyboard.type(`/rating import ${cycleId}`);
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('email,dimension,value');
    await page.keyboard.press('Shift+Enter');
    // Pasted lines keep their line breaks.
    await page.keyboard.insertText('pan.yue@qingyun.example,complaints,1\nsophia.lee@qingyun.example,complaints,0');
    expect(await composer.inputValue()).toBe(
      `/rating import ${cycleId}\nemail,dimension,value\npan.yue@qingyun.example,complaints,1\nsophia.lee@qingyun.example,complaints,0`,
    );
    await page.keyboard.press('Enter');
    await page.locator('.msg.bot article.card', { hasText: '已导入 2 个数值' }).waitFor();
    await expect
      .poll(() => page.locator('.msg.user').last().innerText())
      .toContain('email,dimension,value\npan.yue@qingyun.example');
    expect(await composer.inputValue()).toBe('');
    expect(await complaints()).toBe(4);
    await page.screenshot({ path: `${ARTIFACTS}/sandbox-rating-import-multiline.png` });
    await page.context().close();
  });

  it('desktop: pasting rows with a bad value, then closing shows what is missing and needs a confirmation', async () => {
    const page = await desktopPage();
    await openAs(page, `${h.url}/app/hr/ratings/${cycleId}`, 'Sharon Lin');
    const form = page.locator('form#indicator-import');
    await form.locator('#indicator-csv').click();
    await page.keyboard.insertText(
      'email,dimension,value\ndu.peng@qingyun.example,complaints,lots\ntom.harris@qingyun.example,complaints,3',
    );
    await form.getByRole('button', { name: '导入', exact: true }).click();
    await form.locator('.problems li[data-line="2"]', { hasText: '第 2 行：“lots”不是数字' }).waitFor();
    await form.getByRole('button', { name: '只导入 1 行有效数据，跳过其余行' }).click();
    await page.locator('.notice.success', { hasText: '已导入 1 个数值。' }).waitFor();
    await page.locator('#coverage li[data-dimension="complaints"]', { hasText: '5 / 6' }).waitFor();
    expect(await complaints()).toBe(5);

    // Closing: nobody rated dish quality or new products, and one complaint rate is missing.
    await page.locator('#cycle').getByRole('button', { name: '结束并公布' }).click();
    const confirm = page.locator('.confirm-close');
    await confirm.locator('li[data-dimension="complaints"]', { hasText: '客诉率：6 人中有 1 人未填写' }).waitFor();
    await confirm.locator('li[data-dimension="dish_quality"]', { hasText: '出品质量：6 人中有 6 人未填写' }).waitFor();
    expect(
      ((await h.sql.row('select closed_at as c from rating_cycles where id = ?', cycleId)) as { c: string | null }).c,
    ).toBeNull();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-rating-cycle-close-confirm.png`, fullPage: true });
    await confirm.getByRole('button', { name: '仍然结束并公布' }).click();
    await page.locator('.notice.success', { hasText: '缺分时未计入的维度：出品质量, 客诉率, 新品贡献' }).waitFor();
    expect(
      ((await h.sql.row('select closed_at as c from rating_cycles where id = ?', cycleId)) as { c: string | null }).c,
    ).not.toBeNull();
    await page.context().close();
  });
});
