// Pulse survey on Feishu, end to end (issue 6): HR launches a survey to R&D (8 people) with a chat command;
// each person receives a card JSON 2.0 form container; 6 of them answer by submitting that form
// (card.action.trigger with form_value — the platform's real form path) and get a card that thanks them
// without repeating their answers; the answers wait sealed in the pool while the wave is open; the scheduler
// tick 3 days + 1 minute after the wave opened reminds exactly the other 2 on Feishu; the manager's report
// of the open wave shows participation only; HR closes the wave from Feishu, and the manager's report then
// shows participation 75% (6/8) and the dimension averages this test computes by hand from its answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../emulators/feishu/open-api.js';
import {
  callbackValues,
  type CardJson,
  type El,
  type FeishuE2E,
  formOf,
  openId,
  startFeishuE2E,
  submitButtonName,
  textOf,
} from './e2e-kit.js';
import { tick } from '../../../src/bot/scheduler.js';
import { expectNoAnswers, questionTexts } from '../no-echo.js';
import { ANSWERS, COMMENTS, NOT_ANSWERING, RND } from '../../support/rnd-pulse.js';

const TOKEN = 'vt-pulse-full-e2e';
const DAY = 24 * 60 * 60 * 1000;

const HR = 'lin.xiaowen';

const cardOf = (m: EmuMessage): CardJson => {
  expect(m.msg_type).toBe('interactive');
  return JSON.parse(m.content) as CardJson;
};
const submitValueOf = (form: El): unknown => {
  const submit = (form['elements'] as El[]).at(-1)!;
  expect(submit).toMatchObject({ tag: 'button', form_action_type: 'submit' });
  expect(submit['behaviors']).toBeUndefined();
  // Feishu returns a form submit's button name, not a value: the ActionRef is read back from the name.
  return callbackValues({ body: { elements: [submit] } })[0];
};
const isReminder = (m: EmuMessage) => m.content.includes('温馨提醒') || m.content.includes('friendly reminder');
/** The survey invitations (and reminders) a person received on Feishu: cards with a survey.answer form. */
const surveyCardsTo = (user: string) =>
  f.messagesTo(user).filter((m) => {
    const form = m.msg_type === 'interactive' ? formOf(cardOf(m)) : undefined;
    return form !== undefined && callbackValues({ body: { elements: [form] } }).some((v) => v.k === 'survey.answer');
  });

let f: FeishuE2E;

beforeAll(async () => {
  f = await startFeishuE2E({ token: TOKEN, link: [HR, ...RND] });
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

describe('pulse survey on Feishu, full flow', () => {
  let waveId: number;

  it('HR launches the survey from Feishu; all 8 in R&D get a form card, nobody else does', async () => {
    const before = f.messagesTo(HR).length;
    expect((await f.sender.message({ openId: openId(HR), text: '/survey launch 产品研发部 7' })).status).toBe(200);
    await f.settle();
    const confirm = textOf(cardOf(f.messagesTo(HR).at(-1)!));
    expect(f.messagesTo(HR)).toHaveLength(before + 1);
    expect(confirm).toContain('调研已发起');
    expect(confirm).toContain('8 人');
    waveId = ((await f.h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    for (const user of RND) {
      const invitations = surveyCardsTo(user);
      expect(invitations).toHaveLength(1);
      const form = formOf(cardOf(invitations[0]!))!;
      expect(submitValueOf(form)).toEqual({ k: 'survey.answer', id: String(waveId) });
      const elements = form['elements'] as El[];
      expect(elements.filter((e) => e['tag'] === 'select_static')).toHaveLength(10);
    }
    // HR is not in R&D: no invitation.
    expect(surveyCardsTo(HR)).toHaveLength(0);
    expect(
      await f.count(`select count(*) as n from survey_participation where wave_id = ${waveId} and not answered`),
    ).toBe(8);
  });

  it('six people answer by submitting the Feishu form; each gets a success toast and a card that thanks without echoing', async () => {
    const questions = await questionTexts(f.h, waveId);
    const pooled = async () => await f.count('select count(*) as n from survey_pool where wave_id = ?', waveId);
    let n = 0;
    for (const [user, values] of Object.entries(ANSWERS)) {
      const seenBefore = new Map(f.messagesTo(user).map((m) => [m.message_id, m.patches.length]));
      const invitation = surveyCardsTo(user)[0]!;
      const form = formOf(cardOf(invitation))!;
      const selects = (form['elements'] as El[]).filter((e) => e['tag'] === 'select_static');
      const formValue: Record<string, string> = {};
      selects.forEach((s, i) => {
        const option = (s['options'] as { value: string }[]).find((o) => o.value === String(values[i]));
        expect(option, `${user}: option ${values[i]} on question ${i + 1}`).toBeDefined();
        formValue[s['name'] as string] = option!.value;
      });
      const comment = n < COMMENTS.length ? COMMENTS[n]! : undefined;
      if (comment) formValue['comment'] = comment;
      const res = await f.sender.cardAction({
        openId: openId(user),
        name: submitButtonName(form),
        formValue,
        messageId: invitation.message_id,
      });
      expect(res.status).toBe(200);
      const answer = res.json as { toast: { type: string; content: string }; card: { type: string; data: CardJson } };
      expect(answer.toast.type).toBe('success');
      expect(answer.card.type).toBe('raw');
      expect(answer.card.data.header?.template).toBe('green');
      const recorded = textOf(answer.card.data);
      // In the person's language (emily.carter reads English).
      expect(recorded).toMatch(/^(谢谢，回答已提交|Thank you — your answers are in)\n/);
      expect(recorded).toMatch(/这里不会重复你的回答|They are not repeated here/);
      expect(formOf(answer.card.data)).toBeUndefined();
      n++;
      // Sealed in the pool until the wave closes; nothing reaches the response tables while it is open.
      expect(await pooled()).toBe(n);
      expect(await f.count('select count(*) as n from survey_responses where wave_id = ?', waveId)).toBe(0);
      await f.settle();
      // Nothing Feishu received for this person after the submission carries their answers: not the
      // callback's answer (toast and card), not a message sent or patched since.
      expectNoAnswers(res.json, { what: `${user}: the callback answer`, questions, ...(comment ? { comment } : {}) });
      const since = f
        .messagesTo(user)
        .flatMap((m) =>
          seenBefore.has(m.message_id) ? m.patches.slice(seenBefore.get(m.message_id)) : [m.content, ...m.patches],
        );
      for (const content of since)
        expectNoAnswers(JSON.parse(content) as unknown, {
          what: `${user}: a message sent or patched after the submission`,
          questions,
          ...(comment ? { comment } : {}),
        });
    }
    expect(await f.count('select count(*) as n from survey_participation where wave_id = ? and answered', waveId)).toBe(
      6,
    );
    expect((await f.h.outbox()).filter((r) => r.status === 'dead')).toEqual([]);
  });

  it('answering twice from Feishu is refused kindly and records nothing', async () => {
    const invitation = surveyCardsTo('li.ming')[0]!;
    const form = formOf(cardOf(invitation))!;
    const formValue = Object.fromEntries(
      (form['elements'] as El[]).filter((e) => e['tag'] === 'select_static').map((s) => [s['name'] as string, '3']),
    );
    const res = await f.sender.cardAction({
      openId: openId('li.ming'),
      name: submitButtonName(form),
      formValue,
      messageId: invitation.message_id,
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain('你已经回答过这份调研了');
    expect(await f.count('select count(*) as n from survey_pool where wave_id = ?', waveId)).toBe(6);
    expect(await f.count('select count(*) as n from survey_responses')).toBe(0);
  });

  it('the scheduler 3 days + 1 minute after opening reminds exactly the two who did not answer, once each', async () => {
    const opened = new Date(
      ((await f.h.sql.row('select opened_at as t from survey_waves where id = ?', waveId)) as { t: string }).t,
    );
    const platforms = new Set(f.h.app.adapters.keys());
    expect(platforms.has('feishu')).toBe(true);
    const remindersBefore = [...f.emu.messages.values()].filter(isReminder).length;
    expect(remindersBefore).toBe(0);
    expect(
      (await tick(f.h.app.db, f.h.app.config, platforms, new Date(opened.getTime() + 3 * DAY + 60_000))).reminded,
    ).toBe(2);
    // A second tick a minute later sends nothing more.
    expect(
      (await tick(f.h.app.db, f.h.app.config, platforms, new Date(opened.getTime() + 3 * DAY + 120_000))).reminded,
    ).toBe(0);
    await f.settle();
    for (const user of RND) {
      const reminders = f.messagesTo(user).filter(isReminder);
      expect(reminders, user).toHaveLength(NOT_ANSWERING.includes(user) ? 1 : 0);
    }
    expect(f.messagesTo(HR).filter(isReminder)).toHaveLength(0);
    // The reminder is itself an answerable form for the same wave.
    for (const user of NOT_ANSWERING) {
      const reminder = f.messagesTo(user).find(isReminder)!;
      expect(submitValueOf(formOf(cardOf(reminder))!)).toEqual({ k: 'survey.answer', id: String(waveId) });
    }
    expect((await f.h.outbox()).filter((r) => r.status === 'dead')).toEqual([]);
  });

  it('the report of the open wave shows participation 75% (6/8) only: no averages, no eNPS, no comments', async () => {
    const before = f.messagesTo('li.ming').length;
    expect((await f.sender.message({ openId: openId('li.ming'), text: '/report pulse 产品研发部' })).status).toBe(200);
    await f.settle();
    expect(f.messagesTo('li.ming')).toHaveLength(before + 1);
    const text = textOf(cardOf(f.messagesTo('li.ming').at(-1)!));
    expect(text).toContain('**参与率**\n75% (6/8)');
    expect(text).toContain('本轮结束后');
    expect(text).not.toContain('eNPS');
    expect(text).not.toMatch(/`[█░]{10}`/);
    for (const name of ['工作态度', '团队协作', '情绪表达']) expect(text).not.toContain(name);
    for (const c of COMMENTS) expect(text).not.toContain(c);
  });

  it('HR closes the wave from Feishu: the six answers leave the pool for the response tables', async () => {
    const cards = await f.say(HR, `/survey close ${waveId}`);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0]!)).toContain('调研已关闭');
    expect(await f.count('select count(*) as n from survey_waves where id = ? and closed_at is not null', waveId)).toBe(
      1,
    );
    expect(await f.count('select count(*) as n from survey_pool where wave_id = ?', waveId)).toBe(0);
    expect(await f.count('select count(*) as n from survey_responses where wave_id = ?', waveId)).toBe(6);
  });

  it('the report requested on Feishu after the close shows participation 75% (6/8) and the averages computed by hand', async () => {
    // By hand from ANSWERS: work attitude (items 1–3) = (13+11+14+10+11+13)/18 = 72/18 = 4.00;
    // collaboration (4–6) = (9+10+9+9+12+9)/18 = 58/18 = 3.22; expression (7–9) = (9+9+10+6+9+8)/18 = 51/18 = 2.83;
    // eNPS: promoters (≥9) li.ming, liu.yang, emily.carter = 3, detractors (≤6) chen.jing = 1 → (3−1)/6 = 33.
    const dim = (from: number) => {
      const all = Object.values(ANSWERS).flatMap((v) => v.slice(from, from + 3));
      return (all.reduce((a, b) => a + b, 0) / all.length).toFixed(2);
    };
    expect([dim(0), dim(3), dim(6)]).toEqual(['4.00', '3.22', '2.83']);
    const before = f.messagesTo('li.ming').length;
    expect((await f.sender.message({ openId: openId('li.ming'), text: '/report pulse 产品研发部' })).status).toBe(200);
    await f.settle();
    expect(f.messagesTo('li.ming')).toHaveLength(before + 1);
    const report = cardOf(f.messagesTo('li.ming').at(-1)!);
    const text = textOf(report);
    expect(text).toContain('75% (6/8)');
    expect(text).toContain('**eNPS**\n33');
    expect(text).toMatch(new RegExp(`工作态度: \`[█░]{10}\` \\*\\*${dim(0)}\\*\\*`));
    expect(text).toMatch(new RegExp(`团队协作: \`[█░]{10}\` \\*\\*${dim(3)}\\*\\*`));
    expect(text).toMatch(new RegExp(`情绪表达: \`[█░]{10}\` \\*\\*${dim(6)}\\*\\*`));
    for (const c of COMMENTS) expect(text).toContain(c);
    const audit = await f.h.sql.rows(
      "select actor_employee_id as actor, subject from audit_log where action = 'survey.report.view' order by id",
    );
    expect(audit).toContainEqual({ actor: await f.id('li.ming'), subject: `wave:${waveId}` });
  });
});
