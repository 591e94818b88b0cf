// A 40-item survey answered page by page on Feishu, through the real server: the card is too big for one
// Feishu card (over 200 elements as Feishu counts them), so the first page is sent with "Next (1/2)"; each
// page's submit comes back as Feishu documents a form submission (the button's name and form_value, no
// value), a middle page asks the core for the form and the callback answers with the next page, and the last
// page sends every answer at once as one ordinary submission. Field errors show the page holding the first
// one, with everything entered kept; a page carrying someone else's answers is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardView, FormBlock, FormValues } from '../../../cards/view.js';
import { cardProblems } from '../../../adapters/feishu/conformance.js';
import { enqueue } from '../../../src/bot/outbox.js';
import { inTransaction } from '../../../src/db/connection.js';
import { longSurvey } from '../../fixtures/cards/catalog.js';
import {
  type CardJson,
  type El,
  type FeishuE2E,
  formOf,
  openId,
  startFeishuE2E,
  submitButtonName,
  textOf,
} from './e2e-kit.js';

const WHO = 'liu.yang';
const OTHER = 'lin.xiaowen';
let f: FeishuE2E;
const submissions: FormValues[] = [];
let refuseOnce: string | undefined;

const survey = (): CardView => {
  const view = longSurvey('zh-CN', 40);
  return {
    ...view,
    blocks: view.blocks.map((b) =>
      b.type === 'form' ? { ...b, submit: { ...b.submit, action: { k: 'test.survey40', id: '1' } } } : b,
    ),
  };
};
const formBlock = (): FormBlock => survey().blocks.find((b): b is FormBlock => b.type === 'form')!;

beforeAll(async () => {
  f = await startFeishuE2E({ token: 'vt-pages-e2e', link: [WHO, OTHER] });
  // A real router action with a form, like the survey's: `form` answers openForm, `run` the submission.
  f.h.app.router.action({
    k: 'test.survey40',
    form: () => survey(),
    run(_ctx, _action, values) {
      if (refuseOnce && values) {
        const field = refuseOnce;
        refuseOnce = undefined;
        return {
          outcome: 'invalid',
          fieldErrors: { [field]: '请选择一个答案' },
          toast: { text: '请检查你的回答', tone: 'error' },
        };
      }
      submissions.push(values ?? {});
      return {
        outcome: 'handled',
        toast: { text: '已提交', tone: 'success' },
        card: { header: { title: '谢谢', tone: 'success' }, blocks: [{ type: 'text', markdown: '已记录' }] },
      };
    },
  });
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

/** The selects and inputs of a form page, with an answer for each: item qN gets (N % 5) + 1. */
function answersFor(form: El): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (typeof x !== 'object' || x === null) return;
    const r = x as El;
    if (r['tag'] === 'select_static') {
      const name = r['name'] as string;
      const n = Number(/\d+/.exec(name)?.[0] ?? 7);
      out[name] = String(name === 'enps' ? 9 : (n % 5) + 1);
    }
    if (r['tag'] === 'input') out[r['name'] as string] = '页尾的意见';
    Object.values(r).forEach(walk);
  };
  walk(form['elements']);
  return out;
}

const initialOptions = (form: El): Record<string, unknown> =>
  Object.fromEntries(
    (form['elements'] as El[])
      .filter((e) => e['tag'] === 'select_static' && e['initial_option'] !== undefined)
      .map((e) => [e['name'], e['initial_option']]),
  );

describe('feishu: a survey too long for one card, answered page by page', () => {
  let messageId: string;
  let page1: CardJson;

  it('the first page is sent (every element counted, within Feishu\'s limits) with "Next (1/2)"', async () => {
    await inTransaction(
      f.h.app.db,
      async () =>
        await enqueue(f.h.app.db, {
          platform: 'feishu',
          op: 'send',
          recipient: { kind: 'user', platformUserId: openId(WHO) },
          message: { kind: 'card', card: survey() },
        }),
    );
    await f.settle();
    const m = f.messagesTo(WHO).at(-1)!;
    messageId = m.message_id;
    page1 = JSON.parse(m.content) as CardJson;
    expect(f.emu.refusals).toEqual([]);
    expect(cardProblems(page1)).toEqual([]);
    const form = formOf(page1)!;
    const submit = (form['elements'] as El[]).at(-1)!;
    expect(submit).toMatchObject({ tag: 'button', form_action_type: 'submit', text: { content: '下一页（1/2）' } });
    expect(submit['behaviors']).toBeUndefined();
    expect(submit['name']).toMatch(/^vp1_[a-z2-7]+$/);
    expect(textOf(page1)).toContain('第 1/2 页');
    // The rest of the card (its intro, link and notes) is on this first message.
    expect(textOf(page1)).toContain('三月脉搏调研');
  });

  it('each page submits; the last sends all 42 answers at once; a field error shows its page with the answers kept', async () => {
    const form1 = formOf(page1)!;
    const a1 = answersFor(form1);
    expect(Object.keys(a1).length).toBeGreaterThan(5);
    const r1 = await f.sender.cardAction({
      openId: openId(WHO),
      name: submitButtonName(form1),
      formValue: a1,
      messageId,
    });
    expect(r1.status).toBe(200);
    expect(r1.refused).toBeUndefined();
    const page2 = (r1.json as { card: { data: CardJson } }).card.data;
    expect(cardProblems(page2, 'callback')).toEqual([]);
    expect(textOf(page2)).toContain('第 2/2 页');
    const form2 = formOf(page2)!;
    expect((form2['elements'] as El[]).at(-1)).toMatchObject({ text: { content: '匿名提交' } });
    // Page 2 asks what page 1 did not.
    const a2 = answersFor(form2);
    for (const k of Object.keys(a2)) expect(a1).not.toHaveProperty(k);
    expect(submissions).toEqual([]);

    // The core refuses q3 (on page 1): the answer shows page 1 again, every answer there kept.
    refuseOnce = 'q3';
    const r2 = await f.sender.cardAction({
      openId: openId(WHO),
      name: submitButtonName(form2),
      formValue: a2,
      messageId,
    });
    const back = r2.json as { toast: { type: string; content: string }; card: { data: CardJson } };
    expect(back.toast.type).toBe('error');
    expect(back.toast.content).toContain('请选择一个答案');
    expect(textOf(back.card.data)).toContain('第 1/2 页');
    const again1 = formOf(back.card.data)!;
    expect(initialOptions(again1)).toEqual(a1);
    expect(submissions).toEqual([]);

    // Page 1 again (q3 changed), then page 2 comes back with its answers kept, then one submission.
    const fixed1 = { ...a1, q3: '5' };
    const r3 = await f.sender.cardAction({
      openId: openId(WHO),
      name: submitButtonName(again1),
      formValue: fixed1,
      messageId,
    });
    const again2 = formOf((r3.json as { card: { data: CardJson } }).card.data)!;
    expect(initialOptions(again2)).toEqual(Object.fromEntries(Object.entries(a2).filter(([k]) => k !== 'comment')));
    const r4 = await f.sender.cardAction({
      openId: openId(WHO),
      name: submitButtonName(again2),
      formValue: a2,
      messageId,
    });
    expect((r4.json as { toast: { type: string } }).toast.type).toBe('success');
    expect(submissions).toHaveLength(1);
    const all = submissions[0]!;
    const wanted = formBlock()
      .fields.filter((x) => x.type !== 'text')
      .map((x) => ('id' in x ? x.id : ''));
    expect(Object.keys(all).sort()).toEqual([...wanted].sort());
    expect(all).toEqual({ ...fixed1, ...a2 });
  });

  it("a page carrying one person's answers cannot be submitted by another (a forwarded card): expired", async () => {
    const form1 = formOf(page1)!;
    const r1 = await f.sender.cardAction({
      openId: openId(WHO),
      name: submitButtonName(form1),
      formValue: answersFor(form1),
      messageId,
    });
    const form2 = formOf((r1.json as { card: { data: CardJson } }).card.data)!;
    const before = submissions.length;
    const stolen = await f.sender.cardAction({
      openId: openId(OTHER),
      name: submitButtonName(form2),
      formValue: answersFor(form2),
      messageId,
    });
    const answer = stolen.json as { toast?: { type: string } };
    expect(answer.toast?.type).toBe('warning');
    expect(submissions).toHaveLength(before);
    // A name we never made is refused the same way.
    const forged = await f.sender.cardAction({
      openId: openId(WHO),
      name: 'vp1_abcdefgh',
      formValue: { q1: '1' },
      messageId,
    });
    expect((forged.json as { toast?: { type: string } }).toast?.type).toBe('warning');
    expect(submissions).toHaveLength(before);
  });
});
