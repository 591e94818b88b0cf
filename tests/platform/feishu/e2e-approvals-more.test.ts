// Issue 24 on Feishu, end to end through the real server, the Feishu adapter, the Lark SDK and the emulator:
// add-sign (加签), hand over (转交) and a parallel step (会签) decided from the cards people received. Each further
// action's button answers with its form in place; the form's submit carries form_value (person by work email,
// position, reason). Assertions read the emulator's messages and the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../../../src/domain/approvals/flow-schema.js';
import { ensureDefaultFlows } from '../../../src/domain/approvals/requests.js';
import type { EmuMessage } from '../../emulators/feishu/open-api.js';
import { current, type FeishuE2E, type Ref, refOn, startFeishuE2E, textOf } from './e2e-kit.js';

const TOKEN = 'vt-approvals-more-e2e';
const PEOPLE = ['zhang.wei', 'li.ming', 'lin.xiaowen', 'sun.li'];
let f: FeishuE2E;

beforeAll(async () => {
  f = await startFeishuE2E({ token: TOKEN, link: PEOPLE });
}, 60_000);
afterAll(async () => {
  await f?.stop();
});

const latestRequest = async () =>
  Number(((await f.h.sql.row('select max(id) as id from approval_requests')) as { id: number | null }).id ?? 0);
const request = async (rid: number) =>
  (await f.h.sql.row('select status, approvers from approval_requests where id = ?', rid)) as {
    status: string;
    approvers: string;
  };
const kinds = async (rid: number) =>
  (
    (await f.h.sql.rows('select kind from approval_decisions where request_id = ? order by id', rid)) as {
      kind: string;
    }[]
  ).map((d) => d.kind);

function messageWith(user: string, k: string, rid: number): { message: EmuMessage; ref: Ref } {
  const found = f
    .messagesTo(user)
    .filter((m) => m.msg_type === 'interactive')
    .map((message) => ({ message, ref: refOn(current(message), k, rid) }))
    .filter((x): x is { message: EmuMessage; ref: Ref } => x.ref !== undefined);
  if (!found.length) throw new Error(`${user} has no Feishu card with ${k} for request ${rid}`);
  return found.at(-1)!;
}

async function claim(user: string): Promise<number> {
  const before = await latestRequest();
  await f.say(user, '/claim 流程优化 ; Shorter stand-ups');
  await f.settle();
  const rid = await latestRequest();
  expect(rid).toBeGreaterThan(before);
  return rid;
}

/** Press a further action's button, then submit the form it answers with. */
async function viaForm(user: string, k: string, rid: number, values: Record<string, unknown>) {
  const { message, ref } = messageWith(user, k, rid);
  const ask = await f.press(user, message, ref);
  const submit = refOn(ask.card!.data, k, rid)!;
  expect(submit).toBeDefined();
  const answer = await f.press(user, message, submit, values);
  await f.settle();
  return answer;
}

async function setClaimFlow(steps: FlowDefinition['steps']) {
  await ensureDefaultFlows(f.h.app.db);
  const flow: FlowDefinition = { key: 'point-claim', name: { 'zh-CN': '积分申请', en: 'Point claim' }, steps };
  await f.h.sql.run('update approval_flows set definition = ? where key = ?', JSON.stringify(flow), flow.key);
}
const managerStep: FlowDefinition['steps'][number] = {
  id: 'manager',
  name: { 'zh-CN': '直属上级审批', en: 'Manager review' },
  approver: { type: 'manager' },
  onReject: 'return',
};

describe('approvals on Feishu (issue 24)', () => {
  it('add-sign before: HR decides first on its own card, then the manager; adding HR again is refused', async () => {
    await setClaimFlow([managerStep]);
    const [ming, sharon] = [await f.id('li.ming'), await f.id('lin.xiaowen')];
    const rid = await claim('zhang.wei');
    const added = await viaForm('li.ming', 'approval.addsign', rid, {
      person: 'lin.xiaowen@qingyun.example',
      position: 'before',
      reason: '请 HR 先看',
    });
    expect(added.toast).toEqual({ type: 'success', content: '已加签。' });
    expect(JSON.parse((await request(rid)).approvers)).toEqual([sharon]);
    const hr = messageWith('lin.xiaowen', 'approval.approve', rid);
    expect(textOf(current(hr.message))).toContain('请 HR 先看');
    await f.press('lin.xiaowen', hr.message, hr.ref);
    await f.settle();
    expect(JSON.parse((await request(rid)).approvers)).toEqual([ming]);
    const again = await viaForm('li.ming', 'approval.addsign', rid, {
      person: 'lin.xiaowen@qingyun.example',
      position: 'after',
      reason: '再看',
    });
    expect(again.toast).toEqual({ type: 'warning', content: '此人已审批过当前节点。' });
    const mine = messageWith('li.ming', 'approval.approve', rid);
    await f.press('li.ming', mine.message, mine.ref);
    expect((await request(rid)).status).toBe('approved');
    expect(await kinds(rid)).toEqual(['submit', 'add_sign', 'approve', 'approve']);
  });

  it('hand over: the new approver gets a card and decides; handing over to oneself is refused', async () => {
    await setClaimFlow([managerStep]);
    const sunLi = await f.id('sun.li');
    const rid = await claim('zhang.wei');
    const self = await viaForm('li.ming', 'approval.handover', rid, {
      person: 'li.ming@qingyun.example',
      reason: '出差',
    });
    expect(self.toast).toEqual({ type: 'warning', content: '不能选择你自己。' });
    expect(await kinds(rid)).toEqual(['submit']);
    const handed = await viaForm('li.ming', 'approval.handover', rid, {
      person: 'sun.li@qingyun.example',
      reason: '出差一周',
    });
    expect(handed.toast).toEqual({ type: 'success', content: '已转交。' });
    expect(JSON.parse((await request(rid)).approvers)).toEqual([sunLi]);
    const card = messageWith('sun.li', 'approval.approve', rid);
    await f.press('sun.li', card.message, card.ref);
    expect((await request(rid)).status).toBe('approved');
  });

  it('a parallel step: both approvers get a card; the first approval is counted, the second completes it', async () => {
    const [ming, sharon] = [await f.id('li.ming'), await f.id('lin.xiaowen')];
    await setClaimFlow([
      { ...managerStep, id: 'panel', mode: 'all', approver: { type: 'people', employeeIds: [ming, sharon] } },
    ]);
    const rid = await claim('zhang.wei');
    const hr = messageWith('lin.xiaowen', 'approval.approve', rid);
    const first = await f.press('lin.xiaowen', hr.message, hr.ref);
    expect(first.toast).toEqual({ type: 'success', content: '你的同意已记录，当前节点还在等待其他人。' });
    await f.settle();
    expect(await request(rid)).toMatchObject({ status: 'pending', approvers: JSON.stringify([ming]) });
    const mgr = messageWith('li.ming', 'approval.approve', rid);
    await f.press('li.ming', mgr.message, mgr.ref);
    expect((await request(rid)).status).toBe('approved');
    expect(await kinds(rid)).toEqual(['submit', 'approve', 'approve']);
  });
});
