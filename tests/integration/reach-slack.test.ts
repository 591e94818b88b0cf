// Reach (issue 17): with the sandbox off and Slack the only platform, a fan-out finds the people who never
// talked to the bot (the adapter's findUsers against the Slack Web API emulator: users.lookupByEmail /
// users.list), links them in the core, and tells HR the truth about the rest — who, why, and what to fix.
// People nobody reaches are not counted in participation until they become reachable, and then get the card.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import {
  EMU_BOT_ID,
  EMU_BOT_USER_ID,
  payloads,
  slackSender,
  startSlackEmulator,
  type SlackEmulator,
} from '../emulators/slack/index.js';
import type { BotCore, CoreResponse, InboundEvent } from '../../src/bot/port.js';
import { command, linkByHome, messagesIn, textOfBlocks, type SlackE2E } from '../platform/slack/e2e-kit.js';
import { getWave } from '../../src/domain/surveys/waves.js';
import { waveStatus } from '../../src/domain/surveys/wave-status.js';
import { translator } from '../../src/i18n/index.js';
import type { CardView } from '../../cards/view.js';
import { textOfCard } from '../support/cards.js';
import { postedChannel } from '../emulators/slack/web-api.js';

const SECRET = 'reach-secret';
const HR = 'lin.xiaowen';
const zh = translator('zh-CN');

const slackIdOf = (user: string): string => `U${user.replace(/[^a-z]/gi, '').toUpperCase()}`;
const userOf = (email: string) => email.split('@')[0]!;

/** The real server with Slack on and the sandbox off; `inSlack` (demo users) exist in the emulator before start. */
async function start(inSlack: (user: string) => boolean, scopes?: string[]): Promise<SlackE2E> {
  const emu: SlackEmulator = await startSlackEmulator({ botToken: `xoxb-${SECRET}` });
  if (scopes) emu.setScopes(scopes);
  // The demo org is only known once the harness seeded it: read it from a throwaway copy of the CSV.
  const { demoOrgCsv } = await import('../../src/domain/org/demo-org.js');
  const rows = demoOrgCsv()
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(','));
  for (const r of rows) {
    const email = r[0]!;
    if (inSlack(userOf(email))) emu.addUser({ id: slackIdOf(userOf(email)), email, name: r[1]!, locale: 'en-US' });
  }
  const h = await startHarness({
    env: {
      SANDBOX_ENABLED: 'false',
      SLACK_BOT_TOKEN: `xoxb-${SECRET}`,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: emu.url,
      SLACK_BOT_ID: EMU_BOT_ID,
      SLACK_BOT_USER_ID: EMU_BOT_USER_ID,
    },
  });
  const handled: SlackE2E['handled'] = [];
  const core: BotCore = h.core;
  const original = core.handle.bind(core);
  vi.spyOn(core, 'handle').mockImplementation((event: InboundEvent) => {
    const res = original(event);
    handled.push({ event, res });
    return res;
  });
  return {
    emu,
    h,
    slack: slackSender({ serverUrl: h.url, signingSecret: SECRET }),
    handled,
    empId: async (user) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id,
    slackId: slackIdOf,
    dm: (u) => `D${slackIdOf(u)}`,
    stop: async () => {
      await h.stop();
      await emu.close();
    },
  };
}

async function addToSlack(k: SlackE2E, user: string): Promise<void> {
  const e = (await k.h.employeeByEmail(`${user}@qingyun.example`))!;
  k.emu.addUser({ id: slackIdOf(user), email: e.email!, name: e.name, locale: 'en-US' });
}

/** A slash command, and everything the core did for it (a launch looks people up after the command's commit). */
async function slash(k: SlackE2E, user: string, text: string): Promise<CoreResponse> {
  const seen = k.handled.length;
  const res = await k.slack.slashCommand(
    payloads.slashCommand({ command: '/vitality', text, userId: slackIdOf(user), responseUrl: k.emu.responseUrl() }),
  );
  expect([res.status, res.text]).toEqual([200, '']);
  await vi.waitFor(() => expect(k.handled.length).toBeGreaterThan(seen), { timeout: 10_000 });
  const out = await k.handled[seen]!.res;
  await k.h.core.whenIdle();
  return out;
}

/** Cards the outbox holds for a Slack user (queued or delivered), oldest first. */
async function slackCards(h: Harness, user: string, cardKey?: string): Promise<CardView[]> {
  return (await h.outbox())
    .filter(
      (r) =>
        r.platform === 'slack' &&
        r.op === 'send' &&
        JSON.parse(r.recipient).platformUserId === slackIdOf(user) &&
        (cardKey === undefined || r.cardKey === cardKey),
    )
    .map((r) => (JSON.parse(r.message) as { card: CardView }).card);
}

const latestWave = async (h: Harness) =>
  ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
const slackLinked = async (h: Harness) =>
  ((await h.sql.row("select count(*) as n from platform_identities where platform = 'slack'")) as { n: number }).n;

let k: SlackE2E | undefined;
afterEach(async () => {
  await k?.stop();
  k = undefined;
});

describe('reach on Slack (sandbox off)', () => {
  it('39 people, 3 linked: /survey launch all finds the other 36 (users.list / users.lookupByEmail), posts 39 invitations and says "sent to 39"', async () => {
    // Nobody is in Slack when the server starts, so the start-up link job finds nobody …
    k = await start(() => false);
    await k.h.app.startupLink;
    expect(await slackLinked(k.h)).toBe(0);
    // … then the whole company joins the workspace; three of them open the app.
    const all = ((await k.h.sql.rows('select email from employees where active = true')) as { email: string }[]).map(
      (r) => userOf(r.email),
    );
    expect(all).toHaveLength(39);
    for (const u of all) await addToSlack(k, u);
    await linkByHome(k, [HR, 'li.ming', 'tom.harris']);
    expect(await slackLinked(k.h)).toBe(3);

    const before = k.emu.calls.length;
    await command(k, HR, 'survey launch all 7');
    const waveId = await latestWave(k.h);
    expect(k.emu.calls.slice(before).some((c) => c.method === 'users.list' || c.method === 'users.lookupByEmail')).toBe(
      true,
    );
    expect(await slackLinked(k.h)).toBe(39);
    // 39 invitations posted, one to each person's DM.
    const invited = k.emu.calls
      .slice(before)
      .filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.response?.ok === true &&
          JSON.stringify(c.args.blocks ?? []).includes('survey.answer'),
      );
    expect(new Set(invited.map((c) => postedChannel(c)))).toEqual(new Set(all.map((u) => k!.dm(u))));
    expect(invited).toHaveLength(39);
    const confirm = textOfBlocks(messagesIn(k, k.dm(HR)).at(-1)!.blocks);
    expect(confirm).toContain(`第 ${waveId} 轮已发送给 39 人`);
    expect(confirm).not.toContain('无法送达');
    expect((await waveStatus(k.h.app.db, (await getWave(k.h.app.db, waveId))!, new Date())).asked).toBe(39);
    // Each lookup is on the record.
    expect(await k.h.sql.row("select count(*) as n from audit_log where action = 'identity.link'")).toEqual({
      n: 36,
    });
  }, 180_000);

  it('2 unknown to Slack and 1 without e-mail: "sent to 36, 3 not reachable" with names and fixes; the rate counts 36; they join when found', async () => {
    // Everyone but Ming Li and Sophia Lee (unknown to Slack) and Lan Xu (no e-mail on file) is in Slack.
    k = await start((u) => !['li.ming', 'sophia.lee', 'xu.lan'].includes(u));
    await k.h.sql.run('update employees set email = null where id = ?', await k.empId('xu.lan'));
    // The start-up link job (after the adapters start) found the 36 in Slack.
    await k.h.app.startupLink;
    expect(await slackLinked(k.h)).toBe(36);

    await slash(k, HR, 'survey launch all 7');
    const waveId = await latestWave(k.h);
    // HR heard at once that 3 people are being looked up, then got the result.
    const hrTitles = (await slackCards(k.h, HR)).map((c) => c.header?.title);
    expect(hrTitles.indexOf(zh('reach.lookingUp.title'))).toBeLessThan(
      hrTitles.lastIndexOf(zh('survey.launched.title')),
    );
    expect(
      textOfCard((await slackCards(k.h, HR)).find((c) => c.header?.title === zh('reach.lookingUp.title'))),
    ).toContain(zh('reach.lookingUp.body', { count: 3 }));
    const confirm = textOfCard((await slackCards(k.h, HR)).at(-1));
    expect(confirm).toContain(`第 ${waveId} 轮已发送给 36 人（全员），3 人无法送达`);
    expect(confirm).toContain(zh('reach.unreachable.title', { count: 3 }));
    const slack = zh('reach.platform.slack');
    for (const [name, reason] of [
      ['李明 Ming Li', zh('reach.reason.not_found', { platform: slack })],
      ['Sophia Lee', zh('reach.reason.not_found', { platform: slack })],
      ['徐岚 Lan Xu', zh('reach.reason.no_email', { platform: slack })],
    ] as const) {
      expect(confirm).toContain(JSON.stringify(zh('reach.unreachable.line', { name, reasons: reason })).slice(1, -1));
    }
    // 36 invitations; the participation denominator is 36, and reminders would skip the three.
    expect((await k.h.outbox()).filter((r) => r.cardKey === `survey:${waveId}`)).toHaveLength(36);
    const db = k.h.app.db;
    expect(await waveStatus(db, (await getWave(db, waveId))!, new Date())).toMatchObject({ asked: 36, answered: 0 });

    // A claim whose approver (Ming Li, Jing Chen's manager) is not reachable is kept for him, not lost.
    await slash(k, 'chen.jing', 'claim 成本控制 ; Cut packaging cost ; ¥20000');
    const requestId = ((await k.h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
    expect(
      await k.h.sql.rows(
        'select card_key as cardKey from unreached_messages where employee_id = ?',
        await k.empId('li.ming'),
      ),
    ).toEqual([{ cardKey: `approval:${requestId}` }]);
    expect(await slackCards(k.h, 'li.ming')).toEqual([]);

    // Sophia joins Slack and opens the app: linked on first contact, she gets the open wave's card; 37 asked.
    await addToSlack(k, 'sophia.lee');
    await linkByHome(k, ['sophia.lee']);
    await vi.waitFor(async () => expect(await slackCards(k!.h, 'sophia.lee', `survey:${waveId}`)).toHaveLength(1));
    expect((await waveStatus(db, (await getWave(db, waveId))!, new Date())).asked).toBe(37);

    // Ming Li joins; the minute tick respects the memory of his failed lookup (asked a moment ago) …
    await addToSlack(k, 'li.ming');
    const lookupsBefore = k.emu.callsTo('users.lookupByEmail').length + k.emu.callsTo('users.list').length;
    await k.h.app.reach.resolveUnreached();
    expect(k.emu.callsTo('users.lookupByEmail').length + k.emu.callsTo('users.list').length).toBe(lookupsBefore);
    // … the link job asks again (users.lookupByEmail for a few people): he gets the wave's card and the kept claim.
    await k.h.app.reach.linkAll();
    expect(k.emu.callsTo('users.lookupByEmail').map((c) => c.args.email)).toContain('li.ming@qingyun.example');
    expect(await slackCards(k.h, 'li.ming', `survey:${waveId}`)).toHaveLength(1);
    expect(textOfCard((await slackCards(k.h, 'li.ming', `approval:${requestId}`)).at(-1))).toContain(
      'Cut packaging cost',
    );
    expect((await waveStatus(db, (await getWave(db, waveId))!, new Date())).asked).toBe(38);
    expect(await k.h.sql.row('select count(*) as n from unreached_messages')).toEqual({ n: 0 });
  }, 120_000);

  it('a lookup the app may not make (no users:read.email) names the missing scope to HR', async () => {
    k = await start((u) => [HR].includes(u));
    await k.h.app.startupLink;
    await linkByHome(k, [HR]);
    // Then the e-mail scope is taken away from the app, and the R&D team joins Slack.
    k.emu.setScopes(['chat:write', 'commands', 'im:history', 'im:write', 'users:read']);
    for (const u of ['li.ming', 'zhang.wei']) await addToSlack(k, u);
    await slash(k, HR, 'survey launch 产品研发部 7');
    const confirm = textOfCard((await slackCards(k.h, HR)).at(-1));
    expect(confirm).toContain('8 人无法送达');
    expect(confirm).toContain('users:read.email');
    expect(confirm).toContain(
      zh('reach.reason.forbidden', { platform: 'Slack', detail: 'users:read.email' }).split('（')[0]!,
    );
    // Nothing is asked of Slack again and again: the reason is stored with when it was tried.
    const rows = (await k.h.sql.rows(
      "select detail from platform_lookups where platform = 'slack' and reason = 'forbidden'",
    )) as { detail: string }[];
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.detail.includes('users:read.email'))).toBe(true);
  }, 60_000);
});
