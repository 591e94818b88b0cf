// A completed transfer hands the person to the receiving unit's head, in the sandbox: after the three
// approvals /whoami names the new manager, a claim already waiting on the old one moves (with the reason on
// its timeline), the next claim goes to the new head, rater links of ratings not yet given follow, the old
// manager is refused the person's ratings, and the manager history keeps who managed them when. A transfer
// with a future effective date is approved but applied only by the scheduler's tick on that day, once.
import { describe, expect, it } from 'vitest';
import { tick } from '../../src/bot/scheduler.js';
import { useHarness, type Harness } from '../support/harness.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';

let h: Harness;
useHarness((started) => (h = started));

const DAY = 86_400_000;
const email = (user: string) => `${user}@qingyun.example`;
const id = async (user: string) => (await h.employeeByEmail(email(user)))!.id;
const unitId = async (name: string) =>
  ((await h.sql.row('select id from org_units where name = ?', name)) as { id: number }).id;
const latestRequest = async () =>
  ((await h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id;
const request = async (rid: number) =>
  (await h.sql.row('select status, approvers from approval_requests where id = ?', rid)) as {
    status: string;
    approvers: string;
  };
const today = () => new Date().toISOString().slice(0, 10);

/** A claim by the text command (tag ; what they did), the shortest path that is not about claims. */
async function claim(who: number): Promise<number> {
  const before = await latestRequest();
  await command(h, who, 'claim', '流程优化 ; Reorganised the cold store');
  expect(await latestRequest()).toBeGreaterThan(before);
  return await latestRequest();
}

/** The three approvals of the default transfer flow, each pressed on the card the approver received. */
async function approveTransfer(rid: number, approvers: string[]): Promise<void> {
  for (const a of approvers) {
    const res = await press(
      h,
      await id(a),
      actionOf(await lastCard(h, await id(a), `approval:${rid}`), 'approval.approve'),
    );
    expect(res.outcome).toBe('handled');
  }
  expect((await request(rid)).status).toBe('approved');
}

describe('a completed transfer', () => {
  it('moves the manager, the waiting claim, the rater links and the access with the person', async () => {
    const tao = await id('song.tao');
    const oldHead = await id('liu.qiang');
    const newHead = await id('huang.jing');
    // A rating cycle of the Shanghai store: Liu Qiang is to rate Tao (the team scheme's rater is the manager).
    await command(h, await id('lin.xiaowen'), 'rating', 'open team 上海徐汇店 14');
    const raters = async () =>
      (await h.sql.rows('select distinct rater_id as r from rating_assignments where subject_id = ?', tao)).map(
        (r) => (r as { r: number }).r,
      );
    expect(await raters()).toEqual([oldHead]);
    await command(h, oldHead, 'ratings', email('song.tao'));
    expect(textOfCard(await lastCard(h, oldHead))).not.toContain('你只能查看自己的评价');

    const waiting = await claim(tao);
    expect(JSON.parse((await request(waiting)).approvers)).toEqual([oldHead]);

    await command(h, tao, 'transfer', '杭州西湖店 ; 离家更近');
    const rid = await latestRequest();
    await approveTransfer(rid, ['liu.qiang', 'lin.xiaowen', 'huang.jing']);

    // /whoami shows the receiving unit's head.
    await command(h, tao, 'whoami');
    expect(textOfCard(await lastCard(h, tao))).toContain('黄静 Jing Huang');
    expect(textOfCard(await lastCard(h, tao))).not.toContain('刘强 Qiang Liu');

    // The claim that waited on the old manager now waits on the new one, and the timeline says why.
    expect(JSON.parse((await request(waiting)).approvers)).toEqual([newHead]);
    const reroute = (await h.sql.row(
      "select actor_id as actor, comment from approval_decisions where request_id = ? and kind = 'reroute'",
      waiting,
    )) as { actor: number | null; comment: string };
    expect(reroute.actor).toBeNull();
    expect(JSON.parse(reroute.comment)).toMatchObject({ reason: 'transferred', about: oldHead, to: [newHead] });
    expect(textOfCard(await lastCard(h, newHead, `approval:${waiting}`))).toContain(
      '调岗后 刘强 Qiang Liu 不再是申请人的上级',
    );

    // The next claim goes to the new head.
    const next = await claim(tao);
    expect(JSON.parse((await request(next)).approvers)).toEqual([newHead]);

    // Ratings not yet given follow; the old manager no longer sees Tao's ratings.
    expect(await raters()).toEqual([newHead]);
    await command(h, oldHead, 'ratings', email('song.tao'));
    expect(textOfCard(await lastCard(h, oldHead))).toContain('你只能查看自己的评价');

    // Who managed them when.
    const history = await h.sql.rows(
      'select manager_id as manager, unit_id as unit, "from", "to", source from manager_history where employee_id = ? order by id',
      tao,
    );
    expect(history.slice(-2)).toEqual([
      { manager: oldHead, unit: await unitId('上海徐汇店'), from: expect.any(String), to: today(), source: 'demo' }, // opened when the demo org was imported
      { manager: newHead, unit: await unitId('杭州西湖店'), from: today(), to: null, source: `request:${rid}` },
    ]);
  });

  it('with a future effective date, is applied by the tick on that day and not before — once', async () => {
    const bing = await id('han.bing');
    const shanghai = await unitId('上海徐汇店');
    const effective = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    await command(h, bing, 'transfer', `深圳南山店 ; 轮岗 ; ${effective}`);
    const rid = await latestRequest();
    expect(textOfCard(await lastCard(h, bing, `approval:${rid}`))).toContain(effective);
    await approveTransfer(rid, ['liu.qiang', 'lin.xiaowen', 'tom.harris']);
    const where = async () => (await h.employeeByEmail(email('han.bing')))!;
    expect(await where()).toMatchObject({ unitId: shanghai, managerId: await id('liu.qiang') });
    expect(textOfCard(await lastCard(h, bing, `approval:${rid}`))).toContain(`已通过，将于 ${effective} 生效`);

    const at = async (days: number) =>
      await tick(h.app.db, h.app.config, new Set(h.app.adapters.keys()), new Date(Date.now() + days * DAY));
    expect((await at(1)).transfersApplied).toEqual([]);
    expect(await where()).toMatchObject({ unitId: shanghai, managerId: await id('liu.qiang') });
    expect((await at(3)).transfersApplied).toEqual([rid]);
    expect(await where()).toMatchObject({ unitId: await unitId('深圳南山店'), managerId: await id('tom.harris') });
    expect((await at(3)).transfersApplied).toEqual([]);
    expect(await h.sql.row('select count(*) as n from transfers where source = ?', `request:${rid}`)).toEqual({
      n: 1,
    });
    expect(
      await h.sql.rows(
        'select manager_id as manager, "from" from manager_history where employee_id = ? and "to" is null',
        bing,
      ),
    ).toEqual([{ manager: await id('tom.harris'), from: effective }]);
  });

  it('offers only units a person can be transferred to', async () => {
    // The company root, a grouping node (no head, units below it), and the person's own unit.
    const xue = await id('feng.xue');
    const before = await latestRequest();
    for (const [unit, says] of [
      ['青云科技', '不能调入'],
      ['门店', '不能调入'],
      ['上海徐汇店', '你已经在该部门了'],
    ]) {
      await command(h, xue, 'transfer', `${unit} ; 试试`);
      expect(textOfCard(await lastCard(h, xue))).toContain(says);
    }
    expect(await latestRequest()).toBe(before);
  });
});
