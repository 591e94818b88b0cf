// Real-time feedback on the sandbox (both databases): a store head shares a comment with one of his people
// from chat; she gets a card in her language and acknowledges it, and his copy says she did. Sharing with
// oneself, with someone one neither rates nor leads (HR's role alone included), to an unknown address, or an
// empty or over-long comment, is refused with a message and writes nothing. The mini-app does the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { inTransaction } from '../../src/db/connection.js';
import { employees } from '../../src/db/schema.js';
import { erasePerson } from '../../src/domain/privacy/erase-person.js';
import { startHarness, type Harness } from '../support/harness.js';
import { actionOf, cardsOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { personId } from '../support/training-history.js';
import { call, sandboxSession } from './client.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const id = async (user: string) => await personId(h, user);
const rows = async () =>
  await h.sql.rows<{ id: number; rater: number; subject: string; acked: string | null }>(
    'select id, rater_id as rater, subject_id as subject, acknowledged_at as acked from shared_feedback order by id',
  );
const audited = async () =>
  await h.sql.rows<{ action: string; actor: number }>(
    "select action, actor_employee_id as actor from audit_log where action like 'feedback.%' order by id",
  );

describe('real-time feedback', () => {
  it('shared from chat: the person gets a card to acknowledge, the rater a copy that waits', async () => {
    const tom = await id('tom.harris');
    const ye = await id('ye.qing');
    await command(h, tom, 'rating', 'share ye.qing@qingyun.example Great handling of the Friday rush — thank you.');
    const [f] = await rows();
    expect(f).toMatchObject({ rater: tom, subject: ye, acked: null });
    const card = await lastCard(h, ye, `feedback:${f!.id}`);
    expect(card.header?.title).toBe('来自Tom Harris的反馈');
    expect(textOfCard(card)).toContain('Great handling of the Friday rush — thank you.');
    const copy = await lastCard(h, tom, `feedback-rater:${f!.id}`);
    expect(copy.header?.title).toBe('Feedback shared with 叶青 Qing Ye');
    expect(textOfCard(copy)).toContain('Waiting for 叶青 Qing Ye to acknowledge it.');
    expect(await audited()).toEqual([{ action: 'feedback.share', actor: tom }]);
  });

  it('refusals say why and write nothing', async () => {
    const tom = await id('tom.harris');
    const reply = async (args: string) => {
      await command(h, tom, 'rating', args);
      return textOfCard(await lastCard(h, tom));
    };
    expect(await reply('share tom.harris@qingyun.example Well done me')).toContain(
      'You cannot share feedback with yourself.',
    );
    expect(await reply('share zhang.wei@qingyun.example Nice code')).toContain(
      'You can share feedback only with people you rate or lead.',
    );
    expect(await reply('share nobody@qingyun.example Hello')).toContain(
      'You can share feedback only with people you rate or lead.',
    );
    expect(await reply('share ye.qing@qingyun.example')).toContain('/rating share <email> <comment>');
    expect(await reply(`share ye.qing@qingyun.example ${'x'.repeat(501)}`)).toContain(
      'Write a comment of 1 to 500 characters.',
    );
    // HR's role alone does not make her a rater of Ye Qing.
    const hr = await sandboxSession(h, await id('lin.xiaowen'));
    const byHr = await call(h, 'POST', '/api/feedback', {
      session: hr,
      body: { subjectId: await id('ye.qing'), comment: 'Hi' },
    });
    expect(byHr.status).toBe(403);
    expect(await rows()).toHaveLength(1);
    expect(await audited()).toHaveLength(1);
  });

  it('the person acknowledges from the card; the rater’s copy says so; nobody else can, and not twice', async () => {
    const [tom, ye] = [await id('tom.harris'), await id('ye.qing')];
    const [f] = await rows();
    const button = actionOf(await lastCard(h, ye, `feedback:${f!.id}`), 'feedback.ack');
    expect((await press(h, await id('pan.yue'), button)).outcome).toBe('invalid');
    expect((await rows())[0]!.acked).toBeNull();
    const acked = await press(h, ye, button);
    expect(acked.outcome).toBe('handled');
    expect(textOfCard(acked.card)).not.toContain('feedback.ack');
    expect((await rows())[0]!.acked).not.toBeNull();
    await h.drainOutbox();
    const copies = await cardsOf(h, tom, `feedback-rater:${f!.id}`);
    expect(textOfCard(copies.at(-1))).toMatch(/叶青 Qing Ye acknowledged it on /);
    expect((await press(h, ye, button)).toast?.text).toBe('你已确认过这条反馈。');
    expect((await audited()).map((a) => a.action)).toEqual(['feedback.share', 'feedback.ack']);
  });

  it('the mini-app: share, read what was received, acknowledge, and the rater sees it acknowledged', async () => {
    const [tom, pan] = [await id('tom.harris'), await id('pan.yue')];
    const tomS = await sandboxSession(h, tom);
    const panS = await sandboxSession(h, pan);
    const bad = await call(h, 'POST', '/api/feedback', { session: tomS, body: { subjectId: pan, comment: '  ' } });
    expect([bad.status, bad.body.fields]).toEqual([400, { comment: 'Write a comment of 1 to 500 characters.' }]);
    const shared = await call(h, 'POST', '/api/feedback', {
      session: tomS,
      body: { subjectId: pan, comment: 'Guests mentioned your warm welcome.' },
    });
    expect(shared.status).toBe(200);
    const fid = shared.body.id as number;
    const received = await call(h, 'GET', '/api/feedback', { session: panS });
    expect(received.body).toMatchObject({
      received: [{ id: fid, name: 'Tom Harris', comment: 'Guests mentioned your warm welcome.', acknowledgedAt: null }],
      sent: [],
    });
    expect((await call(h, 'POST', `/api/feedback/${fid}/ack`, { session: tomS })).status).toBe(404);
    const ack = await call(h, 'POST', `/api/feedback/${fid}/ack`, { session: panS });
    expect(ack.status).toBe(200);
    expect((await call(h, 'POST', `/api/feedback/${fid}/ack`, { session: panS })).status).toBe(409);
    const sent = await call(h, 'GET', '/api/feedback', { session: tomS });
    expect((sent.body.sent as { id: number; acknowledgedAt: string | null }[])[0]).toMatchObject({
      id: fid,
      acknowledgedAt: ack.body.acknowledgedAt,
    });
    expect(await audited()).toHaveLength(4);
  });

  it('erasing a person replaces their name in feedback comments that mention them', async () => {
    const tom = await id('tom.harris');
    const du = await id('du.peng');
    await command(h, tom, 'rating', 'share ye.qing@qingyun.example You and 杜鹏 Peng Du closed well together.');
    // Only someone who has left can be erased.
    await h.app.db.update(employees).set({ active: false }).where(eq(employees.id, du));
    const erased = await inTransaction(
      h.app.db,
      async () =>
        await erasePerson(h.app.db, du, { kind: 'employee', employeeId: await id('lin.xiaowen') }, new Date()),
    );
    expect(erased.ok).toBe(true);
    const comments = await h.sql.rows<{ comment: string }>('select comment from shared_feedback order by id');
    expect(comments.at(-1)!.comment).not.toContain('Peng Du');
    expect(comments.at(-1)!.comment).not.toContain('杜鹏');
    expect(comments.at(-1)!.comment).toMatch(/^You and .+ closed well together\.$/);
  });
});
