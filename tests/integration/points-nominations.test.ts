// Peer nomination and recognition announcements (issue 24), through the bot core on the sandbox: a nomination
// goes to the nominee's manager (not the nominator's), the points land on the nominee, the nominee and the
// nominator are told; oneself, a leaver, an unknown or ambiguous name are refused with nothing written; an
// approved claim of an announced tag is posted to the channel exactly once, never for a rejected claim, a tag not
// opted in, or a person who opted out; the nominee's caps apply.
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/view.js';
import { loadRequest } from '../../src/domain/approvals/requests.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { afterPointDecision } from '../../src/bot/features/recognition-notices.js';
import { outboxNotifier } from '../../src/bot/outbox.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { useHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';

let h: Harness;
useHarness((started) => (h = started));
const { id, tagId, balance, latestRequest, request, decisions } = readsOf(() => h);

const count = async (q: string, ...args: unknown[]) =>
  Number((await h.sql.row<{ n: number }>(`select count(*) as n from ${q}`, ...args))!.n);
const requestsCount = () => count('approval_requests');
/** Outbox rows posted to a group chat (not to a person). */
const chatPosts = async () => (await h.outbox()).filter((r) => JSON.parse(r.recipient).kind === 'chat');

async function nominate(by: number, args: string) {
  await command(h, by, 'nominate', args);
  return await lastCard(h, by);
}
async function approve(approver: number, rid: number) {
  const res = await press(h, approver, actionOf(await lastCard(h, approver, `approval:${rid}`), 'approval.approve'));
  expect(res.outcome).toBe('handled');
}

describe('peer nomination', () => {
  it('goes to the nominee’s manager, lands on the nominee, tells nominee and nominator; timeline says who nominated', async () => {
    const [jun, wei, ming, fang] = [
      await id('he.jun'),
      await id('zhang.wei'),
      await id('li.ming'),
      await id('wang.fang'),
    ];
    const before = { wei: await balance(wei), jun: await balance(jun) };
    const reply = await nominate(jun, '张伟 跨部门支持 帮财务部重做了报销导入脚本');
    const rid = await latestRequest();
    expect(textOfCard(reply)).toContain(`申请 #${rid}：提名 张伟 Wei Zhang「跨部门支持」，现由 李明 Ming Li 审批。`);
    const row = (await h.sql.row<{ applicant_id: number; approvers: string }>(
      'select applicant_id, approvers from approval_requests where id = ?',
      rid,
    ))!;
    // The nominee is the applicant: Wei's manager Ming decides, not Jun's manager Fang.
    expect([row.applicant_id, JSON.parse(row.approvers)]).toEqual([wei, [ming]]);
    expect(JSON.parse(row.approvers)).not.toContain(fang);
    expect(await decisions(rid)).toEqual([{ kind: 'submit', actor: jun, comment: null }]);
    const approverCard = await lastCard(h, ming, `approval:${rid}`);
    // The approver sees who nominated, and the timeline's first entry is the nomination by him.
    expect(textOfCard(approverCard)).toContain('"label":"提名人","value":"何俊 Jun He"');
    expect(textOfCard(approverCard)).toContain('何俊 Jun He · 提名');
    // The nominee has the card too, from the start.
    expect(textOfCard(await lastCard(h, wei, `approval:${rid}`))).toContain('何俊 Jun He');

    await approve(ming, rid);
    expect((await request(rid)).status).toBe('approved');
    expect(await balance(wei)).toBe(before.wei + 50);
    expect(await balance(jun)).toBe(before.jun);
    // Wei gets "points landed" in his language; Jun is told the outcome.
    const weiCards = (await h.outbox())
      .filter((r) => r.cardKey === null && JSON.parse(r.recipient).platformUserId === String(wei))
      .map((r) => r.message);
    expect(weiCards.at(-1)).toContain('+50 积分');
    expect(textOfCard(await lastCard(h, jun))).toContain('你对 张伟 Wei Zhang 的提名已通过');
  });

  it('refuses oneself, a leaver, an unknown and an ambiguous name with a clear message; nothing is written', async () => {
    const jun = await id('he.jun');
    const before = await requestsCount();
    const self = await nominate(jun, '何俊 跨部门支持 自己夸自己');
    expect(textOfCard(self)).toContain('不能提名自己。为自己的工作申请积分请用 /claim。');
    // In the form too, at the colleague's field.
    const form = await press(
      h,
      jun,
      { k: 'nominate.submit' },
      {
        nominee: 'he.jun@qingyun.example',
        tag: String(await tagId('跨部门支持')),
        description: 'x',
        amount: '',
        unit: 'cny',
      },
    );
    expect(form.outcome).toBe('invalid');
    expect(form.fieldErrors?.['nominee']).toBe('不能提名自己。为自己的工作申请积分请用 /claim。');

    const unknown = await nominate(jun, 'nobody 跨部门支持 帮忙');
    expect(textOfCard(unknown)).toContain('找不到“nobody”。请用姓名或工作邮箱。');
    const ambiguous = await nominate(jun, '刘 跨部门支持 帮忙');
    expect(textOfCard(ambiguous)).toContain('“刘”匹配到 2 个人：');
    expect(textOfCard(ambiguous)).toContain('刘强 Qiang Liu <liu.qiang@qingyun.example>');
    expect(textOfCard(ambiguous)).toContain('刘洋 Yang Liu <liu.yang@qingyun.example>');

    await h.sql.run('update employees set active = false where id = ?', await id('xu.lan'));
    const left = await nominate(jun, 'xu.lan@qingyun.example 跨部门支持 帮忙');
    expect(textOfCard(left)).toContain('徐岚 Lan Xu 已离职，无法提名。');
    expect(await requestsCount()).toBe(before);
  });
});

describe('recognition announcements', () => {
  it('HR opts a tag in and sets the channel (audited); an approved nomination is posted once, in the channel’s language', async () => {
    const [hr, jun, wei, ming] = [
      await id('lin.xiaowen'),
      await id('he.jun'),
      await id('zhang.wei'),
      await id('li.ming'),
    ];
    // Not HR: refused, nothing saved.
    await command(h, jun, 'recognition', 'tag 跨部门支持 on');
    expect(textOfCard(await lastCard(h, jun))).toContain('你没有权限执行此操作。');
    await command(h, hr, 'recognition', 'tag 跨部门支持 on');
    await command(h, hr, 'recognition', 'channel C-general en');
    expect(textOfCard(await lastCard(h, hr))).toContain('C-general');
    expect(await count("audit_log where action = 'settings.recognition'")).toBe(2);

    await nominate(jun, '张伟 ; 跨部门支持 ; 通宵帮运营部恢复了点餐系统 ; ¥20000');
    const rid = await latestRequest();
    expect(await chatPosts()).toEqual([]);
    const approveRef = actionOf(await lastCard(h, ming, `approval:${rid}`), 'approval.approve');
    await approve(ming, rid);
    const posts = await chatPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ platform: 'sandbox', cardKey: `recognition:${rid}` });
    expect(JSON.parse(posts[0]!.recipient)).toEqual({ kind: 'chat', chatId: 'C-general' });
    const card = (JSON.parse(posts[0]!.message) as { card: CardView }).card;
    expect(card.header?.title).toBe('Recognition');
    expect(textOfCard(card)).toContain('**张伟 Wei Zhang** — Cross-department support: ¥20,000');
    expect(textOfCard(card)).toContain('+50 points · nominated by 何俊 Jun He');
    // The sandbox delivers it to that conversation.
    await h.drainOutbox();
    const delivered = await h.sql.rows<{ card: string }>(
      "select card from sandbox_messages where conversation = 'C-general'",
    );
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.card).toContain('张伟 Wei Zhang');

    // A second publish of the same approval (a retry) posts nothing more; a second press is refused as stale.
    await unitOfWork(h.app.db, async (tx) => {
      const notify = outboxNotifier({ db: tx, platforms: new Set(['sandbox']), defaultLocale: 'zh-CN' });
      await afterPointDecision(tx, notify, h.app.config, (await loadRequest(tx, rid))!, 'approved', undefined);
    });
    expect((await press(h, ming, approveRef)).outcome).toBe('invalid');
    expect(await chatPosts()).toHaveLength(1);
    expect((await request(rid)).status).toBe('approved');
    expect(await balance(wei)).toBeGreaterThan(0);
  });

  it('not for a tag not opted in, not for a rejected claim, not for a person who opted out', async () => {
    const [jun, wei, ming] = [await id('he.jun'), await id('zhang.wei'), await id('li.ming')];
    const posted = (await chatPosts()).length;
    // 成本控制 is not announced.
    await nominate(jun, '张伟 成本控制 谈下了服务器折扣');
    await approve(ming, await latestRequest());
    expect((await request(await latestRequest())).status).toBe('approved');
    // Rejected: never announced.
    await nominate(jun, '刘洋 跨部门支持 帮忙搬家');
    const rejected = await latestRequest();
    await command(h, ming, 'reject', `${rejected} 这不是工作贡献`);
    expect((await request(rejected)).status).toBe('rejected');
    expect(textOfCard(await lastCard(h, jun))).toContain('你对 刘洋 Yang Liu 的提名未通过');
    expect((await chatPosts()).length).toBe(posted);
    // The same tag approved for Yang is announced (the tag is opted in)…
    await nominate(jun, '刘洋 跨部门支持 帮测试组搭了压测环境');
    await approve(ming, await latestRequest());
    expect((await chatPosts()).length).toBe(posted + 1);
    // …but Wei opts out: his approved nomination of the same tag lands, unannounced.
    await command(h, wei, 'recognition', 'off');
    expect(await count("audit_log where action = 'points.recognition.preference'")).toBe(1);
    const before = await balance(wei);
    await nominate(jun, '张伟 跨部门支持 又帮了一次忙');
    await approve(ming, await latestRequest());
    expect(await balance(wei)).toBe(before + 50);
    expect((await chatPosts()).length).toBe(posted + 1);
    expect((await chatPosts()).at(-1)!.message).toContain('刘洋 Yang Liu');
  });

  it('the nominee’s caps apply as if they had claimed: over the cap, refused with the cap, nothing written', async () => {
    const [hr, jun, chao] = [await id('lin.xiaowen'), await id('he.jun'), await id('ma.chao')];
    const { setClaimCaps } = await import('../../src/domain/points/caps.js');
    await unitOfWork(h.app.db, async (tx) => {
      await setClaimCaps(tx, { person: { day: 1, month: null }, tags: [] }, { kind: 'employee', employeeId: hr });
    });
    await command(h, chao, 'claim', '成本控制 ; 重新谈了蔬菜供货合同');
    const before = await requestsCount();
    const over = await nominate(jun, '马超 跨部门支持 帮财务盘点');
    expect(textOfCard(over)).toContain('每人每天最多提交 1 个积分申请');
    expect(await requestsCount()).toBe(before);
  });
});
