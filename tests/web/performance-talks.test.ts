// Repeated drop → performance conversation, end to end on both databases: three cycles of the team scheme in
// one store; closing the third in chat (HR confirms) gives the store head one conversation per person whose
// attitude fell twice in a row, with a due date and talking points on a card in his language; re-running the
// creation adds nothing; a fourth cycle with another fall adds one more for that cycle. The head marks one held
// from the card and one in the mini-app; anyone else, or a second time, is refused and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTalks } from '../../src/domain/growth/talks.js';
import { startHarness, type Harness } from '../support/harness.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { attitudeCycle, HR, personId, ratedAttitudeCycle } from '../support/training-history.js';
import { call, sandboxSession } from './client.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const DAY = 86_400_000;
const fromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const id = async (user: string) => await personId(h, user);
const talks = async () =>
  await h.sql.rows<{ id: number; cycle: number; employee: number; manager: number; dimension: string; status: string }>(
    'select id, cycle_id as cycle, employee_id as employee, manager_id as manager, dimension, status from performance_talks order by id',
  );

describe('performance conversations', () => {
  let third = 0;
  it('closing the third cycle asks the head for a conversation per person whose attitude fell twice in a row', async () => {
    await attitudeCycle(
      h,
      { 'ye.qing': 4, 'jiang.tao': 4, 'pan.yue': 3, 'sophia.lee': 5 },
      fromNow(-100),
      fromNow(-90),
    );
    await attitudeCycle(h, { 'ye.qing': 3, 'jiang.tao': 3, 'pan.yue': 4, 'sophia.lee': 4 }, fromNow(-60), fromNow(-50));
    third = await ratedAttitudeCycle(
      h,
      { 'ye.qing': 2, 'jiang.tao': 3, 'pan.yue': 3, 'sophia.lee': 2 },
      fromNow(-20),
      fromNow(10),
    );
    const hr = await id(HR);
    await command(h, hr, 'rating', `close ${third}`);
    const closed = await press(h, hr, actionOf(await lastCard(h, hr), 'rating.close'));
    expect(closed.outcome).toBe('handled');

    const tom = await id('tom.harris');
    const [ye, sophia] = [await id('ye.qing'), await id('sophia.lee')];
    // Jiang Tao fell once then stayed, Pan Yue rose then fell: no conversation for them.
    expect(await talks()).toEqual([
      { id: expect.any(Number), cycle: third, employee: ye, manager: tom, dimension: 'attitude', status: 'open' },
      { id: expect.any(Number), cycle: third, employee: sophia, manager: tom, dimension: 'attitude', status: 'open' },
    ]);
    const [t1] = await talks();
    const card = await lastCard(h, tom, `talk:${t1!.id}`);
    // Tom reads English: why, by when (14 days after the close), the talking points, and a button.
    const text = textOfCard(card);
    expect(card.header?.title).toBe('Performance conversation: 叶青 Qing Ye');
    expect(text).toContain('**Work attitude** dropped in two cycles in a row: 4.0 → 3.0 → 2.0.');
    expect(text).toContain('Work attitude went 4.0 → 3.0 → 2.0: ask what changed for them, and listen first.');
    const due = (await h.sql.row<{ due: string; closed: string }>(
      'select t.due_at as due, c.closed_at as closed from performance_talks t join rating_cycles c on c.id = t.cycle_id where t.id = ?',
      t1!.id,
    ))!;
    expect(new Date(due.due).getTime() - new Date(due.closed).getTime()).toBe(14 * DAY);
    expect(actionOf(card, 'talk.done')).toMatchObject({ k: 'talk.done', id: String(t1!.id) });
    // The person is not told.
    expect(textOfCard(await lastCard(h, ye))).not.toContain('Performance conversation');
  });

  it('re-running the creation for the cycle adds nothing; a fourth cycle with another fall adds one for it', async () => {
    expect(await createTalks(h.app.db, { cycleId: third, now: new Date() })).toEqual([]);
    expect(await talks()).toHaveLength(2);
    const fourth = await attitudeCycle(
      h,
      { 'ye.qing': 1, 'jiang.tao': 2, 'pan.yue': 3, 'sophia.lee': 3 },
      fromNow(20),
      fromNow(30),
    );
    // Ye Qing 3 → 2 → 1 again; Jiang Tao 3 → 3 → 2 is one fall; Sophia Lee rose.
    expect(fourth.talks.map((t) => [t.employeeId, t.dimension, t.scores])).toEqual([
      [await id('ye.qing'), 'attitude', [3, 2, 1]],
    ]);
    expect(await createTalks(h.app.db, { cycleId: fourth.cycle.id, now: new Date() })).toEqual([]);
    expect(await talks()).toHaveLength(3);
    const audited = await h.sql.rows<{ subject: string }>(
      "select subject from audit_log where action = 'talk.create' order by id",
    );
    expect(audited).toEqual([{ subject: `cycle:${third}` }, { subject: `cycle:${fourth.cycle.id}` }]);
  });

  it('the head marks one held from the card and one in the mini-app; others and repeats are refused', async () => {
    const tom = await id('tom.harris');
    const [t1, t2] = await talks();
    // Someone else pressing his card's button: refused, nothing changes.
    const byOther = await press(
      h,
      await id('sophia.lee'),
      actionOf(await lastCard(h, tom, `talk:${t1!.id}`), 'talk.done'),
    );
    expect(byOther.outcome).toBe('invalid');
    expect((await talks())[0]!.status).toBe('open');

    const pressed = await press(h, tom, actionOf(await lastCard(h, tom, `talk:${t1!.id}`), 'talk.done'));
    expect(pressed.outcome).toBe('handled');
    expect(textOfCard(pressed.card)).not.toContain('talk.done');
    expect(pressed.card?.header?.subtitle).toBe('Held');
    const again = await press(h, tom, { k: 'talk.done', id: String(t1!.id) });
    expect(again.toast?.text).toBe('This conversation is already marked as held.');

    const session = await sandboxSession(h, tom);
    const list = await call(h, 'GET', '/api/team/talks', { session });
    expect((list.body.talks as { id: number; status: string }[]).map((t) => [t.id, t.status])).toEqual([
      [t2!.id, 'open'],
      [(await talks())[2]!.id, 'open'],
      [t1!.id, 'done'],
    ]);
    const open = (list.body.talks as { id: number; points: string[]; why: string }[])[0]!;
    expect(open.points).toHaveLength(4);
    expect(open.why).toBe('Work attitude dropped in two cycles in a row: 5.0 → 4.0 → 2.0.');
    const stranger = await call(h, 'POST', `/api/team/talks/${t2!.id}/done`, {
      session: await sandboxSession(h, await id('zhang.wei')),
    });
    expect(stranger.status).toBe(404);
    expect((await talks())[1]!.status).toBe('open');
    expect((await call(h, 'POST', `/api/team/talks/${t2!.id}/done`, { session })).body).toEqual({ status: 'done' });
    const twice = await call(h, 'POST', `/api/team/talks/${t2!.id}/done`, { session });
    expect([twice.status, twice.body.error]).toEqual([409, 'This conversation is already marked as held.']);
    expect((await talks()).map((t) => t.status)).toEqual(['done', 'done', 'open']);
    expect(await h.sql.rows("select actor_employee_id as actor from audit_log where action = 'talk.done'")).toEqual([
      { actor: tom },
      { actor: tom },
    ]);
  });
});
