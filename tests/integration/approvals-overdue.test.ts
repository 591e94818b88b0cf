// Overdue approval steps: reminders, then escalation to the approver's manager; delegation while away.
import { describe, expect, it } from 'vitest';
import { tick } from '../../src/bot/scheduler.js';
import { useHarness, type Harness } from '../support/harness.js';
import { actionOf, cardsOf, command, lastCard, press, textOfCard } from '../support/cards.js';

let h: Harness;
useHarness((started) => (h = started));

const HOUR = 60 * 60 * 1000;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const tagId = async (nameZh: string) =>
  ((await h.sql.row('select id from value_tags where name_zh = ?', nameZh)) as { id: number }).id;
const latestRequest = async () =>
  ((await h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
const approvers = async (rid: number) =>
  JSON.parse(
    ((await h.sql.row('select approvers from approval_requests where id = ?', rid)) as { approvers: string }).approvers,
  ) as number[];

async function claim(who: number) {
  await command(h, who, 'claim');
  await press(h, who, actionOf(await lastCard(h, who), 'claim.submit'), {
    tag: String(await tagId('流程优化')),
    description: 'Shorter stand-ups',
    amount: '3',
    unit: 'hours',
  });
  return await latestRequest();
}

describe('overdue approvals', () => {
  it('remind the approver once per period, then escalate to their manager', async () => {
    const ming = await id('li.ming');
    const rid = await claim(await id('wu.hao'));
    const started = new Date(
      ((await h.sql.row('select step_started_at as t from approval_requests where id = ?', rid)) as { t: string }).t,
    ).getTime();
    const tickAt = async (hours: number) =>
      await tick(h.app.db, h.app.config, new Set(h.app.adapters.keys()), new Date(started + hours * HOUR));
    const sends = async () =>
      (await h.outbox()).filter(
        (r) =>
          r.cardKey === `approval:${rid}` && r.op === 'send' && JSON.parse(r.recipient).platformUserId === String(ming),
      ).length;

    expect(await sends()).toBe(1);
    expect((await tickAt(23)).approvalsReminded).toBe(0);
    expect((await tickAt(24.5)).approvalsReminded).toBe(1);
    expect((await tickAt(25)).approvalsReminded).toBe(0);
    expect(await sends()).toBe(2);
    expect((await tickAt(49)).approvalsReminded).toBe(1);

    expect((await tickAt(72.5)).approvalsEscalated).toBe(1);
    const ceo = await id('chen.zhiyuan');
    expect(await approvers(rid)).toEqual([ceo]);
    const escalated = await lastCard(h, ceo, `approval:${rid}`);
    expect(textOfCard(escalated)).toContain('此步骤已超时，已升级处理。');
    // The original approver's card no longer offers a decision.
    await h.drainOutbox();
    const updated = (await h.outbox())
      .filter(
        (r) =>
          r.cardKey === `approval:${rid}` &&
          r.op === 'update' &&
          JSON.parse(r.recipient).platformUserId === String(ming),
      )
      .at(-1)!;
    expect(updated.message).not.toContain('approval.approve');
    await press(h, ceo, actionOf(escalated, 'approval.approve'));
    expect(
      ((await h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status,
    ).toBe('approved');
    expect(await h.sql.rows('select kind from approval_decisions where request_id = ? order by id', rid)).toEqual([
      { kind: 'submit' },
      { kind: 'escalate' },
      { kind: 'approve' },
    ]);
  });

  it('an approver away delegates; the delegate decides until the delegation ends', async () => {
    const ming = await id('li.ming');
    const sun = await id('sun.li');
    await command(h, ming, 'delegate', 'sun.li@qingyun.example 2099-12-31');
    expect(textOfCard(await lastCard(h, ming))).toContain('孙丽 Li Sun');
    const rid = await claim(await id('yang.fan'));
    expect(await approvers(rid)).toEqual([sun]);
    expect(textOfCard(await lastCard(h, sun, `approval:${rid}`))).toContain('审批人外出，由其委托人代为审批。');
    await press(h, sun, actionOf(await lastCard(h, sun, `approval:${rid}`), 'approval.approve'));

    await command(h, ming, 'delegate', 'off');
    const next = await claim(await id('yang.fan'));
    expect(await approvers(next)).toEqual([ming]);
    expect(await cardsOf(h, sun, `approval:${next}`)).toHaveLength(0);
  });

  it('refuses a delegation to nobody or in the past', async () => {
    const ming = await id('li.ming');
    await command(h, ming, 'delegate', 'nobody@qingyun.example 2099-01-01');
    expect(textOfCard(await lastCard(h, ming))).toContain('用法：/delegate');
    await command(h, ming, 'delegate', 'sun.li@qingyun.example 2001-01-01');
    expect(textOfCard(await lastCard(h, ming))).toContain('用法：/delegate');
  });
});
