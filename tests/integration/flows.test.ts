// HR edits approval flows as data: validated, versioned, and refused when stale, looping or unresolvable.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOWS } from '../../src/domain/approvals/default-flows.js';
import { useHarness, type Harness } from '../support/harness.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const claimFlow = DEFAULT_FLOWS.find((f) => f.key === 'point-claim')!;
const version = async () =>
  ((await h.sql.row("select version from approval_flows where key = 'point-claim'")) as { version: number }).version;

describe('/flow', () => {
  it('refuses a loop, an approver nobody can be, a stale edit — and saves a valid one; running requests keep their flow', async () => {
    const hr = await id('lin.xiaowen');
    const say = async (args: string) => {
      await command(h, hr, 'flow', args);
      return textOfCard(await lastCard(h, hr));
    };
    expect(await say('show point-claim')).toContain('v1');

    // A claim in flight before the change.
    await command(h, await id('zhang.wei'), 'claim', '解决重大问题 ; Fixed the POS outage ; 4 hours');
    const inFlight = ((await h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;

    const looping = {
      ...claimFlow,
      steps: [
        { ...claimFlow.steps[0]!, next: 'hr' },
        { ...claimFlow.steps[1]!, next: 'manager' },
      ],
    };
    expect(await say(`set point-claim 1 ${JSON.stringify(looping)}`)).toContain('流程在此步骤形成了循环');
    const nobody = {
      ...claimFlow,
      steps: [{ ...claimFlow.steps[0]!, approver: { type: 'person', employeeId: 99999 } }],
    };
    expect(await say(`set point-claim 1 ${JSON.stringify(nobody)}`)).toContain('这一步找不到任何审批人');
    expect(await say(`set point-claim 1 ${JSON.stringify({ ...claimFlow, steps: [] })}`)).toContain('流程无效');
    expect(await version()).toBe(1);

    // Manager only: HR no longer reviews big claims.
    const managerOnly = { ...claimFlow, steps: [claimFlow.steps[0]!] };
    expect(await say(`set point-claim 1 ${JSON.stringify(managerOnly)}`)).toContain('已更新为第 2 版');
    expect(await say(`set point-claim 1 ${JSON.stringify(managerOnly)}`)).toContain('有人修改了这个流程');
    expect(await version()).toBe(2);

    // The request made before the change still goes to HR after the manager.
    await press(
      h,
      await id('li.ming'),
      actionOf(await lastCard(h, await id('li.ming'), `approval:${inFlight}`), 'approval.approve'),
    );
    expect(await h.sql.row('select status, approvers from approval_requests where id = ?', inFlight)).toEqual({
      status: 'pending',
      approvers: JSON.stringify([hr]),
    });
    // A new one is decided by the manager alone.
    await command(h, await id('liu.yang'), 'claim', '解决重大问题 ; Fixed the printer queue ; 2 hours');
    const fresh = ((await h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
    await press(
      h,
      await id('li.ming'),
      actionOf(await lastCard(h, await id('li.ming'), `approval:${fresh}`), 'approval.approve'),
    );
    expect(await h.sql.row('select status from approval_requests where id = ?', fresh)).toEqual({
      status: 'approved',
    });
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'approval.flow.update'")).toEqual({
      n: 1,
    });
  });

  it('is for HR only', async () => {
    await command(h, await id('zhang.wei'), 'flow', 'show point-claim');
    expect(textOfCard(await lastCard(h, await id('zhang.wei')))).toMatch(/没有权限|我不认识命令/);
  });
});
