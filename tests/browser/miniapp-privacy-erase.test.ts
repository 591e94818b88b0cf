// HR erases a person who has left from the mini-app's person-data page, in headless Chromium at phone size:
// someone still here cannot be erased; a leaver is erased only after the confirmation step. Sharon Lin reads zh-CN.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import { findEverywhere } from '../support/db-search.js';
import type { Harness } from '../support/harness.js';
import { openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

describe('mini-app: HR erases a person who has left', () => {
  it('offers no erase for someone still here, and erases a leaver after confirming', async () => {
    const olivia = (await h.employeeByEmail('olivia.brown@qingyun.example'))!.id;
    const he = (await h.employeeByEmail('he.jun@qingyun.example'))!.id;
    await h.sql.run('update employees set active = false where id = ?', he);
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/privacy`, 'Sharon Lin');

    await page.locator('#person-search').fill('olivia');
    await page.locator(`li[data-person="${olivia}"]`).getByRole('button', { name: '选择' }).click();
    await page.locator(`[data-selected="${olivia}"]`).getByText('只能删除已离职人员的个人信息。').waitFor();
    expect(await page.locator('#erase-person').count()).toBe(0);

    await page.locator('#person-search').fill('he.jun');
    await page.locator(`li[data-person="${he}"]`).getByRole('button', { name: '选择' }).click();
    await page.locator(`[data-selected="${he}"]`, { hasText: '何俊 Jun He' }).waitFor();
    await page.locator('#erase-person').click();
    await page.locator('#erase-question', { hasText: '无法撤销' }).waitFor();
    // Nothing happens until the second press.
    expect(await h.sql.row('select name from employees where id = ?', he)).toEqual({ name: '何俊 Jun He' });
    await page.locator('#erase-confirm').click();
    await page.locator('#erase-done', { hasText: `Erased #${he}` }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-privacy-erase.png`, fullPage: true });
    for (const trace of ['何俊', 'Jun He', 'he.jun@qingyun.example'])
      expect(await findEverywhere(h.sql, trace), trace).toEqual([]);
  });
});
