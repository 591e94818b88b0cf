// Issue 18, end to end: a rater form longer than a Slack modal holds (100 blocks) is answered page by page.
// The real server (real core, real Bolt app, real outbox) and the Web API emulator; the store 深圳南山店 gets 40
// more people, so Tom's rater card asks for 45 ratings and comments. Pressing the card's form button opens
// page 1 ("Page 1 of n", submit "Next (1/n)"); each page's view_submission is answered with
// `response_action: 'update'` and the next page (checked as Slack checks an update view), the answers so far
// carried along; the last page hands the core every answer at once — one submission, all 45 ratings saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  command,
  linkByHome,
  openModal,
  settle,
  startSlackE2E,
  type Blk,
  type ModalView,
  type SlackE2E,
  type StateValues,
  messagesIn,
  buttonsOf,
  refOf,
  selected,
} from './e2e-kit.js';
import { payloads } from '../../emulators/slack/index.js';
import { viewSubmissionAnswerProblems } from '../../emulators/slack/block-kit-check.js';

const HR = 'lin.xiaowen';
const TOM = 'tom.harris';
const SUN = 'sun.li';
const EXTRA = 40;

let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('pages-e2e-secret', [HR, TOM, SUN]);
  // 40 more people in Tom's store, reporting to him.
  const tom = (await k.h.sql.row(
    'select id, unit_id as unit from employees where email = ?',
    'tom.harris@qingyun.example',
  )) as { id: number; unit: number };
  for (let i = 0; i < EXTRA; i++)
    await k.h.sql.run(
      'insert into employees (name, email, unit_id, manager_id, locale) values (?, ?, ?, ?, ?)',
      `Extra Person ${i + 1}`,
      `extra${i + 1}@qingyun.example`,
      tom.unit,
      tom.id,
      'en',
    );
  await linkByHome(k, [HR, TOM, SUN]);
});
afterAll(async () => k?.stop());

const ratingInputs = (view: ModalView): Blk[] =>
  view.blocks.filter((b) => b.type === 'input' && b.element?.type === 'static_select');

describe('Slack: a rater form over 100 blocks, answered page by page', () => {
  it('opens page 1 of n, answers Next with the following pages, and the last page submits all the ratings at once', async () => {
    const seen = k.handled.length;
    await command(k, HR, 'rating open store 深圳南山店 14');
    await settle(k);
    const cycleId = ((await k.h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
    const card = messagesIn(k, k.dm(TOM))
      .filter((m) =>
        buttonsOf(m.blocks).some(
          (b) => b.action_id?.startsWith('form:') && b.value !== undefined && refOf(b).k === 'rating.submit',
        ),
      )
      .at(-1)!;
    expect(card).toBeDefined();
    let view = await openModal(k, TOM, card);
    const meta0 = JSON.parse(view.private_metadata) as { p?: number; n?: number };
    const n = meta0.n ?? 1;
    expect(n).toBeGreaterThan(1);
    expect(meta0.p).toBe(0);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.submit?.text).toBe(`Next (1/${n})`);
    const handledBeforePages = k.handled.length;

    const answered = new Map<string, string>();
    for (let page = 0; page < n; page++) {
      expect(JSON.parse(view.private_metadata)).toMatchObject({ p: page, n });
      const state: StateValues = {};
      for (const b of ratingInputs(view)) {
        const value = String(1 + (answered.size % 5));
        answered.set(b.block_id!, value);
        state[b.block_id!] = selected(value);
      }
      const r = await k.slack.interaction(
        payloads.viewSubmission({
          userId: k.slackId(TOM),
          view: view as unknown as Record<string, unknown>,
          values: state,
        }),
      );
      expect(r.status).toBe(200);
      if (page < n - 1) {
        // Slack would show this update: it must be a valid view, the next page.
        expect(viewSubmissionAnswerProblems(r.text)).toEqual([]);
        const body = JSON.parse(r.text) as { response_action: string; view: ModalView };
        expect(body.response_action).toBe('update');
        view = body.view;
        // No page but the last reaches the core with an action.
        expect(k.handled.length).toBe(handledBeforePages);
      } else {
        expect(r.text).toBe(''); // closes the modal
      }
    }
    await settle(k);
    // One submission to the core, with every answer of every page.
    const submissions = k.handled.slice(seen).filter((x) => x.event.type === 'action' && x.event.values !== undefined);
    expect(submissions).toHaveLength(1);
    const values = submissions[0]!.event.type === 'action' ? submissions[0]!.event.values! : {};
    for (const [id, v] of answered) expect(values[id], id).toBe(v);
    const saved = (await k.h.sql.row(
      'select count(*) as n from ratings where cycle_id = ? and rater_id = ?',
      cycleId,
      await k.empId(TOM),
    )) as { n: number };
    expect(saved.n).toBe(answered.size);
    expect(answered.size).toBeGreaterThanOrEqual(EXTRA);
  }, 120_000);

  it('long comments that do not fit in private_metadata are kept, and an error on an earlier page shows that page again', async () => {
    const card = messagesIn(k, k.dm(TOM))
      .filter((m) =>
        buttonsOf(m.blocks).some(
          (b) => b.action_id?.startsWith('form:') && b.value !== undefined && refOf(b).k === 'rating.submit',
        ),
      )
      .at(-1)!;
    let view = await openModal(k, TOM, card);
    const n = (JSON.parse(view.private_metadata) as { n: number }).n;
    const comments = new Map<string, string>();
    let bad = '';
    let carriedByKey = false;
    const fill = (v: ModalView, breakOne: boolean): StateValues => {
      const state: StateValues = {};
      for (const b of v.blocks.filter((x) => x.type === 'input')) {
        if (b.element?.type === 'static_select') {
          // One rating out of range on the first page: the core refuses it only when the last page submits.
          const wrong = breakOne && bad === '';
          if (wrong) bad = b.block_id!;
          state[b.block_id!] = selected(wrong ? '9' : '4');
        } else {
          const text = `A careful comment on ${b.block_id!} that is long enough to matter for the metadata budget.`;
          comments.set(b.block_id!, text);
          state[b.block_id!] = { v: { type: 'plain_text_input', value: text } };
        }
      }
      return state;
    };
    const submitPage = async (v: ModalView, state: StateValues) => {
      const r = await k.slack.interaction(
        payloads.viewSubmission({
          userId: k.slackId(TOM),
          view: v as unknown as Record<string, unknown>,
          values: state,
        }),
      );
      expect(r.status).toBe(200);
      expect(viewSubmissionAnswerProblems(r.text)).toEqual([]);
      return r.text === ''
        ? undefined
        : (JSON.parse(r.text) as { response_action: string; view: ModalView; errors?: Record<string, string> });
    };
    for (let page = 0; page < n; page++) {
      const answer = await submitPage(view, fill(view, page === 0));
      if (page < n - 1) {
        view = answer!.view;
        const meta = JSON.parse(view.private_metadata) as { s?: string; v?: unknown };
        if (meta.s !== undefined) carriedByKey = true;
        expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
      } else {
        // The bad rating is on page 1: that page again, answers kept, the error said at its top.
        expect(answer?.response_action).toBe('update');
        view = answer!.view;
      }
    }
    expect(carriedByKey).toBe(true);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ p: 0, n });
    const badInput = view.blocks.find((b) => b.block_id === bad)!;
    expect(badInput).toBeDefined();
    expect(view.blocks.slice(0, 3).some((b) => b.type === 'section' && b.text?.text.startsWith('⚠️'))).toBe(true);
    // Page 1 again, corrected; the other pages keep what was typed (prefilled), then the last submits all.
    const seen = k.handled.length;
    for (let page = 0; page < n; page++) {
      const answer = await submitPage(view, fill(view, false));
      if (page < n - 1) view = answer!.view;
      else expect(answer).toBeUndefined();
    }
    await settle(k);
    const submissions = k.handled.slice(seen).filter((x) => x.event.type === 'action' && x.event.values !== undefined);
    expect(submissions).toHaveLength(1);
    const values = submissions[0]!.event.type === 'action' ? submissions[0]!.event.values! : {};
    expect(comments.size).toBeGreaterThanOrEqual(EXTRA);
    for (const [id, text] of comments) expect(values[id], id).toBe(text);
    expect(values[bad]).toBe('4');
  }, 120_000);

  it('after a restart (the kept form gone) the next page is asked of the core again; kept answers gone are said, not submitted half', async () => {
    const card = messagesIn(k, k.dm(TOM))
      .filter((m) =>
        buttonsOf(m.blocks).some(
          (b) => b.action_id?.startsWith('form:') && b.value !== undefined && refOf(b).k === 'rating.submit',
        ),
      )
      .at(-1)!;
    const view = await openModal(k, TOM, card);
    const meta = JSON.parse(view.private_metadata) as { f?: string; n: number };
    expect(meta.f).toBeDefined();
    const state: StateValues = {};
    for (const b of ratingInputs(view)) state[b.block_id!] = selected('3');
    // The key names a form this process no longer keeps, as after a restart.
    const restarted = { ...view, private_metadata: JSON.stringify({ ...meta, f: 'gone-after-restart' }) };
    const r = await k.slack.interaction(
      payloads.viewSubmission({
        userId: k.slackId(TOM),
        view: restarted as unknown as Record<string, unknown>,
        values: state,
      }),
    );
    expect(viewSubmissionAnswerProblems(r.text)).toEqual([]);
    const next = (JSON.parse(r.text) as { view: ModalView }).view;
    expect(JSON.parse(next.private_metadata)).toMatchObject({
      p: 1,
      n: meta.n,
      v: Object.fromEntries(Object.keys(state).map((id) => [id, '3'])),
    });
    expect(ratingInputs(next).length).toBeGreaterThan(0);

    // Answers kept under a key this process no longer has: the modal says so; nothing reaches the core.
    const seen = k.handled.filter((x) => x.event.type === 'action' && x.event.values !== undefined).length;
    const lost = {
      ...next,
      private_metadata: JSON.stringify({
        ...(JSON.parse(next.private_metadata) as object),
        v: undefined,
        s: 'gone-after-restart',
      }),
    };
    const r2 = await k.slack.interaction(
      payloads.viewSubmission({ userId: k.slackId(TOM), view: lost as unknown as Record<string, unknown>, values: {} }),
    );
    expect(viewSubmissionAnswerProblems(r2.text)).toEqual([]);
    const notice = (JSON.parse(r2.text) as { view: ModalView }).view;
    expect(notice.submit).toBeUndefined();
    const said = notice.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(said).toContain('too long for a chat card');
    expect(said).toMatch(/<http[^|>]+\/app\|[^>]+>/); // and the link to the app
    expect(k.handled.filter((x) => x.event.type === 'action' && x.event.values !== undefined)).toHaveLength(seen);
  }, 60_000);
});
