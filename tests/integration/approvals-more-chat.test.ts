// Issue 24 in chat, end to end on the sandbox: add-sign (加签), hand over (转交) and a parallel step (会签) pressed
// on the cards as a platform would; a step's CC (抄送) gets a card without buttons; the applicant's Urge (催办)
// sends the card to the approver again, once a day. Refusals answer in the person's language and change nothing.
import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../../src/domain/approvals/flow-schema.js';
import { ensureDefaultFlows } from '../../src/domain/approvals/requests.js';
import { actionOf, cardsOf, command, hasAction, lastCard, press, textOfCard } from '../support/cards.js';
import { useHarness, type Harness } from '../support/harness.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const latestRequest = async () =>
  Number(((await h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id);
const row = async (rid: number) =>
  (await h.sql.row('select status, approvers, version from approval_requests where id = ?', rid)) as {
    status: string;
    approvers: string;
    version: number;
  };
const kinds = async (rid: number) =>
  (
    (await h.sql.rows('select kind from approval_decisions where request_id = ? order by id', rid)) as {
      kind: string;
    }[]
  ).map((d) => d.kind);
const claimFlow = async (steps: FlowDefinition['steps']) => {
  await ensureDefaultFlows(h.app.db);
  const flow: FlowDefinition = { key: 'point-claim', name: { 'zh-CN': '积分申请', en: 'Point claim' }, steps };
  await h.sql.run('update approval_flows set definition = ? where key = ?', JSON.stringify(flow), flow.key);
};
const managerStep = {
  id: 'manager',
  name: { 'zh-CN': '直属上级审批', en: 'Manager review' },
  approver: { type: 'manager' as const },
  onReject: 'return' as const,
};

async function claim(who: number): Promise<number> {
  const before = await latestRequest();
  await command(h, who, 'claim', '流程优化 ; Shorter stand-ups');
  expect(await latestRequest()).toBeGreaterThan(before);
  return await latestRequest();
}

describe('approvals in chat (issue 24)', () => {
  it('add-sign before: the added person decides first, then the approver; adding them again is refused', async () => {
    await claimFlow([managerStep]);
    const [wei, ming, sharon] = [await id('zhang.wei'), await id('li.ming'), await id('lin.xiaowen')];
    const rid = await claim(wei);
    const key = `approval:${rid}`;
    const card = await lastCard(h, ming, key);
    expect(hasAction(card, 'approval.addsign')).toBe(true);
    // Pressing the button opens the form; its submission carries the person, the position and the reason.
    const form = await press(h, ming, actionOf(card, 'approval.addsign'));
    const submit = actionOf(form.card!, 'approval.addsign');
    const res = await press(h, ming, submit, {
      person: 'lin.xiaowen@qingyun.example',
      position: 'before',
      reason: '请 HR 先看一下',
    });
    expect(res.toast?.text).toBe('已加签。');
    expect(JSON.parse((await row(rid)).approvers)).toEqual([sharon]);
    const sharonCard = await lastCard(h, sharon, key);
    expect(textOfCard(sharonCard)).toContain('加签');
    await press(h, sharon, actionOf(sharonCard, 'approval.approve'));
    expect(JSON.parse((await row(rid)).approvers)).toEqual([ming]);

    // Sharon already decided this step: adding her again is refused, nothing changes.
    const mingCard = await lastCard(h, ming, key);
    const before = await row(rid);
    const again = await press(
      h,
      ming,
      actionOf((await press(h, ming, actionOf(mingCard, 'approval.addsign'))).card!, 'approval.addsign'),
      {
        person: 'lin.xiaowen@qingyun.example',
        position: 'after',
        reason: '再看一次',
      },
    );
    expect(again).toMatchObject({ outcome: 'invalid', toast: { text: '此人已审批过当前节点。' } });
    expect(await row(rid)).toEqual(before);

    await press(h, ming, actionOf(mingCard, 'approval.approve'));
    expect((await row(rid)).status).toBe('approved');
    expect(await kinds(rid)).toEqual(['submit', 'add_sign', 'approve', 'approve']);
  });

  it('hand over: the new approver gets the card and decides; to oneself or to someone who left is refused', async () => {
    await claimFlow([managerStep]);
    const [wei, ming, sunLi, liuYang] = [
      await id('zhang.wei'),
      await id('li.ming'),
      await id('sun.li'),
      await id('liu.yang'),
    ];
    const rid = await claim(wei);
    const key = `approval:${rid}`;
    const submit = actionOf(
      (await press(h, ming, actionOf(await lastCard(h, ming, key), 'approval.handover'))).card!,
      'approval.handover',
    );
    const before = await row(rid);
    expect(await press(h, ming, submit, { person: 'li.ming@qingyun.example', reason: '出差' })).toMatchObject({
      outcome: 'invalid',
      toast: { text: '不能选择你自己。' },
    });
    await h.sql.run('update employees set active = false where id = ?', liuYang);
    expect(await press(h, ming, submit, { person: 'liu.yang@qingyun.example', reason: '出差' })).toMatchObject({
      outcome: 'invalid',
      toast: { text: '此人已离职。' },
    });
    await h.sql.run('update employees set active = true where id = ?', liuYang);
    expect(await press(h, ming, submit, { person: 'nobody', reason: '出差' })).toMatchObject({
      outcome: 'invalid',
      fieldErrors: { person: '此人不存在。' },
    });
    expect(await row(rid)).toEqual(before);

    expect((await press(h, ming, submit, { person: 'sun.li@qingyun.example', reason: '出差一周' })).toast?.text).toBe(
      '已转交。',
    );
    expect(JSON.parse((await row(rid)).approvers)).toEqual([sunLi]);
    // Ming's own copy is redrawn without the buttons; Sun Li's has them, and the timeline says who and why.
    expect(hasAction(await lastCard(h, ming, key), 'approval.approve')).toBe(false);
    const sunCard = await lastCard(h, sunLi, key);
    expect(textOfCard(sunCard)).toContain('出差一周');
    await press(h, sunLi, actionOf(sunCard, 'approval.approve'));
    expect((await row(rid)).status).toBe('approved');
  });

  it('a parallel step: both approvers get the card, the first approval is counted, the second completes it', async () => {
    const [wei, ming, sharon] = [await id('zhang.wei'), await id('li.ming'), await id('lin.xiaowen')];
    await claimFlow([
      { ...managerStep, id: 'panel', mode: 'all', approver: { type: 'people', employeeIds: [ming, sharon] } },
    ]);
    const rid = await claim(wei);
    const key = `approval:${rid}`;
    const first = await press(h, sharon, actionOf(await lastCard(h, sharon, key), 'approval.approve'));
    expect(first.toast?.text).toBe('你的同意已记录，当前节点还在等待其他人。');
    expect(await row(rid)).toMatchObject({ status: 'pending', approvers: JSON.stringify([ming]) });
    expect(hasAction(await lastCard(h, sharon, key), 'approval.approve')).toBe(false);
    await press(h, ming, actionOf(await lastCard(h, ming, key), 'approval.approve'));
    expect((await row(rid)).status).toBe('approved');
    expect(await kinds(rid)).toEqual(['submit', 'approve', 'approve']);
  });

  it("a step's CC gets a card without buttons; the applicant's urge reaches the approver once a day", async () => {
    const [wei, ming, tao] = [await id('zhang.wei'), await id('li.ming'), await id('song.tao')];
    await claimFlow([{ ...managerStep, cc: [{ type: 'person', employeeId: tao }] }]);
    const rid = await claim(wei);
    const key = `approval:${rid}`;
    const ccCard = await lastCard(h, tao, key);
    expect(textOfCard(ccCard)).toContain('仅供知悉');
    expect(hasAction(ccCard, 'approval.approve')).toBe(false);

    const sentToMing = (await cardsOf(h, ming, key)).length;
    const urge = actionOf(await lastCard(h, wei, key), 'approval.urge');
    expect((await press(h, wei, urge)).toast?.text).toBe('已催办审批人。');
    expect((await cardsOf(h, ming, key)).length).toBeGreaterThan(sentToMing);
    const again = await press(h, wei, actionOf(await lastCard(h, wei, key), 'approval.urge'));
    expect(again).toMatchObject({ outcome: 'invalid', toast: { text: '24 小时内你已催办过当前节点的审批人。' } });
    expect(await kinds(rid)).toEqual(['submit', 'urge']);
  });

  it('a transfer whose flow has a parallel step with nobody in it is refused, naming the step; nothing is written', async () => {
    await ensureDefaultFlows(h.app.db);
    const transfer: FlowDefinition = {
      key: 'transfer',
      name: { 'zh-CN': '调岗申请', en: 'Transfer' },
      steps: [
        {
          id: 'admins',
          name: { 'zh-CN': '管理员会签', en: 'Admins together' },
          approver: { type: 'role', role: 'admin' },
          mode: 'all',
          onReject: 'end',
        },
      ],
    };
    await h.sql.run('update approval_flows set definition = ? where key = ?', JSON.stringify(transfer), 'transfer');
    await h.sql.run("delete from employee_roles where role = 'admin'");
    const tao = await id('song.tao');
    const before = await latestRequest();
    await command(h, tao, 'transfer', '杭州西湖店 ; 离家更近');
    expect(textOfCard(await lastCard(h, tao))).toContain('节点「管理员会签」没有审批人');
    expect(await latestRequest()).toBe(before);
  });
});
