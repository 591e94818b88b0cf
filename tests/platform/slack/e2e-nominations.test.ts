// Peer nomination and recognition on Slack (issue 24), end to end through the real server, the Slack adapter and
// the emulator: HR opts a tag in and sets the channel from Slack, a colleague nominates by mention, the nominee's
// manager approves from the card in their DM, the nominee is told in their DM and the announcement is posted to
// the channel once. Assertions read the emulator's messages and the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  command,
  linkByHome,
  messagesIn,
  messageWithButton,
  pressButton,
  settle,
  startSlackE2E,
  textOfBlocks,
  type SlackE2E,
} from './e2e-kit.js';

const USERS = ['zhang.wei', 'li.ming', 'lin.xiaowen', 'he.jun'];
const CHANNEL = 'CRECOGNITION';
let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('nominations-e2e-secret', USERS);
  await linkByHome(k, USERS);
});
afterAll(async () => k?.stop());

const latestRequest = async () =>
  Number(((await k.h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id);

describe('nominations on Slack (issue 24)', () => {
  it('nominate by mention → the nominee’s manager approves → nominee told → announced in the channel once', async () => {
    await command(k, 'lin.xiaowen', 'recognition tag 跨部门支持 on');
    await command(k, 'lin.xiaowen', `recognition channel ${CHANNEL} en`);
    const [wei, ming] = [await k.empId('zhang.wei'), await k.empId('li.ming')];

    const before = await latestRequest();
    await command(k, 'he.jun', `nominate <@${k.slackId('zhang.wei')}> 跨部门支持 帮财务部重做了报销导入脚本`);
    const rid = await latestRequest();
    expect(rid).toBe(before + 1);
    const row = (await k.h.sql.row('select applicant_id, approvers from approval_requests where id = ?', rid)) as {
      applicant_id: number;
      approvers: string;
    };
    expect([Number(row.applicant_id), JSON.parse(row.approvers)]).toEqual([wei, [ming]]);
    // Jun's DM has the confirmation naming the nominee and the approver.
    expect(
      messagesIn(k, k.dm('he.jun'))
        .map((m) => textOfBlocks(m.blocks))
        .join('\n'),
    ).toContain(`申请 #${rid}：提名 张伟 Wei Zhang「跨部门支持」，现由 李明 Ming Li 审批。`);
    expect(messagesIn(k, CHANNEL)).toEqual([]);

    const card = messageWithButton(k, 'li.ming', 'approval.approve', String(rid));
    expect(textOfBlocks(card.blocks)).toContain('何俊 Jun He');
    const pressed = await pressButton(k, 'li.ming', card, 'approval.approve');
    await settle(k);
    expect(
      ((await k.h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status,
    ).toBe('approved');
    // The nominee is told in his DM; the nominator hears the outcome.
    expect(
      messagesIn(k, k.dm('zhang.wei'))
        .map((m) => textOfBlocks(m.blocks))
        .join('\n'),
    ).toContain('+50 积分');
    expect(
      messagesIn(k, k.dm('he.jun'))
        .map((m) => textOfBlocks(m.blocks))
        .join('\n'),
    ).toContain('你对 张伟 Wei Zhang 的提名已通过');
    const posts = messagesIn(k, CHANNEL);
    expect(posts).toHaveLength(1);
    expect(textOfBlocks(posts[0]!.blocks)).toContain('张伟 Wei Zhang* — Cross-department support');

    // Slack delivers the same press again (a retry): nothing more is posted.
    await k.slack.interaction(pressed.payload);
    await settle(k);
    expect(messagesIn(k, CHANNEL)).toHaveLength(1);
  });

  it('a self-nomination is refused in the nominator’s DM; nothing is written', async () => {
    const before = await latestRequest();
    await command(k, 'he.jun', `nominate <@${k.slackId('he.jun')}> 跨部门支持 自己夸自己`);
    expect(await latestRequest()).toBe(before);
    expect(
      messagesIn(k, k.dm('he.jun'))
        .map((m) => textOfBlocks(m.blocks))
        .at(-1),
    ).toContain('不能提名自己');
  });
});
