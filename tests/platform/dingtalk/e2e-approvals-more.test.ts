// Issue 24 on DingTalk, end to end through the Stream adapter and the emulator: a parallel step (会签) decided on
// both approvers' cards; Add approver and Hand over need typed input the card cannot take, so — like Return and
// Reject — pressing them turns the card into a link to the mini-app, where the same actions are (the API and
// browser tests cover them there).
import { describe, expect, it, vi } from 'vitest';
import type { FlowDefinition } from '../../../src/domain/approvals/flow-schema.js';
import { ensureDefaultFlows } from '../../../src/domain/approvals/requests.js';
import type { Harness } from '../../support/harness.js';
import { readsOf } from '../../support/harness-reads.js';
import {
  approvalCardOf,
  buttonParams,
  buttonsOf,
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
const people = ['zhang.wei', 'li.ming', 'lin.xiaowen'];
const { id, latestRequest, request } = readsOf(() => h);

useLinkedDingTalkE2E(people, (started) => {
  kit = started;
  ({ emu, h } = started);
});

async function tap(user: string, c: Card, k: string): Promise<void> {
  const frame = emu.pushCardCallback(
    cardCallback({ userId: dingId(user), outTrackId: c.outTrackId, params: buttonParams(c, k) }),
  );
  await vi.waitFor(() => expect(emu.stream.isAcked(frame)).toBe(true), wait);
  await vi.waitFor(() => expect(kit!.outcomes.get(`card:${frame}`)).toEqual(['handled']), wait);
}

async function claim(user: string): Promise<number> {
  const before = await latestRequest();
  await sayAs(kit!, user, '/claim 流程优化 ; Shorter stand-ups');
  await vi.waitFor(async () => expect(await latestRequest()).toBeGreaterThan(before), wait);
  return await latestRequest();
}

async function setClaimFlow(steps: FlowDefinition['steps']) {
  await ensureDefaultFlows(h.app.db);
  const flow: FlowDefinition = { key: 'point-claim', name: { 'zh-CN': '积分申请', en: 'Point claim' }, steps };
  await h.sql.run('update approval_flows set definition = ? where key = ?', JSON.stringify(flow), flow.key);
}
const managerStep: FlowDefinition['steps'][number] = {
  id: 'manager',
  name: { 'zh-CN': '直属上级审批', en: 'Manager review' },
  approver: { type: 'manager' },
  onReject: 'return',
};

describe('approvals on DingTalk (issue 24)', () => {
  it('a parallel step: the first approval on a card is counted, the second completes the request', async () => {
    const [ming, sharon] = [await id('li.ming'), await id('lin.xiaowen')];
    await setClaimFlow([
      { ...managerStep, id: 'panel', mode: 'all', approver: { type: 'people', employeeIds: [ming, sharon] } },
    ]);
    const rid = await claim('zhang.wei');
    await tap('lin.xiaowen', await approvalCardOf(kit!, 'lin.xiaowen', rid), 'approval.approve');
    expect(await request(rid)).toMatchObject({ status: 'pending', approvers: JSON.stringify([ming]) });
    // Ming's copy is redrawn (from the outbox) with the request's new version before he presses it.
    const version = String(
      ((await h.sql.row('select version from approval_requests where id = ?', rid)) as { version: number }).version,
    );
    await vi.waitFor(
      async () => expect(buttonParams(await approvalCardOf(kit!, 'li.ming', rid), 'approval.approve').v).toBe(version),
      wait,
    );
    await tap('li.ming', await approvalCardOf(kit!, 'li.ming', rid), 'approval.approve');
    expect((await request(rid)).status).toBe('approved');
  });

  it('Add approver and Hand over on the card lead to the mini-app form; nothing changes meanwhile', async () => {
    await setClaimFlow([managerStep]);
    const rid = await claim('zhang.wei');
    const card = await approvalCardOf(kit!, 'li.ming', rid);
    const keys = buttonsOf(card)
      .map((b) => b.k)
      .filter(Boolean);
    expect(keys).toEqual(expect.arrayContaining(['approval.addsign', 'approval.handover']));
    await tap('li.ming', card, 'approval.addsign');
    await vi.waitFor(
      () =>
        expect(buttonsOf(emu.api.cards.get(card.outTrackId)!)).toEqual([
          { label: '打开表单', style: 'primary', url: `${h.app.config.publicBaseUrl}/app` },
        ]),
      wait,
    );
    expect(await request(rid)).toMatchObject({ status: 'pending', approvers: JSON.stringify([await id('li.ming')]) });
  });
});
