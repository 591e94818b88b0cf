// Deciding, in the sandbox: "Return for changes" and "Reject" are two actions — a return goes back to the
// applicant, a reject ends the request — and /report approvals counts them apart; a delegation set while a
// request already waits hands it to the delegate (and ending it hands it back), escalation goes to the
// delegate of the person it escalates to; /flow show reads as steps in the reader's language, not JSON.
import { describe, expect, it } from 'vitest';
import { tick } from '../../src/bot/scheduler.js';
import { inTransaction } from '../../src/db/connection.js';
import { getFlow, saveFlow } from '../../src/domain/approvals/requests.js';
import { useHarness, type Harness } from '../support/harness.js';
import { actionOf, command, hasAction, lastCard, press, textOfCard } from '../support/cards.js';

let h: Harness;
useHarness((started) => (h = started));

const HOUR = 60 * 60 * 1000;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const latestRequest = async () =>
  ((await h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id;
const request = async (rid: number) =>
  (await h.sql.row('select status, approvers from approval_requests where id = ?', rid)) as {
    status: string;
    approvers: string;
  };
const approvers = async (rid: number) => JSON.parse((await request(rid)).approvers) as number[];
const kinds = async (rid: number) =>
  (
    (await h.sql.rows('select kind from approval_decisions where request_id = ? order by id', rid)) as {
      kind: string;
    }[]
  ).map((d) => d.kind);

async function claim(who: number): Promise<number> {
  const before = await latestRequest();
  await command(h, who, 'claim', '流程优化 ; Shorter stand-ups');
  expect(await latestRequest()).toBeGreaterThan(before);
  return await latestRequest();
}

describe('return for changes and reject', () => {
  it('the approver gets both, named apart; return sends it back, reject ends it; the report counts each', async () => {
    const wei = await id('zhang.wei');
    const ming = await id('li.ming');
    const rid = await claim(wei);
    const card = await lastCard(h, ming, `approval:${rid}`);
    const labels = card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).map((b) => b.label);
    expect(labels).toEqual(expect.arrayContaining(['同意', '退回修改', '驳回']));

    // Return for changes: the applicant gets it back.
    await press(h, ming, actionOf(card, 'approval.return'), { reason: 'Say how much time it saved' });
    expect((await request(rid)).status).toBe('returned');
    expect(hasAction(await lastCard(h, wei, `approval:${rid}`), 'claim.edit')).toBe(true);

    // Reject is final, even on a step that allows returns: no edit and resubmit.
    const second = await claim(wei);
    const res = await press(h, ming, actionOf(await lastCard(h, ming, `approval:${second}`), 'approval.reject'), {
      reason: 'Not a process change',
    });
    expect(res.toast?.text).toBe('已驳回');
    expect((await request(second)).status).toBe('rejected');
    expect(await kinds(second)).toEqual(['submit', 'reject']);
    expect(hasAction(await lastCard(h, wei, `approval:${second}`), 'claim.edit')).toBe(false);

    const hr = await id('lin.xiaowen');
    await command(h, hr, 'report', 'approvals 30');
    expect(textOfCard(await lastCard(h, hr))).toContain('❌ 驳回 1 · ↩ 退回修改 1 次');
  });

  it('a step whose flow offers no return has only Approve and Reject', async () => {
    const tao = await id('song.tao');
    await command(h, tao, 'transfer', '杭州西湖店 ; 离家更近');
    const rid = await latestRequest();
    const card = await lastCard(h, await id('liu.qiang'), `approval:${rid}`);
    expect(hasAction(card, 'approval.return')).toBe(false);
    expect(hasAction(card, 'approval.reject')).toBe(true);
    await command(h, await id('liu.qiang'), 'return', `${rid} 再想想`);
    expect(textOfCard(await lastCard(h, await id('liu.qiang')))).toContain('这一步不能退回修改');
    expect((await request(rid)).status).toBe('pending');
  });
});

describe('delegation', () => {
  it('set while a request waits, hands it to the delegate (recorded); ended, hands it back', async () => {
    const fiona = await id('wang.fang');
    const jun = await id('he.jun');
    const xu = await id('xu.lan');
    const rid = await claim(jun);
    expect(await approvers(rid)).toEqual([fiona]);

    await command(h, fiona, 'delegate', 'xu.lan@qingyun.example 2099-12-31');
    expect(await approvers(rid)).toEqual([xu]);
    const reroute = (await h.sql.row(
      "select actor_id as actor, comment from approval_decisions where request_id = ? and kind = 'reroute'",
      rid,
    )) as { actor: number | null; comment: string };
    expect(reroute.actor).toBeNull();
    expect(JSON.parse(reroute.comment)).toMatchObject({ reason: 'delegated', about: fiona, to: [xu] });
    const delegateCard = await lastCard(h, xu, `approval:${rid}`);
    expect(textOfCard(delegateCard)).toContain('王芳 Fiona Wang 已委托他人审批');
    expect(hasAction(delegateCard, 'approval.approve')).toBe(true);

    await command(h, fiona, 'delegate', 'off');
    expect(await approvers(rid)).toEqual([fiona]);
    await press(h, fiona, actionOf(await lastCard(h, fiona, `approval:${rid}`), 'approval.approve'));
    expect((await request(rid)).status).toBe('approved');
  });

  it('escalation goes to the delegate of the person it escalates to', async () => {
    // Olivia's claim waits on Fiona; overdue, it escalates above her to the CEO — who has delegated to Leo.
    const rid = await claim(await id('olivia.brown'));
    expect(await approvers(rid)).toEqual([await id('wang.fang')]);
    await command(h, await id('chen.zhiyuan'), 'delegate', 'zhao.lei@qingyun.example 2099-12-31');
    const started = Date.parse(
      ((await h.sql.row('select step_started_at as t from approval_requests where id = ?', rid)) as { t: string }).t,
    );
    const r = await tick(
      h.app.db,
      h.app.config,
      new Set(h.app.adapters.keys()),
      new Date(started + (h.app.config.approvals.escalateAfterHours + 1) * HOUR),
    );
    expect(r.approvalsEscalated).toBeGreaterThanOrEqual(1);
    expect(await approvers(rid)).toEqual([await id('zhao.lei')]);
  });
});

describe('/flow show', () => {
  it('reads as steps, who decides and conditions, in the reader’s language — no JSON', async () => {
    const hr = await id('lin.xiaowen');
    await command(h, hr, 'flow', 'show point-claim');
    // What the reader sees: the card's text and notes (textOfCard would be the card's own JSON).
    const shown = async () =>
      (await lastCard(h, hr)).blocks
        .map((b) => (b.type === 'text' ? b.markdown : b.type === 'note' ? b.text : ''))
        .join('\n');
    const zh = await shown();
    expect(zh).toContain('1. 直属上级审批');
    expect(zh).toContain('申请人的直属上级');
    expect(zh).toContain('仅当积分 ≥ 150 时');
    expect(zh).toContain('审批人可以通过、退回修改或驳回');
    expect(zh).not.toMatch(/[{}"]|approver|onReject|unitHead/);

    await command(h, hr, 'lang', 'en');
    await command(h, hr, 'flow', 'show transfer');
    const en = await shown();
    expect(en).toContain('3. Receiving unit head');
    expect(en).toContain('the head of the receiving unit');
    expect(en).toContain('approver can approve or reject (final)');
    expect(en).not.toMatch(/[{}"]|onReject|unitHead/);
  });

  it('shows a parallel step, who is copied and the condition branches (issue 24)', async () => {
    const hr = await id('lin.xiaowen');
    const [ming, wei] = [await id('li.ming'), await id('zhang.wei')];
    const current = (await getFlow(h.app.db, 'transfer'))!;
    const [first, ...rest] = current.flow.steps;
    const flow = {
      ...current.flow,
      steps: [
        {
          ...first!,
          branches: [
            { when: { field: 'unitKind' as const, op: 'eq' as const, value: 'store' as const }, next: 'leads' },
          ],
        },
        ...rest,
        {
          id: 'leads',
          name: { 'zh-CN': '主管会签', en: 'Leads together' },
          approver: { type: 'people' as const, employeeIds: [ming, wei] },
          mode: 'all' as const,
          cc: [{ type: 'role' as const, role: 'hr' as const }],
          onReject: 'end' as const,
        },
      ],
    };
    const saved = await inTransaction(
      h.app.db,
      async () => await saveFlow(h.app.db, flow, current.version, hr, async () => undefined),
    );
    expect(saved.ok).toBe(true);
    await command(h, hr, 'lang', 'en');
    await command(h, hr, 'flow', 'show transfer');
    const en = (await lastCard(h, hr)).blocks.map((b) => (b.type === 'text' ? b.markdown : '')).join('\n');
    expect(en).toContain('if the receiving unit is a store: goes to step “Leads together”');
    expect(en).toContain('everyone named must approve (会签)');
    expect(en).toContain('copied to anyone in HR (informed, not deciding)');
    expect(en).toMatch(/decides: 李明 Ming Li, 张伟 Wei Zhang|decides: 张伟 Wei Zhang, 李明 Ming Li/);
    expect(en).not.toMatch(/[{}"]|unitKind|employeeIds/);
  });
});
