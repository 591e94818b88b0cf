// Issue 24 on Slack, end to end through the real server, the Slack adapter and the emulator: add-sign (加签),
// hand over (转交) and a parallel step (会签) from the cards people received. A further action's button opens its
// modal at once (views.open with the press's trigger_id); the submission (view_submission) carries the person
// by work email, the position and the reason. Assertions read the emulator's messages and the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../../../src/domain/approvals/flow-schema.js';
import { ensureDefaultFlows } from '../../../src/domain/approvals/requests.js';
import {
  command,
  linkByHome,
  messageWithButton,
  modalOpenedBy,
  pressButton,
  radio,
  settle,
  startSlackE2E,
  submitModal,
  typed,
  type SlackE2E,
} from './e2e-kit.js';

const USERS = ['zhang.wei', 'li.ming', 'lin.xiaowen', 'sun.li'];
let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('approvals-more-e2e-secret', USERS);
  await linkByHome(k, USERS);
});
afterAll(async () => k?.stop());

const latestRequest = async () =>
  Number(((await k.h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id);
const request = async (rid: number) =>
  (await k.h.sql.row('select status, approvers from approval_requests where id = ?', rid)) as {
    status: string;
    approvers: string;
  };
const kinds = async (rid: number) =>
  (
    (await k.h.sql.rows('select kind from approval_decisions where request_id = ? order by id', rid)) as {
      kind: string;
    }[]
  ).map((d) => d.kind);

async function setClaimFlow(steps: FlowDefinition['steps']) {
  await ensureDefaultFlows(k.h.app.db);
  const flow: FlowDefinition = { key: 'point-claim', name: { 'zh-CN': '积分申请', en: 'Point claim' }, steps };
  await k.h.sql.run('update approval_flows set definition = ? where key = ?', JSON.stringify(flow), flow.key);
}
const managerStep: FlowDefinition['steps'][number] = {
  id: 'manager',
  name: { 'zh-CN': '直属上级审批', en: 'Manager review' },
  approver: { type: 'manager' },
  onReject: 'return',
};

async function claim(user: string): Promise<number> {
  const before = await latestRequest();
  await command(k, user, 'claim 流程优化 ; Shorter stand-ups');
  await settle(k);
  const rid = await latestRequest();
  expect(rid).toBeGreaterThan(before);
  return rid;
}

async function press(user: string, rid: number, kind: string) {
  const card = messageWithButton(k, user, kind, String(rid));
  const pressed = await pressButton(k, user, card, kind);
  await settle(k);
  return pressed;
}

/** Press a further action's button and submit the modal it opens. */
async function viaModal(user: string, rid: number, kind: string, values: Parameters<typeof submitModal>[3]) {
  const { payload } = await press(user, rid, kind);
  const view = await modalOpenedBy(k, payload);
  const sub = await submitModal(k, user, view, values);
  await settle(k);
  return sub;
}

describe('approvals on Slack (issue 24)', () => {
  it('add-sign before: HR decides first on its own card, then the manager; adding HR again changes nothing', async () => {
    await setClaimFlow([managerStep]);
    const [ming, sharon] = [await k.empId('li.ming'), await k.empId('lin.xiaowen')];
    const rid = await claim('zhang.wei');
    const added = await viaModal('li.ming', rid, 'approval.addsign', {
      person: typed('lin.xiaowen@qingyun.example'),
      position: radio('before'),
      reason: typed('请 HR 先看'),
    });
    expect(added.status).toBe(200);
    expect(JSON.parse((await request(rid)).approvers)).toEqual([sharon]);
    await press('lin.xiaowen', rid, 'approval.approve');
    expect(JSON.parse((await request(rid)).approvers)).toEqual([ming]);
    const again = await viaModal('li.ming', rid, 'approval.addsign', {
      person: typed('lin.xiaowen@qingyun.example'),
      position: radio('after'),
      reason: typed('再看'),
    });
    // Refused at the person field: the modal stays open to correct it, nothing is written.
    expect(JSON.parse(again.body)).toEqual({
      response_action: 'errors',
      errors: { person: '此人已审批过当前节点。' },
    });
    expect(await kinds(rid)).toEqual(['submit', 'add_sign', 'approve']);
    // The card is the add-sign form while its modal is open; Ming approves with the text command instead.
    await command(k, 'li.ming', `approve ${rid}`);
    await settle(k);
    expect((await request(rid)).status).toBe('approved');
  });

  it('hand over: the new approver gets a card and decides; an unknown person is answered at the field', async () => {
    await setClaimFlow([managerStep]);
    const rid = await claim('zhang.wei');
    const unknown = await viaModal('li.ming', rid, 'approval.handover', {
      person: typed('nobody'),
      reason: typed('出差'),
    });
    expect(JSON.parse(unknown.body)).toEqual({ response_action: 'errors', errors: { person: '此人不存在。' } });
    expect(await kinds(rid)).toEqual(['submit']);
    await viaModal('li.ming', rid, 'approval.handover', {
      person: typed('sun.li@qingyun.example'),
      reason: typed('出差一周'),
    });
    expect(JSON.parse((await request(rid)).approvers)).toEqual([await k.empId('sun.li')]);
    await press('sun.li', rid, 'approval.approve');
    expect((await request(rid)).status).toBe('approved');
    expect(await kinds(rid)).toEqual(['submit', 'hand_over', 'approve']);
  });

  it('a parallel step: both approvers get a card; the first approval is counted, the second completes it', async () => {
    const [ming, sharon] = [await k.empId('li.ming'), await k.empId('lin.xiaowen')];
    await setClaimFlow([
      { ...managerStep, id: 'panel', mode: 'all', approver: { type: 'people', employeeIds: [ming, sharon] } },
    ]);
    const rid = await claim('zhang.wei');
    const first = await press('lin.xiaowen', rid, 'approval.approve');
    expect(first.res.toast?.text).toBe('你的同意已记录，当前节点还在等待其他人。');
    expect(await request(rid)).toMatchObject({ status: 'pending', approvers: JSON.stringify([ming]) });
    await press('li.ming', rid, 'approval.approve');
    expect((await request(rid)).status).toBe('approved');
    expect(await kinds(rid)).toEqual(['submit', 'approve', 'approve']);
  });
});
