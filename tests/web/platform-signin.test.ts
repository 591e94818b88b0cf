// Sign-in inside Feishu and DingTalk: the front end's auth code goes to /api/auth/<platform>, the server
// exchanges it through the adapter (against the local emulator of each platform's Open API), maps the
// identity to the employee by e-mail, links it, and starts a session. A stranger gets no session. Slack:
// Sign in with Slack (OpenID Connect) — start redirects to Slack with a state, the callback checks it.
import { describe, expect, it } from 'vitest';
import { startDingTalkEmulator, type DingTalkEmulator } from '../emulators/dingtalk/index.js';
import { startFeishuEmulator, type FeishuEmulator } from '../emulators/feishu/open-api.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack/index.js';
import type { Harness } from '../support/harness.js';
import { dingTalkEnv, feishuEnv, useEmulatorAndHarness } from '../support/platform-harness.js';
import { call, sessionCookie } from './client.js';

const identities = async (h: Harness, platform: string) =>
  await h.sql.rows(
    'select platform_user_id as uid, employee_id as eid from platform_identities where platform = ? order by platform_user_id',
    platform,
  );

describe('Feishu H5 sign-in', () => {
  let emu: FeishuEmulator;
  let h: Harness;
  useEmulatorAndHarness(startFeishuEmulator, feishuEnv, (started) => ({ emu, h } = started));

  it('offers Feishu sign-in with the app id the JS API needs', async () => {
    const o = await call(h, 'GET', '/api/auth/options');
    expect(o.body.feishu).toEqual({ appId: emu.appId });
  });

  it('exchanges the code, links the open_id by e-mail, and the session works; the code is single-use', async () => {
    const wang = (await h.employeeByEmail('wang.fang@qingyun.example'))!;
    emu.users.push({ open_id: 'ou_wang', name: '王芳', email: 'Wang.Fang@qingyun.example', department_ids: [] });
    emu.authCodes.set('code-wang', 'ou_wang');
    const a = await call(h, 'POST', '/api/auth/feishu', { body: { code: 'code-wang' } });
    expect(a.status).toBe(200);
    const me = await call(h, 'GET', '/api/me', { cookie: sessionCookie(a) });
    expect(me.body).toMatchObject({ id: wang.id, name: wang.name });
    expect(await identities(h, 'feishu')).toEqual([{ uid: 'ou_wang', eid: wang.id }]);
    expect(emu.calls.some((c) => c.path === '/open-apis/authen/v2/oauth/token')).toBe(true);
    const again = await call(h, 'POST', '/api/auth/feishu', { body: { code: 'code-wang' } });
    expect(again.status).toBe(401);
    expect(again.body).toEqual({
      error: 'Sign-in failed: the code was refused. Please try again.',
      code: 'auth_failed',
    });
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('a Feishu user who is not in the organisation gets 403 and no session', async () => {
    emu.users.push({
      open_id: 'ou_stranger',
      name: 'Stranger',
      email: 'stranger@elsewhere.example',
      department_ids: [],
    });
    emu.authCodes.set('code-stranger', 'ou_stranger');
    const a = await call(h, 'POST', '/api/auth/feishu', { body: { code: 'code-stranger' } });
    expect(a.status).toBe(403);
    expect(a.body.code).toBe('not_in_org');
    expect(a.headers.getSetCookie()).toEqual([]);
    expect(await identities(h, 'feishu')).toEqual([
      { uid: 'ou_wang', eid: (await h.employeeByEmail('wang.fang@qingyun.example'))!.id },
    ]);
  });

  it('DingTalk sign-in is not offered when DingTalk is not configured', async () => {
    const a = await call(h, 'POST', '/api/auth/dingtalk', { body: { code: 'x' } });
    expect(a.status).toBe(404);
  });
});

describe('DingTalk H5 sign-in', () => {
  let emu: DingTalkEmulator;
  let h: Harness;
  useEmulatorAndHarness(startDingTalkEmulator, dingTalkEnv, (started) => ({ emu, h } = started));

  it('exchanges the code (getuserinfo, then user/get for the e-mail) and links the userid', async () => {
    const li = (await h.employeeByEmail('li.ming@qingyun.example'))!;
    emu.api.users = [{ userid: 'ding-li', name: '李明', org_email: 'li.ming@qingyun.example', dept_id_list: [1] }];
    emu.api.authCodes.set('code-li', 'ding-li');
    const a = await call(h, 'POST', '/api/auth/dingtalk', { body: { code: 'code-li' } });
    expect(a.status).toBe(200);
    const me = await call(h, 'GET', '/api/me', { cookie: sessionCookie(a) });
    expect(me.body).toMatchObject({ id: li.id, isManager: true });
    expect(await identities(h, 'dingtalk')).toEqual([{ uid: 'ding-li', eid: li.id }]);
    // Second sign-in: found by the linked identity.
    emu.api.authCodes.set('code-li-2', 'ding-li');
    expect((await call(h, 'POST', '/api/auth/dingtalk', { body: { code: 'code-li-2' } })).status).toBe(200);
  });

  it('a refused code is 401; an empty code is 400', async () => {
    expect((await call(h, 'POST', '/api/auth/dingtalk', { body: { code: 'never-issued' } })).status).toBe(401);
    const empty = await call(h, 'POST', '/api/auth/dingtalk', { body: { code: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toHaveProperty('code');
  });
});

describe('Sign in with Slack (OpenID Connect)', () => {
  let emu: SlackEmulator;
  let h: Harness;
  useEmulatorAndHarness(
    () => startSlackEmulator({ botToken: 'xoxb-web' }),
    (e) => ({
      SLACK_BOT_TOKEN: 'xoxb-web',
      SLACK_SIGNING_SECRET: 'web-signing-secret',
      SLACK_API_URL: e.url,
      SLACK_CLIENT_ID: 'cid-web',
      SLACK_CLIENT_SECRET: 'csecret-web',
    }),
    (started) => ({ emu, h } = started),
  );

  it('redirects to Slack with a state, and the callback with that state signs in and returns to the page', async () => {
    const olivia = (await h.employeeByEmail('olivia.brown@qingyun.example'))!;
    emu.addUser({ id: 'U0OLIVIA', email: 'olivia.brown@qingyun.example', name: 'Olivia' });
    emu.addAuthCode('slack-code-1', 'U0OLIVIA');
    const start = await call(h, 'GET', '/api/auth/slack/start?next=%2Fapp%2Frewards');
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get('location')!);
    expect(to.origin + to.pathname).toBe(`${new URL(emu.url).origin}/openid/connect/authorize`);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code',
      scope: 'openid email profile',
      client_id: 'cid-web',
    });
    const state = to.searchParams.get('state')!;
    const oidc = start.headers
      .getSetCookie()
      .find((c) => c.startsWith('vitality_oidc='))!
      .split(';')[0]!;

    // A callback with another state (a forged link) is refused.
    const forged = await call(h, 'GET', `/api/auth/slack/callback?code=slack-code-1&state=other`, { cookie: oidc });
    expect(forged.headers.get('location')).toBe('/app/signin?error=slack');
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('vitality_session='))).toBe(false);

    const back = await call(h, 'GET', `/api/auth/slack/callback?code=slack-code-1&state=${state}`, { cookie: oidc });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/app/rewards');
    const me = await call(h, 'GET', '/api/me', { cookie: sessionCookie(back) });
    expect(me.body).toMatchObject({ id: olivia.id });
    expect(await identities(h, 'slack')).toEqual([{ uid: 'U0OLIVIA', eid: olivia.id }]);
  });

  it('refuses a next page outside the app (no open redirect)', async () => {
    expect((await call(h, 'GET', '/api/auth/slack/start?next=https%3A%2F%2Fevil.example')).status).toBe(400);
    expect((await call(h, 'GET', '/api/auth/slack/start?next=%2F%2Fevil.example')).status).toBe(400);
  });
});
