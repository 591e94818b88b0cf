// End to end: a real core form on Feishu. HR launches a pulse survey from Feishu; the invitation reaches a
// member as a card JSON 2.0 form container; submitting it (card.action.trigger with form_value) answers with
// a toast and the "recorded" card, which thanks without repeating the answers, and the answer waits sealed
// in the pool until the wave closes; a bad submission answers with an error toast and records nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callbackValues,
  type El,
  type FeishuE2E,
  openId,
  startFeishuE2E,
  submitButtonName,
  textOf,
} from './e2e-kit.js';
import { expectNoAnswers, questionTexts } from '../no-echo.js';

const HR = 'lin.xiaowen';
const DEV = 'liu.yang';
let f: FeishuE2E;

beforeAll(async () => {
  f = await startFeishuE2E({ token: 'vt-survey-e2e', link: [HR, DEV] });
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

describe('feishu survey form e2e', () => {
  let form: El;
  let messageId: string;

  it('HR launches a survey from Feishu; the member receives a form card', async () => {
    const before = f.messagesTo(DEV).length;
    expect((await f.sender.message({ openId: openId(HR), text: '/survey launch 产品研发部 7' })).status).toBe(200);
    await f.settle();
    const mine = f.messagesTo(DEV);
    expect(mine).toHaveLength(before + 1);
    const invitation = JSON.parse(mine.at(-1)!.content) as { body: { elements: El[] } };
    messageId = mine.at(-1)!.message_id;
    form = invitation.body.elements.find((e) => e['tag'] === 'form')!;
    expect(form).toBeDefined();
    const elements = form['elements'] as El[];
    expect(elements.filter((e) => e['tag'] === 'select_static')).toHaveLength(10);
    expect(elements.find((e) => e['tag'] === 'input')).toMatchObject({ name: 'comment', input_type: 'multiline_text' });
    // A form's submit button is configured as Feishu documents it: form_action_type and a name, no behaviors;
    // the name carries the ActionRef (Feishu sends the name back with form_value, and no value).
    const submit = elements.at(-1)!;
    expect(submit).toMatchObject({ tag: 'button', form_action_type: 'submit' });
    expect(submit['behaviors']).toBeUndefined();
    expect(callbackValues({ body: { elements: [submit] } })).toEqual([expect.objectContaining({ k: 'survey.answer' })]);
  });

  it('an incomplete submission gets an error toast and records nothing', async () => {
    const res = await f.sender.cardAction({
      openId: openId(DEV),
      name: submitButtonName(form),
      formValue: { comment: 'half done' },
      messageId,
    });
    expect(res.status).toBe(200);
    const answer = res.json as { toast: { type: string; content: string }; card?: unknown };
    expect(answer.toast.type).toBe('error');
    // The field errors are folded into the toast (Feishu shows no per-field errors on a callback).
    expect(answer.toast.content).toMatch(/请选择一个答案|Please choose an answer/);
    expect(answer.card).toBeUndefined();
    expect(await f.count('select count(*) as n from survey_pool')).toBe(0);
    expect(await f.count('select count(*) as n from survey_participation where answered')).toBe(0);
    expect(await f.count('select count(*) as n from survey_responses')).toBe(0);
  });

  it('a complete submission answers with a toast and a recorded card that does not echo the answers, and seals one anonymous response', async () => {
    const elements = form['elements'] as El[];
    const values: Record<string, string> = {};
    for (const e of elements.filter((x) => x['tag'] === 'select_static')) {
      const options = e['options'] as { value: string }[];
      values[e['name'] as string] = options.at(-2)!.value; // one below the top of each scale
    }
    const comment = 'More focus time, please.';
    values['comment'] = comment;
    const submit = callbackValues({ body: { elements: [elements.at(-1)!] } })[0];
    const sent = new Map(f.messagesTo(DEV).map((m) => [m.message_id, m.patches.length]));
    const res = await f.sender.cardAction({
      openId: openId(DEV),
      name: submitButtonName(form),
      formValue: values,
      messageId,
    });
    expect(res.refused).toBeUndefined();
    const answer = res.json as {
      toast: { type: string };
      card: {
        type: string;
        data: { header: { title: { content: string }; template: string }; body: { elements: El[] } };
      };
    };
    expect(answer.toast.type).toBe('success');
    expect(answer.card.type).toBe('raw');
    expect(answer.card.data.header.template).toBe('green');
    expect(answer.card.data.header.title.content).toBe('谢谢，回答已提交');
    expect(textOf(answer.card.data)).toContain('这里不会重复你的回答');
    // The card and the toast Feishu shows the person repeat none of it: no "4 / 5", "9 / 10", no question, not the comment.
    const waveId = Number((submit as { id: string }).id);
    const questions = await questionTexts(f.h, waveId);
    expectNoAnswers(res.json, { what: 'the callback answer', questions, comment });
    // Sealed in the pool until the wave closes: no response row while it is open.
    expect(await f.count('select count(*) as n from survey_pool where wave_id = ?', waveId)).toBe(1);
    expect(await f.count('select count(*) as n from survey_responses')).toBe(0);
    expect(await f.count('select count(*) as n from survey_participation where wave_id = ? and answered', waveId)).toBe(
      1,
    );
    await f.settle();
    expect((await f.h.outbox()).filter((r) => r.platform === 'feishu' && r.status === 'dead')).toEqual([]);
    // Nor does anything sent or patched to the person afterwards.
    for (const m of f.messagesTo(DEV)) {
      for (const content of sent.has(m.message_id)
        ? m.patches.slice(sent.get(m.message_id))
        : [m.content, ...m.patches]) {
        expectNoAnswers(JSON.parse(content) as unknown, {
          what: 'a message sent or patched after the submission',
          questions,
          comment,
        });
      }
    }
  });
});
