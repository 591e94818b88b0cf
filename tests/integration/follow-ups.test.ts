// From signal to fix: a follow-up recorded from a result, moved along by its owner in chat, counted in
// the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

describe('follow-up actions', () => {
  it('HR records an issue for an owner, the owner resolves it, both cards update, the report counts it', async () => {
    const hr = await id('lin.xiaowen');
    const owner = await id('sun.li');
    await sb.send(hr, '/survey launch 运营部 5');
    await sb.send(hr, '/followup add 采购审批需要五步，太长 ; sun.li@qingyun.example ; 2099-01-31 ; 运营部');
    const ownerCard = await sb.lastBot(owner);
    expect(textOf(ownerCard.html)).toContain('采购审批需要五步，太长');
    expect(textOf(ownerCard.html)).toContain('待处理');
    const hrCard = await sb.lastBot(hr);
    expect(textOf(hrCard.html)).toContain('跟进事项 #1');

    // Someone else cannot move it.
    const intruder = await h.core.handle({
      type: 'action',
      platform: 'sandbox',
      eventId: 'ev-intruder',
      user: { platformUserId: String(await id('ma.chao')) },
      replyTo: { kind: 'user', platformUserId: String(await id('ma.chao')) },
      action: { k: 'followup.status', id: '1', v: 'done' },
    });
    expect(intruder).toMatchObject({ outcome: 'invalid', toast: { tone: 'error' } });

    const done = /data-action="([^"]+)"[^>]*>标记为已解决/.exec(ownerCard.html!)![1]!.replace(/&quot;/g, '"');
    const r = await sb.act(owner, ownerCard.id, JSON.parse(done));
    expect(textOf((r.body.message as { html: string }).html)).toContain('已解决');
    await h.drainOutbox();
    expect(textOf((await sb.messages(hr)).find((m) => m.id === hrCard.id)!.html)).toContain('已解决');
    const report = await (async () => {
      await sb.send(hr, '/report pulse 运营部');
      return textOf((await sb.lastBot(hr)).html);
    })();
    expect(report).toContain('跟进事项已解决：1 / 1');
    expect(await h.sql.rows("select action from audit_log where action like 'followup.%' order by id")).toEqual([
      { action: 'followup.create' },
      { action: 'followup.status' },
    ]);
  });

  it.each([
    ['/followup add 问题 ; nobody@qingyun.example ; 2099-01-01', '找不到唯一对应「nobody@qingyun.example」'],
    ['/followup add 问题 ; sun.li@qingyun.example ; 2001-01-01', '截止日期必须是今天或之后'],
    ['/followup add 问题 ; sun.li@qingyun.example ; 2099-02-30', '截止日期必须是今天或之后'],
    ['/followup add 只写了问题', '用法：/followup add'],
  ])('%s is refused with a clear message', async (command, message) => {
    const hr = await id('lin.xiaowen');
    const before = await h.sql.row('select count(*) as n from follow_ups');
    await sb.send(hr, command);
    expect(textOf((await sb.lastBot(hr)).html)).toContain(message);
    expect(await h.sql.row('select count(*) as n from follow_ups')).toEqual(before);
  });

  it('a manager cannot file one for a unit outside their subtree', async () => {
    await sb.send(await id('liu.qiang'), '/followup add 问题 ; sun.li@qingyun.example ; 2099-01-01 ; 财务部');
    expect(textOf((await sb.lastBot(await id('liu.qiang'))).html)).toContain('你只能查看自己负责团队的结果');
  });
});
