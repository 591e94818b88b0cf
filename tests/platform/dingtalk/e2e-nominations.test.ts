// Peer nomination and recognition on DingTalk (issue 24), end to end through the Stream adapter and the emulator:
// HR opts a tag in and sets the group by robot message, a colleague nominates by name, the nominee's manager taps
// Approve on the interactive card, the nominee is told and the announcement card is delivered to the group
// (createAndDeliver into IM_GROUP) once — a redelivered callback frame posts nothing more.
import { describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../support/harness.js';
import { readsOf } from '../../support/harness-reads.js';
import {
  approvalCardOf,
  buttonParams,
  dingId,
  sayAs,
  useLinkedDingTalkE2E,
  wait,
  type DingTalkE2E,
} from './e2e-kit.js';
import { cardCallback, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import type { Card } from '../../emulators/dingtalk/open-api.js';

let emu: DingTalkEmulator;
let h: Harness;
let kit: DingTalkE2E | undefined;
const people = ['zhang.wei', 'li.ming', 'lin.xiaowen', 'he.jun'];
const GROUP = 'cidRecognitionGroup';
const { id, latestRequest, request, balance } = readsOf(() => h);

useLinkedDingTalkE2E(people, (started) => {
  kit = started;
  ({ emu, h } = started);
});

/** Every card delivered to the person's robot chat, as text. */
const cardsTo = (user: string): string[] =>
  [...emu.api.cards.values()]
    .filter((c) => c.openSpaceId === `dtv1.card//IM_ROBOT.${dingId(user)}`)
    .map((c) => JSON.stringify(c.cardParamMap));
const groupCards = (): Card[] =>
  [...emu.api.cards.values()].filter((c) => c.openSpaceId === `dtv1.card//IM_GROUP.${GROUP}`);

describe('nominations on DingTalk (issue 24)', () => {
  it('nominate by name → the nominee’s manager approves → nominee told → announced in the group once', async () => {
    await sayAs(kit!, 'lin.xiaowen', '/recognition tag 跨部门支持 on');
    await sayAs(kit!, 'lin.xiaowen', `/recognition channel ${GROUP} zh-CN`);
    const [wei, ming] = [await id('zhang.wei'), await id('li.ming')];
    const points = await balance(wei);

    const before = await latestRequest();
    await sayAs(kit!, 'he.jun', '/nominate 张伟 跨部门支持 帮财务部重做了报销导入脚本');
    await vi.waitFor(async () => expect(await latestRequest()).toBe(before + 1), wait);
    const rid = await latestRequest();
    expect(JSON.parse((await request(rid)).approvers)).toEqual([ming]);
    expect(groupCards()).toEqual([]);

    const card = await approvalCardOf(kit!, 'li.ming', rid);
    expect(JSON.stringify(card.cardParamMap)).toContain('何俊 Jun He');
    const approve = buttonParams(card, 'approval.approve');
    const frame = emu.pushCardCallback(
      cardCallback({
        userId: dingId('li.ming'),
        outTrackId: card.outTrackId,
        params: approve,
      }),
    );
    await vi.waitFor(() => expect(emu.stream.isAcked(frame)).toBe(true), wait);
    await vi.waitFor(async () => expect((await request(rid)).status).toBe('approved'), wait);
    await h.drainOutbox();
    expect(await balance(wei)).toBe(points + 50);
    await vi.waitFor(() => expect(cardsTo('zhang.wei').join('\n')).toContain('+50 积分'), wait);
    await vi.waitFor(() => expect(cardsTo('he.jun').join('\n')).toContain('你对 张伟 Wei Zhang 的提名已通过'), wait);
    await vi.waitFor(() => expect(groupCards()).toHaveLength(1), wait);
    expect(JSON.stringify(groupCards()[0]!.cardParamMap)).toContain('张伟 Wei Zhang');

    // The same callback frame delivered again (DingTalk redelivers unacknowledged frames): nothing more posted.
    const again = emu.pushCardCallback(
      cardCallback({
        userId: dingId('li.ming'),
        outTrackId: card.outTrackId,
        params: approve,
      }),
    );
    await vi.waitFor(() => expect(emu.stream.isAcked(again)).toBe(true), wait);
    await h.drainOutbox();
    expect(groupCards()).toHaveLength(1);
  });

  it('a nomination of someone who has left is refused in the nominator’s language; nothing is written', async () => {
    await h.sql.run('update employees set active = false where id = ?', await id('xu.lan'));
    const before = await latestRequest();
    await sayAs(kit!, 'he.jun', '/nominate xu.lan@qingyun.example 跨部门支持 帮忙');
    expect(await latestRequest()).toBe(before);
    await vi.waitFor(() => expect(cardsTo('he.jun').join('\n')).toContain('徐岚 Lan Xu 已离职，无法提名。'), wait);
  });
});
