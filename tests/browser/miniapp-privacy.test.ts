// HR exports one person's data in the mini-app, in headless Chromium at phone size: the menu entry, the person
// picker, the export button and the zip download (read back here). Sharon Lin reads zh-CN.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { openAs, openMenuEntry, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

describe('mini-app: HR exports a person’s data', () => {
  it('finds Olivia Brown, exports her data and downloads the zip', async () => {
    const olivia = (await h.employeeByEmail('olivia.brown@qingyun.example'))!.id;
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr`, 'Sharon Lin');
    await openMenuEntry(page, '个人数据');
    await page.waitForURL((u) => u.pathname === '/app/hr/privacy');
    await page.locator('#person-search').fill('olivia');
    await page.locator(`li[data-person="${olivia}"]`).getByRole('button', { name: '选择' }).click();
    await page.locator(`[data-selected="${olivia}"]`, { hasText: 'Olivia Brown' }).waitFor();
    expect(await h.sql.row('select count(*) as n from exports')).toEqual({ n: 0 });
    await page.getByRole('button', { name: '导出此人的数据' }).click();
    const link = page.locator('#person-download');
    await link.waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-privacy.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`person-${olivia}-export.zip`);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const person = JSON.parse(strFromU8(files['person.json']!)) as { profile: { name: string; email: string } };
    expect(person.profile).toMatchObject({ name: 'Olivia Brown', email: 'olivia.brown@qingyun.example' });
    expect(
      await h.sql.rows(
        "select subject from audit_log where action in ('privacy.export', 'export.download') order by id",
      ),
    ).toEqual([{ subject: `employee:${olivia}` }, { subject: `export:privacy:employee:${olivia}` }]);
  });

  it('a person who matches nobody is said so', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/privacy`, 'Sharon Lin');
    await page.locator('#person-search').fill('zzzz-nobody');
    await page.getByText('没有匹配的人。').waitFor();
  });
});
