// The mini-app's launch (POST /api/hr/waves) with the sandbox off and Slack on (issue 17): people who never
// opened the app are looked up in Slack before the launch, and the answer names who is still not reachable,
// with the reason and the fix in HR's language.
import { describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack/index.js';
import { translator } from '../../src/i18n/index.js';
import { call, sessionCookie, type Session } from './client.js';
import { useEmulatorAndHarness } from '../support/platform-harness.js';
import { RND } from '../support/rnd-pulse.js';

const zh = translator('zh-CN');

describe('mini-app launch with the sandbox off (Slack only)', () => {
  let emu: SlackEmulator;
  let h: Harness;
  let hr: Session;
  useEmulatorAndHarness(
    () => startSlackEmulator({ botToken: 'xoxb-reach-web' }),
    (e) => ({
      SANDBOX_ENABLED: 'false',
      SLACK_BOT_TOKEN: 'xoxb-reach-web',
      SLACK_SIGNING_SECRET: 'reach-web-secret',
      SLACK_API_URL: e.url,
      SLACK_CLIENT_ID: 'cid-reach',
      SLACK_CLIENT_SECRET: 'csecret-reach',
    }),
    async (started) => {
      ({ emu, h } = started);
      await h.app.startupLink;
      // HR signs in with Slack (linked by e-mail on the way).
      emu.addUser({ id: 'ULINXIAOWEN', email: 'lin.xiaowen@qingyun.example', name: 'Sharon Lin' });
      emu.addAuthCode('code-hr', 'ULINXIAOWEN');
      const start = await call(h, 'GET', '/api/auth/slack/start?next=%2Fapp%2Fhr%2Flaunch');
      const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
      const oidc = start.headers
        .getSetCookie()
        .find((c) => c.startsWith('vitality_oidc='))!
        .split(';')[0]!;
      const back = await call(h, 'GET', `/api/auth/slack/callback?code=code-hr&state=${state}`, { cookie: oidc });
      const cookie = sessionCookie(back);
      hr = { cookie, csrf: String((await call(h, 'GET', '/api/me', { cookie })).body.csrf) };
    },
  );

  it('finds the R&D members who are in Slack, launches to them, and names the one who is not, with the fix', async () => {
    // Everyone in R&D but David Kim has a Slack account; none of them ever opened the app.
    for (const u of RND.filter((x) => x !== 'david.kim')) {
      const e = (await h.employeeByEmail(`${u}@qingyun.example`))!;
      emu.addUser({ id: `U${u.replace(/[^a-z]/g, '').toUpperCase()}`, email: e.email!, name: e.name });
    }
    const unit = (await h.sql.row("select id from org_units where name = '产品研发部'")) as { id: number };
    const templates = await call(h, 'GET', '/api/hr/launch-options', { session: hr });
    const templateId = (templates.body.templates as { id: number }[])[0]!.id;
    const r = await call(h, 'POST', '/api/hr/waves', {
      session: hr,
      body: { templateId, audienceUnitId: unit.id, days: 7 },
    });
    expect(r.status).toBe(200);
    expect(r.body.asked).toBe(7);
    const david = (await h.employeeByEmail('david.kim@qingyun.example'))!;
    expect(r.body.unreachable).toEqual([
      {
        employeeId: david.id,
        name: 'David Kim',
        reasons: [{ platform: 'slack', reason: 'not_found' }],
        text: zh('reach.reason.not_found', { platform: 'Slack' }),
      },
    ]);
    // The seven were linked and have their invitation queued on Slack; David is in the wave but not counted.
    const waveId = r.body.waveId as number;
    expect((await h.outbox()).filter((o) => o.platform === 'slack' && o.cardKey === `survey:${waveId}`)).toHaveLength(
      7,
    );
    expect(
      await h.sql.rows(
        'select reachable, count(*) as n from survey_participation where wave_id = ? group by reachable order by reachable',
        waveId,
      ),
    ).toEqual([
      { reachable: 0, n: 1 },
      { reachable: 1, n: 7 },
    ]);
    const waves = await call(h, 'GET', '/api/hr/waves', { session: hr });
    expect((waves.body.waves as { id: number; asked: number }[]).find((w) => w.id === waveId)?.asked).toBe(7);
  }, 60_000);
});
