// Point claims, redemptions and transfers through the approval engine, in the sandbox: every press is a
// button from a card the person really received.
import { describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { actionOf, cardsOf, command, hasAction, lastCard, press, textOfCard } from '../support/cards.js';

let h: Harness;
useHarness((started) => (h = started));

const { id, tagId, balance, latestRequest, request, decisions } = readsOf(() => h);

async function claim(who: number, tag: string, description = 'Renegotiated the produce contract', amount = '15%') {
  await command(h, who, 'claim');
  const form = await lastCard(h, who);
  const res = await press(h, who, actionOf(form, 'claim.submit'), {
    tag: String(await tagId(tag)),
    description,
    amount,
    unit: 'percent',
  });
  expect(res.outcome).toBe('handled');
  return await latestRequest();
}

describe('point claims', () => {
  it('a claim approved by the manager lands points and notifies the person and their manager', async () => {
    const wei = await id('zhang.wei');
    const ming = await id('li.ming');
    const rid = await claim(wei, '流程优化');
    const approverCard = await lastCard(h, ming, `approval:${rid}`);
    expect(textOfCard(approverCard)).toContain('张伟 Wei Zhang');
    expect(textOfCard(approverCard)).toContain('15%');
    const res = await press(h, ming, actionOf(approverCard, 'approval.approve'));
    expect(res.toast?.text).toBe('已通过');
    expect((await request(rid)).status).toBe('approved');
    expect(await balance(wei)).toBe(120);
    // The applicant's progress card is redrawn in place; both get a "points landed" card.
    const progress = (await h.outbox()).filter(
      (r) =>
        r.cardKey === `approval:${rid}` && r.op === 'update' && JSON.parse(r.recipient).platformUserId === String(wei),
    );
    expect(progress.at(-1)!.message).toContain('已通过');
    expect(textOfCard(await lastCard(h, wei))).toContain('+120 积分');
    expect(textOfCard(await lastCard(h, ming))).toContain('张伟 Wei Zhang 因「流程优化」获得 120 积分');
    expect(hasAction(await lastCard(h, wei, `approval:${rid}`), 'approval.approve')).toBe(false);
    // Every request card links to its page in the mini-app.
    const links = (await lastCard(h, wei, `approval:${rid}`)).blocks
      .flatMap((b) => (b.type === 'actions' ? b.buttons : []))
      .map((b) => b.url)
      .filter(Boolean);
    expect(links).toEqual([`${h.app.config.publicBaseUrl}/app/requests/${rid}`]);
  });

  it('a 200-point claim needs HR too', async () => {
    const wei = await id('zhang.wei');
    const rid = await claim(wei, '解决重大问题');
    await press(
      h,
      await id('li.ming'),
      actionOf(await lastCard(h, await id('li.ming'), `approval:${rid}`), 'approval.approve'),
    );
    expect(await request(rid)).toMatchObject({
      status: 'pending',
      step: 1,
      approvers: JSON.stringify([await id('lin.xiaowen')]),
    });
    expect(await balance(wei)).toBe(120);
    await press(
      h,
      await id('lin.xiaowen'),
      actionOf(await lastCard(h, await id('lin.xiaowen'), `approval:${rid}`), 'approval.approve'),
    );
    expect((await request(rid)).status).toBe('approved');
    expect(await balance(wei)).toBe(320);
    expect((await decisions(rid)).map((d) => d.kind)).toEqual(['submit', 'approve', 'approve']);
  });

  it('returning for changes needs a reason and returns the claim; the applicant edits and resubmits', async () => {
    const yang = await id('liu.yang');
    const ming = await id('li.ming');
    const rid = await claim(yang, '成本控制', 'Saved money', '');
    const reject = actionOf(await lastCard(h, ming, `approval:${rid}`), 'approval.return');
    const askReason = await press(h, ming, reject);
    expect(actionOf(askReason.card!, 'approval.return')).toEqual(reject);
    const empty = await press(h, ming, reject, { reason: '  ' });
    expect(empty).toMatchObject({ outcome: 'invalid', fieldErrors: { reason: '退回或驳回都需要填写原因。' } });
    expect((await request(rid)).status).toBe('pending');
    await press(h, ming, reject, { reason: 'How much was saved?' });
    expect((await request(rid)).status).toBe('returned');
    expect((await decisions(rid)).at(-1)).toEqual({ kind: 'return', actor: ming, comment: 'How much was saved?' });

    const mine = (await h.outbox())
      .filter((r) => r.cardKey === `approval:${rid}` && JSON.parse(r.recipient).platformUserId === String(yang))
      .at(-1)!;
    expect(mine.message).toContain('How much was saved?');
    const edit = await press(h, yang, actionOf(JSON.parse(mine.message).card, 'claim.edit'));
    const resubmit = actionOf(edit.card!, 'claim.resubmit');
    const r = await press(h, yang, resubmit, {
      tag: String(await tagId('成本控制')),
      description: 'Saved money on packaging',
      amount: '¥30,000',
      unit: 'cny',
    });
    expect(r.outcome).toBe('handled');
    expect(await request(rid)).toMatchObject({ status: 'pending', step: 0 });
    const again = await lastCard(h, ming, `approval:${rid}`);
    expect(textOfCard(again)).toContain('¥30,000');
    await press(h, ming, actionOf(again, 'approval.approve'));
    expect(await balance(yang)).toBe(100);
  });

  it('an approver may adjust the points within the tag range, with a reason', async () => {
    const fan = await id('yang.fan');
    const ming = await id('li.ming');
    const rid = await claim(fan, '跨部门支持');
    const adjust = await press(h, ming, actionOf(await lastCard(h, ming, `approval:${rid}`), 'approval.adjust'));
    const submit = actionOf(adjust.card!, 'approval.approve');
    expect((await press(h, ming, submit, { points: '500', reason: 'x' })).fieldErrors?.points).toBe(
      '积分必须是 25 到 75 之间的整数。',
    );
    expect((await press(h, ming, submit, { points: '70', reason: '' })).fieldErrors?.reason).toBeDefined();
    await press(h, ming, submit, { points: '70', reason: 'Helped two teams' });
    expect(await balance(fan)).toBe(70);
    expect((await decisions(rid)).at(-1)!.comment).toBe('50 → 70: Helped two teams');
  });
});

describe('concurrency', () => {
  it('two approvers deciding the same step at once produce one decision', async () => {
    await h.sql.run("insert into employee_roles (employee_id, role) values (?, 'hr')", await id('zhou.ting'));
    const rid = await claim(await id('chen.jing'), '数据驱动决策');
    await press(
      h,
      await id('li.ming'),
      actionOf(await lastCard(h, await id('li.ming'), `approval:${rid}`), 'approval.approve'),
    );
    const hrs = [await id('lin.xiaowen'), await id('zhou.ting')];
    expect(JSON.parse((await request(rid)).approvers).sort()).toEqual([...hrs].sort());
    const results = await Promise.all(
      hrs.map(async (p) => press(h, p, actionOf(await lastCard(h, p, `approval:${rid}`), 'approval.approve'))),
    );
    expect(results.map((r) => r.outcome).sort()).toEqual(['handled', 'invalid']);
    expect(results.find((r) => r.outcome === 'invalid')!.toast?.text).toBe(
      '这一步已经处理过了，卡片已更新为最新状态。',
    );
    expect((await decisions(rid)).filter((d) => d.kind === 'approve')).toHaveLength(2);
    expect(await balance(await id('chen.jing'))).toBe(150);
    await h.sql.run("delete from employee_roles where employee_id = ? and role = 'hr'", await id('zhou.ting'));
  });

  it('the same callback delivered twice, or a double click, produces one decision', async () => {
    const kim = await id('david.kim');
    const rid = await claim(kim, '招聘效率');
    const approve = actionOf(await lastCard(h, await id('li.ming'), `approval:${rid}`), 'approval.approve');
    expect((await press(h, await id('li.ming'), approve, undefined, 'retry-1')).outcome).toBe('handled');
    expect((await press(h, await id('li.ming'), approve, undefined, 'retry-1')).outcome).toBe('duplicate');
    expect((await press(h, await id('li.ming'), approve, undefined, 'second-click')).outcome).toBe('invalid');
    expect((await decisions(rid)).filter((d) => d.kind === 'approve')).toHaveLength(1);
    expect(await balance(kim)).toBe(100);
  });
});

describe('bad input changes nothing', () => {
  it('a claim for a retired tag, an empty description or an unparseable value gets field errors', async () => {
    const wu = await id('wu.hao');
    await command(h, await id('lin.xiaowen'), 'tags', `retire ${await tagId('人才培养')}`);
    await command(h, wu, 'claim');
    const submit = actionOf(await lastCard(h, wu), 'claim.submit');
    const before = await latestRequest();
    const r = await press(h, wu, submit, {
      tag: String(await tagId('人才培养')),
      description: ' ',
      amount: 'lots',
      unit: 'cny',
    });
    expect(r.fieldErrors).toEqual({
      tag: '该标签已停用，请选择其他标签。',
      description: '请描述你做了什么。',
      amount: '无法识别“lots”。每个数值请带上单位，例如 15%、¥100,000 或 2.5 小时，多个数值用逗号分开。',
    });
    expect(await latestRequest()).toBe(before);
    // Retired tags are no longer offered.
    expect(textOfCard(await lastCard(h, wu))).not.toContain('人才培养');
  });

  it('someone who is not the approver cannot decide; a finished request cannot be decided again', async () => {
    const rid = await claim(await id('emily.carter'), '流程优化');
    const approve = actionOf(await lastCard(h, await id('li.ming'), `approval:${rid}`), 'approval.approve');
    expect((await press(h, await id('wu.hao'), approve)).toast?.text).toBe('这一步不需要你审批。');
    expect((await request(rid)).status).toBe('pending');
    await press(h, await id('li.ming'), approve);
    const reject = actionOf((await cardsOf(h, await id('li.ming'), `approval:${rid}`))[0]!, 'approval.reject');
    expect((await press(h, await id('li.ming'), reject, { reason: 'changed my mind' })).toast?.text).toBe(
      '这一步已经处理过了，卡片已更新为最新状态。',
    );
    expect((await request(rid)).status).toBe('approved');
  });

  it('a request whose approver cannot be found goes to HR with the reason', async () => {
    const ceo = await id('chen.zhiyuan');
    const rid = await claim(ceo, '流程优化');
    expect(JSON.parse((await request(rid)).approvers)).toEqual([await id('lin.xiaowen')]);
    expect((await decisions(rid)).map((d) => d.kind)).toEqual(['submit', 'reroute']);
    expect(textOfCard(await lastCard(h, await id('lin.xiaowen'), `approval:${rid}`))).toContain(
      '转给 林晓雯 Sharon Lin：申请人没有直属上级',
    );
  });
});

describe('rewards', () => {
  it('redemption holds points at request, releases them on rejection, spends them on approval; no balance goes negative', async () => {
    const wei = await id('zhang.wei');
    expect(await balance(wei)).toBe(320);
    await command(h, wei, 'redeem');
    const list = await lastCard(h, wei);
    const rewardButtons = list.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    const leave = rewardButtons.find((b) => b.label.includes('额外带薪假'))!.action!;
    const cash = rewardButtons.find((b) => b.label.includes('现金奖励'))!.action!;
    const tooMuch = await press(h, wei, cash);
    expect(tooMuch.toast?.text).toBe('该奖励需要 500 积分，你的余额为 320。');
    expect(await balance(wei)).toBe(320);

    await press(h, wei, leave);
    const first = await latestRequest();
    expect(await balance(wei)).toBe(20);
    const reject = actionOf(await lastCard(h, await id('lin.xiaowen'), `approval:${first}`), 'approval.reject');
    await press(h, await id('lin.xiaowen'), reject, { reason: 'Busy season' });
    expect(await balance(wei)).toBe(320);

    await press(h, wei, leave);
    const second = await latestRequest();
    await press(
      h,
      await id('lin.xiaowen'),
      actionOf(await lastCard(h, await id('lin.xiaowen'), `approval:${second}`), 'approval.approve'),
    );
    expect(await balance(wei)).toBe(20);
    const kinds = await h.sql.rows(
      "select kind, points from ledger_entries where employee_id = ? and kind != 'award' order by id",
      wei,
    );
    expect(kinds).toEqual([
      { kind: 'hold', points: -300 },
      { kind: 'release', points: 300 },
      { kind: 'hold', points: -300 },
    ]);
  });

  it('/points shows the balance and /points top a leaderboard of the subtree', async () => {
    await command(h, await id('zhang.wei'), 'points');
    expect(textOfCard(await lastCard(h, await id('zhang.wei')))).toContain('"value":"20"');
    await command(h, await id('li.ming'), 'points', 'top month');
    const board = textOfCard(await lastCard(h, await id('li.ming')));
    expect(board.indexOf('张伟 Wei Zhang')).toBeLessThan(board.indexOf('陈静 Jing Chen'));
    expect(board).toContain('**320**');
    await command(h, await id('li.ming'), 'points', 'top 财务部');
    expect(textOfCard(await lastCard(h, await id('li.ming')))).toContain('「财务部」的积分排行榜不对你开放');
  });
});

describe('transfers', () => {
  it('a transfer goes current head → HR → receiving head, and only then moves the person', async () => {
    const tao = await id('song.tao');
    const shanghai = (await h.employeeByEmail('song.tao@qingyun.example'))!.unitId;
    await command(h, tao, 'transfer', '杭州西湖店 ; 离家更近');
    const rid = await latestRequest();
    for (const approver of ['liu.qiang', 'lin.xiaowen', 'huang.jing']) {
      expect((await h.employeeByEmail('song.tao@qingyun.example'))!.unitId).toBe(shanghai);
      await press(
        h,
        await id(approver),
        actionOf(await lastCard(h, await id(approver), `approval:${rid}`), 'approval.approve'),
      );
    }
    expect((await request(rid)).status).toBe('approved');
    const hangzhou = ((await h.sql.row("select id from org_units where name = '杭州西湖店'")) as { id: number }).id;
    expect((await h.employeeByEmail('song.tao@qingyun.example'))!.unitId).toBe(hangzhou);
    expect(
      await h.sql.row(
        'select from_unit_id as f, to_unit_id as t, source from transfers where employee_id = ? order by id desc limit 1',
        tao,
      ),
    ).toEqual({ f: shanghai, t: hangzhou, source: `request:${rid}` });
    // The applicant saw the whole timeline on one card.
    const timeline = textOfCard(await lastCard(h, tao, `approval:${rid}`));
    for (const who of ['刘强 Qiang Liu', '林晓雯 Sharon Lin', '黄静 Jing Huang']) expect(timeline).toContain(who);
  });
});

describe('text commands (for platforms without forms)', () => {
  it('/claim with arguments submits a claim; /return and /approve decide by id', async () => {
    const jun = await id('he.jun');
    const fiona = await id('wang.fang');
    await command(h, jun, 'claim', '数据驱动决策 ; Pricing analysis lifted margin 8% ; 8%');
    const rid = await latestRequest();
    expect(textOfCard(await lastCard(h, jun))).toContain(`申请 #${rid} 已交给 王芳 Fiona Wang。`);
    expect(textOfCard(await lastCard(h, fiona, `approval:${rid}`))).toContain('8%');
    await command(h, fiona, 'return', `${rid}`);
    expect(textOfCard(await lastCard(h, fiona))).toContain('都需要填写原因');
    await command(h, fiona, 'return', `#${rid} Which products?`);
    expect((await request(rid)).status).toBe('returned');
    await command(h, jun, 'claim', 'no-such-tag ; x');
    expect(textOfCard(await lastCard(h, jun))).toContain('请选择价值标签');
    await command(h, jun, 'claim', '成本控制 ; Cut packaging cost ; ¥20000');
    const second = await latestRequest();
    await command(h, fiona, 'approve', String(second));
    expect((await request(second)).status).toBe('approved');
    await command(h, fiona, 'approve', String(second));
    expect(textOfCard(await lastCard(h, fiona))).toContain('这一步已经处理过了');
  });
});

describe('rewards catalogue', () => {
  it('HR adds and retires rewards; others may not; bad input is refused', async () => {
    const hr = await id('lin.xiaowen');
    await command(
      h,
      hr,
      'rewards',
      `add ${JSON.stringify({ nameZh: '咖啡券', nameEn: 'Coffee voucher', category: 'other', cost: 20 })}`,
    );
    expect(textOfCard(await lastCard(h, hr))).toContain('奖励已添加');
    const rid = ((await h.sql.row("select id from rewards where name_en = 'Coffee voucher'")) as { id: number }).id;
    await command(h, await id('wu.hao'), 'rewards', `retire ${rid}`);
    expect(textOfCard(await lastCard(h, await id('wu.hao')))).toContain('你没有权限');
    await command(h, hr, 'rewards', `add ${JSON.stringify({ nameZh: 'x', nameEn: 'x', category: 'cash', cost: -5 })}`);
    expect(textOfCard(await lastCard(h, hr))).toContain('category');
    await command(h, hr, 'rewards', `retire ${rid}`);
    expect(await h.sql.row('select active from rewards where id = ?', rid)).toEqual({ active: 0 });
    expect(await h.sql.rows("select action from audit_log where action like 'points.reward.%' order by id")).toEqual([
      { action: 'points.reward.create' },
      { action: 'points.reward.retire' },
    ]);
  });
});
