// HR's turnover page in headless Chromium (issue 25 §6), phone and desktop, zh-CN and en: two of Xihu's people
// left (the directory said so), the store is flagged, the pulse beside each store is shown or hidden as the
// report decides; HR changes the level and the threshold (a bad one refused with the field named), and the flag
// goes; an employee gets the forbidden message and no figures. Screenshots in test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { launchTo } from '../support/pulse.js';
import { applyDirectorySnapshot } from '../../src/domain/org/directory-sync.js';
import { answerAs, closeWaveNow, DESKTOP, openAs, phonePage, setLocaleOf } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let storesId: number;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  storesId = Number(((await h.sql.row("select id from org_units where name = '门店'")) as { id: number }).id);
  const opened = new Date(Date.now() - 2 * 86_400_000);
  const w = await launchTo(h.app.db, '门店', opened);
  for (const p of w.people) await answerAs(h, w.wave.id, p, w.values(4), new Date(opened.getTime() + 3_600_000));
  await closeWaveNow(h, w.wave.id);
  const leaving = (await h.sql.rows(
    "select e.id, e.email, e.name from employees e join org_units u on u.id = e.unit_id where u.name = '杭州西湖店' order by e.id desc limit 2",
  )) as { id: number; email: string; name: string }[];
  await applyDirectorySnapshot(
    h.app.db,
    'dingtalk',
    {
      units: [
        { externalId: 'd-stores', name: '门店' },
        { externalId: 'd-xihu', parentExternalId: 'd-stores', name: '杭州西湖店' },
      ],
      users: leaving.map((p) => ({
        externalUserId: `u-${p.id}`,
        name: p.name,
        email: p.email,
        unitExternalIds: ['d-xihu'],
        active: false,
      })),
    },
    { kind: 'system' },
    '青云科技',
  );
});

describe('mini-app: turnover', () => {
  it('HR on a phone (zh-CN): the flagged store, the pulse beside it, level and threshold changed', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/turnover?unit=${storesId}`, 'Sharon Lin');
    const xihu = page.locator('article.turnover-unit[data-unit="杭州西湖店"]');
    await xihu.waitFor();
    expect(await xihu.getAttribute('data-flagged')).toBe('true');
    await xihu.getByText('超过门槛').waitFor();
    expect(await xihu.locator('[data-leavers]').innerText()).toBe('2');
    expect(await page.locator('article.turnover-unit[data-flagged="true"]').count()).toBe(1);
    // All eighteen answered: every store's pulse is shown, with the dimension names in Chinese.
    for (const store of ['上海徐汇店', '杭州西湖店', '深圳南山店'])
      expect(
        await page.locator(`article.turnover-unit[data-unit="${store}"] [data-pulse]`).getAttribute('data-pulse'),
      ).toBe('shown');
    expect(await xihu.locator('[data-pulse]').innerText()).toMatch(/4\.0/);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-turnover-phone-zh.png`, fullPage: true });

    // A bad threshold: refused at the field, nothing changes.
    await page.locator('#turnover-threshold').fill('0');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('#turnover-threshold[aria-invalid="true"]').waitFor();
    await page.getByText('门槛是年化流失率').first().waitFor();
    // 300% a year: Xihu's ≈162% is under it, the flag goes.
    await page.locator('#turnover-threshold').fill('300');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存：年化流失率达到或超过 300% 的门店会被标出。').waitFor();
    await expect.poll(() => xihu.getAttribute('data-flagged')).toBe('false');
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'settings.turnover_threshold'")).toEqual(
      { n: 1 },
    );

    // The whole company at level 1: HQ and the stores' group.
    await page.goto(`${h.url}/app/hr/turnover`);
    await page.locator('article.turnover-unit[data-unit="门店"]').waitFor();
    await page.locator('article.turnover-unit[data-unit="总部"]').waitFor();
  });

  it('HR on a desktop (en) reads the same figures; an employee gets the forbidden message', async () => {
    const context = await browser.newContext(DESKTOP);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await openAs(page, `${h.url}/app/hr/turnover?unit=${storesId}&days=30`, 'Sharon Lin');
    await setLocaleOf(page, 'en');
    await page.reload();
    const xihu = page.locator('article.turnover-unit[data-unit="杭州西湖店"]');
    await xihu.waitFor();
    await page.getByRole('heading', { name: 'Turnover' }).first().waitFor();
    expect(await xihu.locator('[data-leavers]').innerText()).toBe('2');
    await page.locator('select[data-filter="days"]').selectOption('365');
    await page.waitForURL(/days=365/);
    await xihu.locator('[data-leavers]', { hasText: '2' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-turnover-desktop-en.png`, fullPage: true });

    const other = await phonePage(browser);
    await openAs(other, `${h.url}/app/hr/turnover`, 'Sophia Lee');
    await other.locator('.notice.forbidden').getByText("You don't have permission to do that.").waitFor();
    expect(await other.locator('article.turnover-unit').count()).toBe(0);
  });
});
