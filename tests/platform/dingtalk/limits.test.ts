// DingTalk's documented limits (limits.ts), both sides: the adapter's checker (conformance.ts) names what a
// payload breaks, and the emulator refuses the same payloads through the real client with DingTalk's answer
// shape (HTTP 400 {code, message}) — which the client classifies as permanent, so a test fails where the
// real platform would refuse. And the adapter never sends such a payload: it splits instead (update mode
// leaves a note and an app link).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card } from '../../../cards/view.js';
import { DingTalkApi } from '../../../adapters/dingtalk/api-client.js';
import { dingTalkProblems } from '../../../adapters/dingtalk/conformance.js';
import { DINGTALK_LIMITS as L } from '../../../adapters/dingtalk/limits.js';
import { DingTalkOutbound } from '../../../adapters/dingtalk/outbound.js';
import { stepCodec } from '../../../adapters/dingtalk/step-seal.js';
import { DeliveryError } from '../../../src/bot/port.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { z } from 'zod';

let emu: DingTalkEmulator;
let api: DingTalkApi;
const anything = z.unknown();
const appUrl = 'https://vitality.example/app';

beforeAll(async () => {
  emu = await startDingTalkEmulator();
  api = new DingTalkApi({ apiUrl: emu.url, oapiUrl: emu.url, appKey: emu.clientId, appSecret: emu.clientSecret });
});
afterAll(async () => emu.close());

const robot = (msgKey: string, msgParam: Record<string, string>) =>
  api.v1(
    'POST',
    '/v1.0/robot/oToMessages/batchSend',
    { robotCode: emu.clientId, userIds: ['u1'], msgKey, msgParam: JSON.stringify(msgParam) },
    anything,
  );

describe('DingTalk limits: the checker and the emulator agree', () => {
  const cases: { what: string; msgKey: string; msgParam: Record<string, string>; problem: RegExp }[] = [
    {
      what: 'a button title of 21 characters',
      msgKey: 'sampleActionCard',
      msgParam: { title: 'T', text: 'x', singleTitle: '按'.repeat(L.maxActionTitleChars + 1), singleURL: appUrl },
      problem: /singleTitle: 21 characters/,
    },
    {
      what: 'a title of 65 characters',
      msgKey: 'sampleMarkdown',
      msgParam: { title: 't'.repeat(L.maxCardTitleChars + 1), text: 'x' },
      problem: /title: 65 characters/,
    },
    {
      what: 'a message over 20,000 bytes',
      msgKey: 'sampleText',
      msgParam: { content: '字'.repeat(4000) + '😀'.repeat(2000) },
      problem: /bytes, over 20000/,
    },
    {
      what: 'six link buttons (no such robot message)',
      msgKey: 'sampleActionCard6',
      msgParam: { title: 'T', text: 'x', buttonTitle1: 'a', buttonUrl1: appUrl },
      problem: /buttonTitle2: missing/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.what}`, async () => {
      expect(dingTalkProblems({ kind: 'robot', msgKey: c.msgKey, msgParam: c.msgParam }).join('\n')).toMatch(c.problem);
      const err = await robot(c.msgKey, c.msgParam).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DeliveryError);
      expect((err as DeliveryError).kind).toBe('permanent');
      expect((err as DeliveryError).message).toContain('invalidParameter');
    });
  }

  it('accepts the same messages within the limits', async () => {
    const ok = {
      title: 't'.repeat(L.maxCardTitleChars),
      text: 'x',
      singleTitle: '按'.repeat(L.maxActionTitleChars),
      singleURL: appUrl,
    };
    expect(dingTalkProblems({ kind: 'robot', msgKey: 'sampleActionCard', msgParam: ok })).toEqual([]);
    await expect(robot('sampleActionCard', ok)).resolves.toBeDefined();
  });

  it('flags markdown outside DingTalk subset and a 13th template button', () => {
    const buttons = Array.from({ length: 13 }, (_, i) => ({ label: `b${i}`, style: 'default', k: 'x', v: String(i) }));
    const problems = dingTalkProblems({
      kind: 'card',
      cardParamMap: {
        title: 't',
        subtitle: '',
        tone: 'info',
        markdown: 'a\n\n---\n\n`code`',
        actions: JSON.stringify(buttons),
        hasActions: 'true',
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "markdown: horizontal rule is outside DingTalk's markdown subset",
        "markdown: inline code is outside DingTalk's markdown subset",
        'actions: 13 buttons, the template shows 12',
      ]),
    );
  });

  it('the emulator refuses a template card with 13 buttons; the adapter sends 14 buttons as two cards instead', async () => {
    const buttons = Array.from({ length: 13 }, (_, i) => ({ label: `b${i}`, style: 'default', k: 'x', v: String(i) }));
    const raw = api.v1(
      'POST',
      '/v1.0/card/instances/createAndDeliver',
      {
        cardTemplateId: 'tpl',
        outTrackId: 'raw-13',
        callbackType: 'STREAM',
        userIdType: 1,
        cardData: { cardParamMap: { title: 't', markdown: 'x', actions: JSON.stringify(buttons), hasActions: 'true' } },
        openSpaceId: 'dtv1.card//IM_ROBOT.u1',
        imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: emu.clientId },
      },
      anything,
    );
    await expect(raw).rejects.toThrow(/invalidParameter/);

    const out = new DingTalkOutbound(api, {
      robotCode: emu.clientId,
      cardTemplateId: 'tpl',
      appUrl,
      step: stepCodec('limits-test-secret-of-32-characters'),
    });
    const fourteen = card({
      header: { title: 'Rewards' },
      blocks: [
        {
          type: 'actions',
          buttons: Array.from({ length: 14 }, (_, i) => ({
            label: `Reward ${i + 1}`,
            action: { k: 'redeem', id: String(i + 1) },
          })),
        },
      ],
    });
    const sent = await out.send(
      { kind: 'user', platformUserId: 'u1' },
      { kind: 'card', card: fourteen },
      { idempotencyKey: 'k14' },
    );
    expect(sent.continuations).toHaveLength(1);
    const next = sent.continuations![0]!;
    expect(next.kind).toBe('card');
    const first = JSON.parse(emu.api.cards.get(sent.messageId)!.cardParamMap.actions!) as { id: string }[];
    const rest =
      next.kind === 'card'
        ? next.card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.action?.id) : []))
        : [];
    expect([...first.map((b) => b.id), ...rest]).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1)));

    // Updated in place, the same card cannot grow a second message: 12 fit, and a note with an app link says
    // the rest is in the app.
    await out.update({ messageId: sent.messageId, extra: { kind: 'card' } }, { kind: 'card', card: fourteen });
    const updated = emu.api.cards.get(sent.messageId)!.cardParamMap;
    const shown = JSON.parse(updated.actions!) as { url?: string; id?: string }[];
    expect(shown.length).toBeLessThanOrEqual(L.maxButtons);
    expect(shown.some((b) => b.url === appUrl)).toBe(true);
    expect(updated.markdown).toMatch(/more items do not fit in this card/);
  });
});
