// End to end: the real server (harness) with the DingTalk adapter and the real dingtalk-stream DWClient,
// connected to the local DingTalk emulator over a WebSocket.
import { describe, expect, it, vi } from 'vitest';
import type { CoreResponse, InboundEvent, PlatformAdapter } from '../../../src/bot/port.js';
import { card } from '../../../cards/view.js';
import { t } from '../../../src/i18n/index.js';
import type { Harness } from '../../support/harness.js';
import {
  cardCallback,
  robotMessage,
  startDingTalkEmulator,
  type DingTalkEmulator,
} from '../../emulators/dingtalk/index.js';
import { dingTalkEnv, useEmulatorAndHarness } from '../../support/platform-harness.js';

let emu: DingTalkEmulator;
let h: Harness;
let adapter: PlatformAdapter;
const handled: { eventId: string; outcome: CoreResponse['outcome'] }[] = [];
let alice: { id: number; name: string; email: string };
let bob: { id: number; name: string; email: string };
const wait = { timeout: 10_000, interval: 20 };

const handledOf = (eventId: string) => handled.filter((x) => x.eventId === eventId).map((x) => x.outcome);

useEmulatorAndHarness(
  () => startDingTalkEmulator({ redeliverAfterMs: 5_000 }),
  (e) => ({
    ...dingTalkEnv(e),
    DINGTALK_CARD_TEMPLATE_ID: 'vitality-card.schema',
  }),
  async (started) => {
    ({ emu, h } = started);
    adapter = h.app.adapters.get('dingtalk')!;
    // Record what the core answered to each event the adapter handed it.
    const original = h.core.handle.bind(h.core);
    h.core.handle = async (event: InboundEvent) => {
      const res = await original(event);
      handled.push({ eventId: event.eventId, outcome: res.outcome });
      return res;
    };
    const people = (await h.sql.rows(
      'select id, name, email from employees where email is not null order by id',
    )) as (typeof alice)[];
    [alice, bob] = [people[0]!, people[1]!];
    emu.api.users = [
      { userid: 'ding-alice', name: alice.name, email: alice.email, dept_id_list: [1] },
      { userid: 'ding-bob', name: bob.name, org_email: bob.email, dept_id_list: [1] },
      { userid: 'ding-stranger', name: 'Stranger', dept_id_list: [1] },
    ];
    await vi.waitFor(() => expect(emu.stream.sockets.size).toBe(1), wait);
  },
);

async function helpCardFor(userid: string): Promise<string> {
  const before = emu.api.cards.size;
  const msg = robotMessage({ userId: userid, text: '/help', robotCode: emu.clientId });
  const id = emu.pushRobotMessage(msg);
  await vi.waitFor(() => expect(emu.stream.isAcked(id)).toBe(true), wait);
  await vi.waitFor(() => expect(handledOf(msg.msgId as string)).toEqual(['handled']), wait);
  await h.drainOutbox();
  // drainOutbox does not wait for a send the background worker already has in flight: wait for the card.
  await vi.waitFor(
    async () =>
      expect(emu.api.cards.size, JSON.stringify((await h.outbox()).map((r) => [r.status, r.lastError]))).toBe(
        before + 1,
      ),
    wait,
  );
  const card = [...emu.api.cards.values()].at(-1)!;
  expect(card.openSpaceId).toBe(`dtv1.card//IM_ROBOT.${userid}`);
  return card.outTrackId;
}

describe('dingtalk end to end', () => {
  it('subscribes to robot messages and card callbacks through the configured gateway', () => {
    expect(emu.stream.subscriptions[0]).toEqual([
      { type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' },
      { type: 'CALLBACK', topic: '/v1.0/card/instances/callback' },
    ]);
    expect(adapter.health?.()).toEqual({ ok: true });
  });

  it('answers a /help robot message with a card', async () => {
    const msg = robotMessage({ userId: 'ding-alice', text: '/help', robotCode: emu.clientId });
    const id = emu.pushRobotMessage(msg);
    await vi.waitFor(() => expect(emu.stream.isAcked(id)).toBe(true), wait);
    await vi.waitFor(() => expect(handledOf(msg.msgId as string)).toEqual(['handled']), wait);
    await h.drainOutbox();
    await vi.waitFor(async () => expect((await h.outbox())[0]?.status).toBe('sent'), wait);
    const card = [...emu.api.cards.values()].find((c) => c.openSpaceId === 'dtv1.card//IM_ROBOT.ding-alice');
    expect(card).toMatchObject({
      cardTemplateId: 'vitality-card.schema',
      callbackType: 'STREAM',
      cardParamMap: { title: t('zh-CN', 'help.title'), tone: 'info', hasActions: 'true' },
    });
    expect(JSON.parse(card!.cardParamMap.actions!)).toContainEqual({
      label: 'English',
      style: 'default',
      k: 'lang.set',
      v: 'en',
    });
    // The outbox remembers the card instance so it can be updated later.
    const row = (await h.outbox()).find((r) => r.sentRef?.includes(card!.outTrackId));
    expect(row?.status).toBe('sent');
    expect((await h.employeeByEmail(alice.email))?.id).toBe(alice.id); // linked by e-mail via oapi user/get
  });

  it('acks a card button callback and updates the card in place', async () => {
    const outTrackId = await helpCardFor('ding-bob');
    const id = emu.pushCardCallback(
      cardCallback({ userId: 'ding-bob', outTrackId, params: { k: 'lang.set', v: 'en' } }),
    );
    await vi.waitFor(() => expect(emu.stream.isAcked(id)).toBe(true), wait);
    await vi.waitFor(() => expect(emu.api.cards.get(outTrackId)?.updates).toBe(1), wait);
    expect(emu.api.cards.get(outTrackId)?.cardParamMap.title).toBe(t('en', 'help.title'));
    expect((await h.employeeByEmail(bob.email))?.locale).toBe('en');
    // The same callback frame pushed again is acked and not applied a second time.
    emu.stream.redeliver(id);
    await vi.waitFor(() => expect(handledOf(`card:${id}`)).toEqual(['handled', 'duplicate']), wait);
    expect(emu.api.cards.get(outTrackId)?.updates).toBe(1);
  });

  it('updates a card whose object is gone to say it expired', async () => {
    const outTrackId = await helpCardFor('ding-alice');
    emu.pushCardCallback(
      cardCallback({ userId: 'ding-alice', outTrackId, params: { k: 'gone.object', id: 'no-such-thing' } }),
    );
    await vi.waitFor(() => expect(emu.api.cards.get(outTrackId)?.updates).toBe(1), wait);
    expect(emu.api.cards.get(outTrackId)?.cardParamMap.title).toBe(t('zh-CN', 'error.cardExpired.title'));
  });

  it('walks a survey form as a stepper: one question per tap, one submit with every answer', async () => {
    const pulse = card({
      header: { title: 'Pulse' },
      blocks: [
        {
          type: 'form',
          id: 'pulse',
          fields: [
            { type: 'rating', id: 'q1', label: 'Workload', min: 1, max: 5 },
            {
              type: 'choice',
              id: 'q2',
              label: 'Team',
              options: [
                { value: 'ok', label: 'OK' },
                { value: 'bad', label: 'Bad' },
              ],
            },
          ],
          submit: { label: 'Send', action: { k: 'test.pulse', id: 'w1' } },
        },
      ],
    });
    const submitted: unknown[] = [];
    h.app.router.action({
      k: 'test.pulse',
      form: () => pulse,
      run: (_ctx, _action, values) => {
        submitted.push(values);
        return { outcome: 'handled', card: card({ header: { title: 'Thanks' }, blocks: [] }) };
      },
    });
    const ref = await adapter.send(
      { kind: 'user', platformUserId: 'ding-alice' },
      { kind: 'card', card: pulse },
      { idempotencyKey: 'pulse-1' },
    );
    // What the template sends back for a button: its params, without label and style.
    const tap = (index: number) => {
      const {
        label: _l,
        style: _s,
        ...params
      } = (JSON.parse(emu.api.cards.get(ref.messageId)!.cardParamMap.actions!) as Record<string, string>[])[index]!;
      return emu.pushCardCallback(cardCallback({ userId: 'ding-alice', outTrackId: ref.messageId, params }));
    };
    tap(3); // q1 = 4
    await vi.waitFor(() => expect(emu.api.cards.get(ref.messageId)?.updates).toBe(1), wait);
    expect(emu.api.cards.get(ref.messageId)?.cardParamMap.markdown).toBe('**Team** (2/2)');
    expect(submitted).toEqual([]);
    tap(1); // q2 = bad: the last question submits
    await vi.waitFor(() => expect(emu.api.cards.get(ref.messageId)?.updates).toBe(2), wait);
    expect(emu.api.cards.get(ref.messageId)?.cardParamMap.title).toBe('Thanks');
    expect(submitted).toEqual([{ q1: '4', q2: 'bad' }]);
  });

  it('applies a redelivered frame once', async () => {
    const msg = robotMessage({ userId: 'ding-alice', text: '/whoami', robotCode: emu.clientId });
    const id = emu.pushRobotMessage(msg);
    await vi.waitFor(() => expect(handledOf(msg.msgId as string)).toEqual(['handled']), wait);
    await h.drainOutbox();
    const rows = (await h.outbox()).length;
    emu.stream.redeliver(id); // DingTalk pushes the same frame again (e.g. its ACK was lost)
    await vi.waitFor(() => expect(handledOf(msg.msgId as string)).toEqual(['handled', 'duplicate']), wait);
    await h.drainOutbox();
    expect((await h.outbox()).length).toBe(rows); // no second reply was enqueued
    await vi.waitFor(() => expect(emu.stream.acks.filter((a) => a.messageId === id)).toHaveLength(2), wait);
  });

  it('answers a person who is not in the org in the conversation, through its sessionWebhook', async () => {
    const msg = robotMessage({
      userId: 'ding-stranger',
      text: '/help',
      robotCode: emu.clientId,
      sessionWebhook: emu.sessionWebhook('s-stranger'),
    });
    emu.pushRobotMessage(msg);
    await vi.waitFor(() => expect(handledOf(msg.msgId as string)).toEqual(['unknown_user']), wait);
    await vi.waitFor(
      () =>
        expect(emu.api.robotMessages.find((m) => m.to[0] === 's-stranger')).toEqual({
          kind: 'session',
          to: ['s-stranger'],
          msgKey: 'text',
          msgParam: { content: t('zh-CN', 'error.notInOrg') },
        }),
      wait,
    );
  });

  it('falls back to a robot message when the sessionWebhook is not usable', async () => {
    const msg = robotMessage({ userId: 'ding-stranger', text: '/whoami', robotCode: emu.clientId }); // webhook on another host
    emu.pushRobotMessage(msg);
    await vi.waitFor(() => expect(handledOf(msg.msgId as string)).toEqual(['unknown_user']), wait);
    await vi.waitFor(
      () =>
        expect(emu.api.robotMessages.find((m) => m.kind === 'user' && m.to[0] === 'ding-stranger')).toMatchObject({
          msgKey: 'sampleText',
          msgParam: { content: t('zh-CN', 'error.notInOrg') },
        }),
      wait,
    );
  });

  it('acks and ignores unknown topics, malformed data and garbage, and keeps working', async () => {
    const unknown = emu.stream.push('/v1.0/some/other/topic', '{}');
    const malformed = emu.stream.push('/v1.0/im/bot/messages/get', '{not json');
    emu.stream.pushRaw('this is not a frame');
    await vi.waitFor(() => {
      expect(emu.stream.isAcked(unknown)).toBe(true);
      expect(emu.stream.isAcked(malformed)).toBe(true);
    }, wait);
    const msg = robotMessage({
      userId: 'ding-alice',
      text: '@Vitality /whoami',
      group: 'cidTeam',
      robotCode: emu.clientId,
    });
    emu.pushRobotMessage(msg);
    await vi.waitFor(() => expect(handledOf(msg.msgId as string)).toEqual(['handled']), wait);
    await h.drainOutbox();
    await vi.waitFor(
      () => expect([...emu.api.cards.values()].some((c) => c.openSpaceId === 'dtv1.card//IM_GROUP.cidTeam')).toBe(true),
      wait,
    );
    expect(emu.stream.badAnswers).toEqual([]);
  });

  it('refreshes an expired access token and delivers', async () => {
    emu.api.expireAllTokens();
    const before = emu.callsTo('/v1.0/card/instances/createAndDeliver').length;
    const issued = emu.api.tokensIssued;
    await helpCardFor('ding-alice');
    const calls = emu.callsTo('/v1.0/card/instances/createAndDeliver').slice(before);
    expect(calls.map((c) => c.status)).toEqual([400, 200]);
    expect(emu.api.tokensIssued).toBe(issued + 1);
  });

  it('reconnects after the socket drops and keeps receiving', async () => {
    const opened = emu.stream.connectionsOpened;
    emu.stream.dropAll();
    await vi.waitFor(() => expect(emu.stream.connectionsOpened).toBe(opened + 1), wait);
    await vi.waitFor(() => expect(adapter.health?.()).toEqual({ ok: true }), wait);
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    const msg = robotMessage({ userId: 'ding-bob', text: '/whoami', robotCode: emu.clientId });
    emu.pushRobotMessage(msg);
    await vi.waitFor(() => expect(handledOf(msg.msgId as string)).toEqual(['handled']), wait);
  });

  it('reports the connection down in /readyz while the gateway refuses, and recovers', async () => {
    emu.stream.gatewayDown = true;
    emu.stream.dropAll();
    await vi.waitFor(
      () => expect(adapter.health?.()).toMatchObject({ ok: false, detail: expect.stringContaining('gateway') }),
      wait,
    );
    expect((await fetch(`${h.url}/readyz`)).status).toBe(503);
    emu.stream.gatewayDown = false;
    await vi.waitFor(() => expect(adapter.health?.()).toEqual({ ok: true }), wait);
  });
});
