// Pulse survey end to end on Slack (issue 6): HR launches to R&D (8 people) with a slash command; each
// invitation arrives as a DM whose form is a button; 6 people press it, the survey opens as a modal
// (views.open with the press's trigger_id) and they answer through view_submission, the invitation
// turning into a card that thanks without repeating the answers, which wait sealed in the pool while the
// wave is open; the other 2 get exactly one reminder each from the scheduler tick 3 days + 1 minute after
// launch; the manager's report of the open wave shows participation only; HR closes the wave with a slash
// command, and the manager's report then shows 75% (6/8) and the dimension averages this test computes by
// hand from the answers it gave. Everything is asserted on the Slack payloads the Web API emulator
// received and on the database.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tick } from '../../../src/bot/scheduler.js';
import {
  buttonsOf,
  command,
  linkByHome,
  messagesIn,
  messageNow,
  openModal,
  refOf,
  selected,
  settle,
  startSlackE2E,
  submitModal,
  textOfBlocks,
  typed,
  updatesOf,
  type Blk,
  type ModalView,
  type SlackE2E,
  type SlackMessage,
  type StateValues,
} from './e2e-kit.js';
import { expectNoAnswers, questionTexts } from '../no-echo.js';
import { postedChannel } from '../../emulators/slack/web-api.js';
import { ANSWERS as answers, COMMENTS as comments, NOT_ANSWERING as SILENT, RND } from '../../support/rnd-pulse.js';

const DAY = 24 * 60 * 60 * 1000;
const HR = 'lin.xiaowen';
// The answers (tests/support/rnd-pulse.ts) are in template order: the order the modal shows them.

let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('pulse-e2e-secret', [HR, ...RND]);
  await linkByHome(k, [HR, ...RND]);
});
afterAll(async () => k?.stop());

const isInvitation = (m: SlackMessage, waveId: number) =>
  buttonsOf(m.blocks).some(
    (b) =>
      b.action_id?.startsWith('form:') &&
      b.value !== undefined &&
      refOf(b).k === 'survey.answer' &&
      refOf(b).id === String(waveId),
  );
const reminderText = /温馨提醒|friendly reminder/;
const responses = async () => ((await k.h.sql.row('select count(*) as n from survey_responses')) as { n: number }).n;
const pooled = async (waveId: number) =>
  ((await k.h.sql.row('select count(*) as n from survey_pool where wave_id = ?', waveId)) as { n: number }).n;

/** The modal's questions, grouped under the dimension headings it shows (sections before each group). */
function questionsOf(view: ModalView): { dimensions: { name: string; blocks: Blk[] }[]; enps: Blk; comment: Blk } {
  const dimensions: { name: string; blocks: Blk[] }[] = [];
  const selects = view.blocks.filter((b) => b.type === 'input' && b.element?.type === 'static_select');
  for (const b of view.blocks) {
    const heading = b.type === 'section' ? /^\*([^*]+)\*$/.exec(b.text?.text ?? '') : null;
    if (heading) dimensions.push({ name: heading[1]!, blocks: [] });
    else if (b.type === 'input' && b.element?.type === 'static_select' && b !== selects.at(-1))
      dimensions.at(-1)!.blocks.push(b);
  }
  const comment = view.blocks.find((b) => b.type === 'input' && b.element?.type === 'plain_text_input')!;
  return { dimensions, enps: selects.at(-1)!, comment };
}

describe('Slack: pulse survey end to end (launch → 6 answers in modals → reminders → close → report)', () => {
  let waveId: number;
  let dimensionNames: string[] = [];
  let mingView: ModalView | undefined;

  it('HR launches to R&D with /vitality survey launch; all 8 get the invitation as a DM, nobody else does', async () => {
    const before = k.emu.calls.length;
    await command(k, HR, 'survey launch 产品研发部 7');
    waveId = ((await k.h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    expect(await k.h.sql.row('select count(*) as n from survey_participation where wave_id = ?', waveId)).toEqual({
      n: 8,
    });
    // HR's confirmation (zh-CN) names the 8 people.
    const confirm = messagesIn(k, k.dm(HR)).at(-1)!;
    expect(textOfBlocks(confirm.blocks)).toContain('调研已发起');
    expect(textOfBlocks(confirm.blocks)).toContain(`第 ${waveId} 轮已发送给 8 人（产品研发部）`);
    // One invitation per R&D member, each a DM with the form launcher button; no other channel got one.
    const posts = k.emu.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    const invitedChannels = posts
      .filter((c) => JSON.stringify(c.args.blocks ?? []).includes('survey.answer'))
      .map((c) => postedChannel(c));
    expect(invitedChannels.sort()).toEqual(RND.map((u) => k.dm(u)).sort());
    for (const u of RND) {
      const inv = messagesIn(k, k.dm(u)).filter((m) => isInvitation(m, waveId));
      expect(inv).toHaveLength(1);
      expect(inv[0]!.text).toMatch(/团队活力脉搏|Team vitality pulse/);
    }
  });

  it('six people answer through the modal; each invitation turns into a card that thanks without echoing the answers', async () => {
    const questions = await questionTexts(k.h, waveId);
    let n = 0;
    for (const [user, values] of Object.entries(answers)) {
      const invitation = messagesIn(k, k.dm(user)).find((m) => isInvitation(m, waveId))!;
      const view = await openModal(k, user, invitation);
      expect(view).toMatchObject({ type: 'modal', callback_id: 'vitality_form' });
      expect(JSON.parse(view.private_metadata)).toEqual({
        a: { k: 'survey.answer', id: String(waveId) },
        c: invitation.channel,
        m: invitation.ts,
      });
      const q = questionsOf(view);
      // Three dimensions of three 1–5 items, then eNPS 0–10, then the optional comment.
      expect(q.dimensions.map((d) => d.blocks.length)).toEqual([3, 3, 3]);
      for (const d of q.dimensions)
        for (const b of d.blocks) expect(b.element!.options!.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
      expect(q.enps.element!.options!.map((o) => o.value)).toEqual([
        '0',
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '10',
      ]);
      if (user === 'li.ming') {
        dimensionNames = q.dimensions.map((d) => d.name); // zh-CN, the report's language
        mingView = view;
      }
      const ratings = [...q.dimensions.flatMap((d) => d.blocks), q.enps];
      const state: StateValues = Object.fromEntries(ratings.map((b, i) => [b.block_id!, selected(String(values[i]))]));
      const comment = n < comments.length ? comments[n]! : undefined;
      if (comment) state[q.comment.block_id!] = typed(comment);

      const updates = updatesOf(k, invitation).length;
      const callsBefore = k.emu.calls.length;
      const sub = await submitModal(k, user, view, state);
      // An empty 200 closes the modal.
      expect([sub.status, sub.body]).toEqual([200, '']);
      expect(sub.res.outcome).toBe('handled');
      await vi.waitFor(() => expect(updatesOf(k, invitation).length).toBe(updates + 1), { timeout: 10_000 });
      const recorded = messageNow(k, invitation);
      // In the person's language (emily.carter reads English).
      expect(recorded.text).toMatch(/^(谢谢，回答已提交|Thank you — your answers are in)\n/);
      expect(textOfBlocks(recorded.blocks)).toMatch(/这里不会重复你的回答|They are not repeated here/);
      // No button but, for someone who commented, the link to their comment's anonymous conversation: a URL
      // button whose reply key rides in the fragment (issue 23 item 1), nothing the server can act on.
      const buttons = buttonsOf(recorded.blocks) as { url?: string; value?: string }[];
      if (comment) {
        expect(buttons).toHaveLength(1);
        expect(buttons[0]!.url).toMatch(/\/app\/conversation#k=[A-Za-z0-9_-]{32}$/);
        expect(buttons[0]!.value).toBeUndefined();
      } else expect(buttons).toEqual([]);
      await settle(k);
      // Nothing Slack received after the submission carries the answers back to the DM: no chat.update,
      // post, views.* or response_url call holds a score, a question or the comment.
      const after = k.emu.calls.slice(callsBefore);
      expect(after.some((c) => c.method === 'chat.update')).toBe(true);
      for (const c of after)
        expectNoAnswers(c.args, {
          what: `${user}: ${c.method} after the submission`,
          questions,
          ...(comment ? { comment } : {}),
        });
      n++;
      // Sealed in the pool until the wave closes; nothing reaches the response tables while it is open.
      expect(await pooled(waveId)).toBe(n);
      expect(await responses()).toBe(0);
    }
    await settle(k);
    expect(
      await k.h.sql.row('select count(*) as n from survey_participation where wave_id = ? and answered', waveId),
    ).toEqual({ n: 6 });
    // The two who did not answer still have the launcher.
    for (const u of SILENT) expect(messagesIn(k, k.dm(u)).filter((m) => isInvitation(m, waveId))).toHaveLength(1);
  });

  it('a second submission of the same survey is refused kindly and records nothing', async () => {
    // li.ming submits the survey modal he already sent once again (a new view_submission).
    const view = mingView!;
    const q = questionsOf(view);
    const state: StateValues = Object.fromEntries(
      [...q.dimensions.flatMap((d) => d.blocks), q.enps].map((b) => [b.block_id!, selected('3')]),
    );
    const sub = await submitModal(k, 'li.ming', view, state);
    expect([sub.status, sub.body]).toEqual([200, '']);
    await settle(k);
    const invitation = { channel: k.dm('li.ming'), ts: (JSON.parse(view.private_metadata) as { m: string }).m };
    expect(messageNow(k, invitation).text).toContain('你已经回答过这份调研了');
    expect(await pooled(waveId)).toBe(6);
    expect(await responses()).toBe(0);
    expect(
      await k.h.sql.row('select count(*) as n from survey_participation where wave_id = ? and answered', waveId),
    ).toEqual({ n: 6 });
  });

  it('the scheduler reminds the 2 who did not answer, exactly once each, and nobody who answered', async () => {
    const config = k.h.app.config;
    const platforms = new Set(k.h.app.adapters.keys());
    expect(platforms.has('slack')).toBe(true);
    const opened = new Date(
      ((await k.h.sql.row('select opened_at as t from survey_waves where id = ?', waveId)) as { t: string }).t,
    );
    const before = k.emu.calls.length;
    expect((await tick(k.h.app.db, config, platforms, new Date(opened.getTime() + 3 * DAY + 60_000))).reminded).toBe(2);
    // Another tick a minute later sends nothing more.
    expect((await tick(k.h.app.db, config, platforms, new Date(opened.getTime() + 3 * DAY + 120_000))).reminded).toBe(
      0,
    );
    k.h.app.worker.kick();
    await settle(k);
    const posts = k.emu.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    // Exactly one Slack message each, to the two who did not answer, and it is the reminder with the form.
    expect(posts.map((c) => postedChannel(c)).sort()).toEqual(SILENT.map((u) => k.dm(u)).sort());
    for (const c of posts) {
      expect(textOfBlocks(c.args.blocks as Blk[])).toMatch(reminderText);
      expect(
        isInvitation(
          { channel: postedChannel(c), ts: String(c.response!.ts), text: '', blocks: c.args.blocks as Blk[] },
          waveId,
        ),
      ).toBe(true);
    }
    for (const u of Object.keys(answers))
      expect(messagesIn(k, k.dm(u)).filter((m) => reminderText.test(textOfBlocks(m.blocks)))).toEqual([]);
    expect(
      await k.h.sql.rows(
        'select employee_id as e, reminders_sent as r from survey_participation where wave_id = ? and reminders_sent > 0 order by employee_id',
        waveId,
      ),
    ).toEqual((await Promise.all(SILENT.map(async (u) => ({ e: await k.empId(u), r: 1 })))).sort((a, b) => a.e - b.e));
  });

  it('the report of the open wave shows participation 75% (6/8) only: no averages, no eNPS, no comments', async () => {
    const res = await command(k, 'li.ming', 'report pulse 产品研发部');
    expect(res.outcome).toBe('handled');
    const text = textOfBlocks(messagesIn(k, k.dm('li.ming')).at(-1)!.blocks);
    expect(text).toContain('*参与率*\n75% (6/8)');
    expect(text).toContain('本轮结束后');
    expect(text).not.toContain('eNPS');
    expect(text).not.toMatch(/`[█░]{10}`/);
    for (const name of dimensionNames) expect(text).not.toContain(name);
    for (const c of comments) expect(text).not.toContain(c);
  });

  it('HR closes the wave with /vitality survey close; the six answers leave the pool for the response tables', async () => {
    const res = await command(k, HR, `survey close ${waveId}`);
    expect(res.outcome).toBe('handled');
    expect(textOfBlocks(messagesIn(k, k.dm(HR)).at(-1)!.blocks)).toContain('调研已关闭');
    expect(
      await k.h.sql.row('select count(*) as n from survey_waves where id = ? and closed_at is not null', waveId),
    ).toEqual({ n: 1 });
    expect(await pooled(waveId)).toBe(0);
    expect(await k.h.sql.row('select count(*) as n from survey_responses where wave_id = ?', waveId)).toEqual({
      n: 6,
    });
  });

  it('the manager asks for the report on Slack after the close: participation 75% (6/8) and the averages computed by hand', async () => {
    // By hand: work attitude (5+4+4 + 4+4+3 + 5+5+4 + 4+3+3 + 3+4+4 + 4+5+4)/18 = 72/18 = 4.00;
    // collaboration (3+4+2 + 3+5+2 + 2+4+3 + 3+4+2 + 4+5+3 + 3+4+2)/18 = 58/18 = 3.22;
    // expression (3+4+2 + 2+4+3 + 3+5+2 + 2+3+1 + 3+4+2 + 2+4+2)/18 = 51/18 = 2.83;
    // eNPS: promoters (9, 10, 9) 3, detractors (6) 1 of 6 → (3 − 1)/6 = 33.
    const given = Object.values(answers);
    const avg = (from: number) =>
      given.reduce((s, a) => s + a[from]! + a[from + 1]! + a[from + 2]!, 0) / (given.length * 3);
    const computed = [avg(0), avg(3), avg(6)].map((x) => x.toFixed(2));
    expect(computed).toEqual(['4.00', '3.22', '2.83']);
    const promoters = given.filter((a) => a[9]! >= 9).length;
    const detractors = given.filter((a) => a[9]! <= 6).length;
    expect(Math.round(((promoters - detractors) / given.length) * 100)).toBe(33);
    expect(dimensionNames).toEqual(['工作态度', '团队协作', '情绪表达']);

    const res = await command(k, 'li.ming', 'report pulse 产品研发部');
    expect(res.outcome).toBe('handled');
    const report = messagesIn(k, k.dm('li.ming')).at(-1)!;
    const text = textOfBlocks(report.blocks);
    expect(report.blocks[0]).toMatchObject({ type: 'header' });
    expect(text).toContain('*参与率*\n75% (6/8)');
    expect(text).toContain('*eNPS*\n33');
    dimensionNames.forEach((name, i) =>
      expect(text).toMatch(new RegExp(`• ${name}: \`[█░]{10}\` \\*${computed[i]!.replace('.', '\\.')}\\*`)),
    );
    for (const c of comments) expect(text).toContain(c);
    // Viewing the unit's results is audited.
    expect(
      await k.h.sql.rows(
        "select actor_employee_id as actor, subject from audit_log where action = 'survey.report.view' order by id",
      ),
    ).toContainEqual({ actor: await k.empId('li.ming'), subject: `wave:${waveId}` });
  });
});
