// Issue 17 items 5 and 6 on DingTalk, end to end through the real adapter, the real dingtalk-stream client
// and the emulator:
// - a tap by someone the approval step is not waiting on leaves the card instance's data as it is (no PUT
//   /v1.0/card/instances: that would replace the card for everyone who sees it) and the presser gets the
//   reason as a robot message of their own;
// - a SYSTEM `disconnect` frame makes the client open its next connection at once: a frame pushed right
//   after is handled within the 2 s bound (before, it waited ~11 s for the old socket to close); a
//   frame still arriving on the old socket is handled and ACKed there, and one delivered on both, once.
import { describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../support/harness.js';
import { readsOf } from '../../support/harness-reads.js';
import {
  approvalCardOf,
  buttonParams,
  dingId,
  sayAs,
  robotTextsTo,
  useLinkedDingTalkE2E,
  wait,
  type DingTalkE2E,
} from './e2e-kit.js';
import { cardCallback, robotMessage, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import type { Card } from '../../emulators/dingtalk/open-api.js';
import { TOPIC_ROBOT } from '../../../adapters/dingtalk/normalize.js';
import { t } from '../../../src/i18n/index.js';

let emu: DingTalkEmulator;
let h: Harness;
let kit: DingTalkE2E | undefined;
const people = ['zhang.wei', 'li.ming', 'liu.yang'];
const { latestRequest } = readsOf(() => h);
const status = async (rid: number) =>
  ((await h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status;
const textsTo = (user: string) => robotTextsTo(kit!, user);

async function tap(user: string, c: Card, k: string, expected: string): Promise<void> {
  const frame = emu.pushCardCallback(
    cardCallback({ userId: dingId(user), outTrackId: c.outTrackId, params: buttonParams(c, k) }),
  );
  await vi.waitFor(() => expect(kit!.outcomes.get(`card:${frame}`)).toEqual([expected]), wait);
}

useLinkedDingTalkE2E(people, (started) => {
  kit = started;
  ({ emu, h } = started);
});

describe('DingTalk: a refused press answers only the presser', () => {
  it("liu.yang taps Approve on li.ming's card: the card's data is unchanged, liu.yang is told why", async () => {
    await sayAs(kit!, 'zhang.wei', '/claim 流程优化 ; Renegotiated the produce contract ; 15%');
    const rid = await latestRequest();
    const card = await approvalCardOf(kit!, 'li.ming', rid);
    const before = { updates: card.updates, data: structuredClone(card.cardParamMap) };
    const toldBefore = textsTo('liu.yang').length;

    await tap('liu.yang', card, 'approval.approve', 'invalid');
    const reason = [t('en', 'approval.error.not_approver'), t('zh-CN', 'approval.error.not_approver')];
    await vi.waitFor(
      () =>
        expect(
          textsTo('liu.yang')
            .slice(toldBefore)
            .some((m) => reason.some((r) => m.includes(r))),
        ).toBe(true),
      wait,
    );
    await h.drainOutbox();
    expect(card.updates).toBe(before.updates);
    expect(card.cardParamMap).toEqual(before.data);
    expect(
      emu.calls.filter(
        (c) => c.path === '/v1.0/card/instances' && (c.body as { outTrackId?: string }).outTrackId === card.outTrackId,
      ),
    ).toEqual([]);

    await tap('li.ming', card, 'approval.approve', 'handled');
    expect(await status(rid)).toBe('approved');
  });
});

describe('DingTalk: a disconnect frame', () => {
  it('opens the next connection at once; a frame pushed right after is handled within 2 s', async () => {
    const opened = emu.stream.connectionsOpened;
    emu.stream.sendDisconnect(10_000);
    const msg = robotMessage({ userId: dingId('liu.yang'), text: '/whoami', robotCode: emu.clientId });
    const frame = emu.pushRobotMessage(msg);
    await vi.waitFor(() => expect(kit!.outcomes.get(msg.msgId as string)).toEqual(['handled']), {
      timeout: 2_000,
      interval: 20,
    });
    expect(emu.stream.connectionsOpened).toBe(opened + 1);
    await vi.waitFor(
      () =>
        expect(emu.stream.acks.filter((a) => a.messageId === frame)).toEqual([
          expect.not.objectContaining({ onLeaving: true }),
        ]),
      wait,
    );
    expect(emu.stream.leavingOpen()).toBe(1);

    // A frame DingTalk still had in flight on the old connection: handled, and ACKed on that connection.
    const late = robotMessage({ userId: dingId('liu.yang'), text: '/whoami', robotCode: emu.clientId });
    const lateFrame = emu.stream.pushOnLeaving(TOPIC_ROBOT, JSON.stringify(late));
    await vi.waitFor(() => expect(kit!.outcomes.get(late.msgId as string)).toEqual(['handled']), wait);
    await vi.waitFor(
      () =>
        expect(emu.stream.acks.filter((a) => a.messageId === lateFrame)).toEqual([
          expect.objectContaining({ onLeaving: true }),
        ]),
      wait,
    );

    // The same frame on both connections: handled once, ACKed on each. The adapter ACKs a frame and then, in
    // the same turn, hands it to the core (or drops it as already seen): once both ACKs are in, every call the
    // core will get for it has begun. Its outcome comes when the handling is done (later on a slower database).
    const started: string[] = [];
    const handle = h.core.handle;
    h.core.handle = async (event) => {
      started.push(event.eventId);
      return await handle(event);
    };
    try {
      const both = robotMessage({ userId: dingId('liu.yang'), text: '/whoami', robotCode: emu.clientId });
      const bothFrame = emu.stream.pushOnLeaving(TOPIC_ROBOT, JSON.stringify(both));
      emu.stream.push(TOPIC_ROBOT, JSON.stringify(both), 'CALLBACK', bothFrame);
      await vi.waitFor(() => expect(emu.stream.acks.filter((a) => a.messageId === bothFrame)).toHaveLength(2), wait);
      expect(started.filter((id) => id === both.msgId)).toHaveLength(1);
      await vi.waitFor(() => expect(kit!.outcomes.get(both.msgId as string)).toEqual(['handled']), wait);
    } finally {
      h.core.handle = handle;
    }
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });
});
