// Access in the mini-app, in headless Chromium: an employee who opens a manager's page gets a clear
// forbidden message and the API answers 403 with no data; an expired session goes to sign-in and back to
// the same page; inside Feishu the page signs in by itself with the client's auth code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sign } from '@fastify/cookie';
import { ARTIFACTS, launchBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { dingTalkEnv, feishuEnv } from '../support/platform-harness.js';
import { startFeishuEmulator, type FeishuEmulator } from '../emulators/feishu/open-api.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../emulators/dingtalk/index.js';
import { openAs, PHONE, phonePage } from './miniapp-support.js';

const SECRET = 'browser-test-session-secret-0123456789abcdef';
let h: Harness;
let emu: FeishuEmulator;
let ding: DingTalkEmulator;
let browser: Browser;

beforeAll(async () => {
  emu = await startFeishuEmulator();
  ding = await startDingTalkEmulator();
  h = await startHarness({
    env: {
      SESSION_SECRET: SECRET,
      ...feishuEnv(emu),
      ...dingTalkEnv(ding),
    },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await emu?.close();
  await ding?.close();
});

describe('mini-app: access', () => {
  it("an employee on a manager's page sees a forbidden message, and the API answers 403 without data", async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/team`, 'Sophia Lee');
    const notice = page.locator('.notice.forbidden');
    await notice.getByText("You don't have permission to do that.").waitFor();
    expect(await page.locator('#team-points, #team-pulse, figure.chart').count()).toBe(0);
    // The employee's menu has no manager or HR entries.
    expect(await page.locator('nav.tabs a').allInnerTexts()).toEqual([
      'Home',
      'Approvals',
      'My ratings',
      'Leaderboard',
      'My training',
      'My path',
      'Announcements',
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-forbidden.png`, fullPage: true });
    for (const path of ['/api/team/pulse', '/api/team/points', '/api/team/paths', '/api/hr/report']) {
      const res = await page.request.get(`${h.url}${path}`);
      expect(res.status(), path).toBe(403);
      expect(await res.json(), path).toEqual({ error: "You don't have permission to do that.", code: 'forbidden' });
    }
    await page.goto(`${h.url}/app/hr/report`);
    await page.locator('.notice.forbidden').waitFor();
    await page.context().close();
  });

  it('an expired session goes to sign-in, then back to the page it was on', async () => {
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/claim`, 'Sophia Lee');
    await page.locator('#tag').waitFor();
    // The session cookie as the server would have issued it, ten hours ago: now expired.
    const stale = Buffer.from(JSON.stringify({ e: sophia.id, x: Date.now() - 1000, c: 'x'.repeat(32) })).toString(
      'base64url',
    );
    const url = new URL(h.url);
    await page.context().addCookies([
      {
        name: 'vitality_session',
        value: sign(stale, SECRET),
        domain: url.hostname,
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    // In-app navigation: the next API call answers 401, and the app goes to sign-in keeping the page.
    await page.locator('nav.tabbar').getByRole('link', { name: 'Approvals' }).click();
    await page.waitForURL((u) => u.pathname === '/app/signin' && u.searchParams.get('next') === '/app/approvals');
    await page.locator('button.person', { hasText: 'Sophia Lee' }).click();
    await page.waitForURL((u) => u.pathname === '/app/approvals');
    await page.getByText('Nothing is waiting on you.').waitFor();
    // A full load of a deep link with the expired cookie does the same.
    await page.context().addCookies([
      {
        name: 'vitality_session',
        value: sign(stale, SECRET),
        domain: url.hostname,
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    await page.goto(`${h.url}/app/rewards`);
    await page.waitForURL((u) => u.pathname === '/app/signin' && u.searchParams.get('next') === '/app/rewards');
    await page.locator('button.person', { hasText: 'Sophia Lee' }).click();
    await page.waitForURL((u) => u.pathname === '/app/rewards');
    await page.getByRole('button', { name: 'Redeem' }).first().waitFor();
    await page.context().close();
  });

  it('inside Feishu the page gets an auth code from tt.requestAuthCode and signs in by itself', async () => {
    const wang = (await h.employeeByEmail('wang.fang@qingyun.example'))!;
    emu.users.push({ open_id: 'ou_fiona', name: '王芳', email: 'wang.fang@qingyun.example', department_ids: [] });
    emu.authCodes.set('code-in-client', 'ou_fiona');
    const context = await browser.newContext(PHONE);
    context.setDefaultTimeout(10_000);
    // The Feishu client's JS API, as the H5 container injects it: hands out a one-time code for our app.
    await context.addInitScript(
      `window.tt = { requestAuthCode(o) { window.__askedAppId = o.appId; o.success({ code: 'code-in-client' }); } };`,
    );
    const page = await context.newPage();
    await page.goto(`${h.url}/app/team`);
    await page.waitForURL((u) => u.pathname === '/app/team');
    await page.locator('header.top .who', { hasText: wang.name }).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => (window as unknown as { __askedAppId?: string }).__askedAppId)).toBe(emu.appId);
    // Fiona heads 财务部: the team page is hers to see.
    await page.locator('#team-points').waitFor();
    expect(
      await h.sql.row(
        "select employee_id as id from platform_identities where platform = 'feishu' and platform_user_id = 'ou_fiona'",
      ),
    ).toEqual({ id: wang.id });
    await context.close();
  });

  it('inside DingTalk the page asks dd.runtime.permission.requestAuthCode with the corpId from the homepage URL', async () => {
    const huang = (await h.employeeByEmail('huang.jing@qingyun.example'))!;
    ding.api.users = [
      { userid: 'ding-huang', name: '黄静', org_email: 'huang.jing@qingyun.example', dept_id_list: [1] },
    ];
    ding.api.authCodes.set('dd-code', 'ding-huang');
    const context = await browser.newContext(PHONE);
    context.setDefaultTimeout(10_000);
    await context.addInitScript(
      `window.dd = { runtime: { permission: { requestAuthCode(o) { window.__corpId = o.corpId; o.onSuccess({ code: 'dd-code' }); } } } };`,
    );
    const page = await context.newPage();
    await page.goto(`${h.url}/app/?corpId=ding-corp-1`);
    await page.waitForURL((u) => u.pathname === '/app/' && u.searchParams.get('corpId') === 'ding-corp-1');
    await page.locator('header.top .who', { hasText: huang.name }).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => (window as unknown as { __corpId?: string }).__corpId)).toBe('ding-corp-1');
    expect(await h.sql.rows("select employee_id as id from platform_identities where platform = 'dingtalk'")).toEqual([
      { id: huang.id },
    ]);
    await context.close();
  });
});
