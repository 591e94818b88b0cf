// More events than the server works on at once, on DingTalk's Stream Mode (issue 22): every frame is acked at
// once (a late ack makes DingTalk redeliver it), so a frame that gets no place among the events being worked on
// within INBOUND_WAIT_MS must not simply wait without end, nor be dropped in silence. With one place
// (INBOUND_CONCURRENCY=1) held by a message whose profile lookup hangs, the next person's message is answered
// "busy, nothing was changed" in a robot message and never reaches the core; sent again later, it is carried out.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { robotMessage } from '../../emulators/dingtalk/index.js';
import { t } from '../../../src/i18n/index.js';
import { dingId, robotTextsTo, sayAs, startDingTalkE2E, stopDingTalkE2E, wait, type DingTalkE2E } from './e2e-kit.js';

let k: DingTalkE2E;

beforeAll(async () => {
  k = await startDingTalkE2E(['zhang.wei', 'li.ming'], { INBOUND_CONCURRENCY: '1', INBOUND_WAIT_MS: '300' });
}, 60_000);
afterAll(async () => stopDingTalkE2E(k));

const push = (user: string, text: string) => {
  const msg = robotMessage({ userId: dingId(user), text, robotCode: k.emu.clientId });
  return { frame: k.emu.pushRobotMessage(msg), msgId: msg.msgId as string };
};

describe('DingTalk: frames beyond what the server works on at once', () => {
  it('are answered "busy" with nothing done; the held one completes; sent again, the refused one is carried out', async () => {
    // Zhang Wei's first message takes the only place and waits there on his profile (oapi user/get), held.
    const release = k.emu.holdNext('/topapi/v2/user/get');
    const first = push('zhang.wei', '/whoami');
    await vi.waitFor(() => expect(k.emu.stream.isAcked(first.frame)).toBe(true), wait);

    const second = push('li.ming', '/whoami');
    await vi.waitFor(() => expect(k.emu.stream.isAcked(second.frame)).toBe(true), wait);
    const busy = t('zh-CN', 'error.busy');
    await vi.waitFor(() => expect(robotTextsTo(k, 'li.ming').some((m) => m.includes(busy))).toBe(true), wait);
    expect(k.outcomes.get(second.msgId)).toBeUndefined();
    expect(k.outcomes.get(first.msgId)).toBeUndefined();

    release();
    await vi.waitFor(() => expect(k.outcomes.get(first.msgId)).toEqual(['handled']), wait);
    expect(k.outcomes.get(second.msgId)).toBeUndefined();
    // The refusal went to Li Ming once, and to no one else.
    expect(robotTextsTo(k, 'li.ming').filter((m) => m.includes(busy))).toHaveLength(1);
    expect(robotTextsTo(k, 'zhang.wei').some((m) => m.includes(busy))).toBe(false);

    await sayAs(k, 'li.ming', '/whoami');
  });
});
