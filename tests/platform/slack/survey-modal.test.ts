// End to end with the real core: an HR person launches a pulse survey with /vitality; the invitation (a
// form) arrives in Slack as a button; pressing it opens the survey as a modal (views.open with the
// trigger_id); a submission with a missing answer returns `response_action: 'errors'`; a complete one
// closes the modal and turns the invitation, via chat.update, into a card that thanks without repeating
// the answers; the answers wait sealed in the pool until the wave closes.
import { describe, expect, it, vi } from 'vitest';
import { expectNoAnswers, questionTexts } from '../no-echo.js';
import type { Harness } from '../../support/harness.js';
import {
  payloads,
  slackSender,
  startSlackEmulator,
  type RecordedCall,
  type SlackEmulator,
  type SlackSender,
} from '../../emulators/slack/index.js';
import { postedChannel } from '../../emulators/slack/web-api.js';
import { slackEnv, useEmulatorAndHarness } from '../../support/platform-harness.js';

const SECRET = 'survey-modal-secret';
const HR = 'U0HR';
let emu: SlackEmulator;
let h: Harness;
let slack: SlackSender;

interface El {
  action_id?: string;
  value?: string;
}
interface Blk {
  type: string;
  block_id?: string;
  elements?: El[];
  element?: { type: string; options?: { value: string }[] };
}

useEmulatorAndHarness(
  () => startSlackEmulator({ botToken: 'xoxb-survey' }),
  (e) => slackEnv(e, 'xoxb-survey', SECRET),
  async (started) => {
    ({ emu, h } = started);
    const hr = (await h.sql.row(
      "select e.email, e.name from employees e join employee_roles r on r.employee_id = e.id where r.role = 'hr' and e.active order by e.id limit 1",
    )) as { email: string; name: string };
    emu.addUser({ id: HR, email: hr.email, name: hr.name, locale: 'en-US' });
    await h.sql.run("update employees set locale = 'en' where email = ?", hr.email);
    slack = slackSender({ serverUrl: h.url, signingSecret: SECRET });
  },
);

const toHr = (): RecordedCall[] => emu.callsTo('chat.postMessage').filter((c) => postedChannel(c) === `D${HR}`);
const pending = async () => (await h.outbox()).filter((r) => r.status === 'pending' || r.status === 'sending');

async function settle(): Promise<void> {
  await h.drainOutbox();
  await vi.waitFor(async () => expect(await pending()).toEqual([]));
}

describe('Slack survey form as a modal (real core)', () => {
  it('opens the invitation as a modal, shows field errors, then records the answers', async () => {
    // The first command links the HR person to Slack (by email), so the invitation reaches Slack too.
    await slack.slashCommand(
      payloads.slashCommand({ command: '/vitality', text: 'whoami', userId: HR, responseUrl: emu.responseUrl() }),
    );
    await vi.waitFor(() => expect(toHr()).toHaveLength(1), { timeout: 10_000 });
    await settle();
    const res = await slack.slashCommand(
      payloads.slashCommand({
        command: '/vitality',
        text: 'survey launch all 7',
        userId: HR,
        responseUrl: emu.responseUrl(),
      }),
    );
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(toHr().length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    await settle();

    // The invitation: its form is a button whose value is the submit ActionRef.
    const formButton = (c: RecordedCall) =>
      ((c.args.blocks ?? []) as Blk[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id?.startsWith('form:'));
    const invitation = toHr().find((c) => formButton(c) !== undefined)!;
    expect(invitation).toBeDefined();
    const button = formButton(invitation)!;
    const ref = JSON.parse(button.value!) as { k: string; id: string };
    expect(ref.k).toBe('survey.answer');
    const row = (await h.outbox()).find(
      (r) => r.cardKey === `survey:${ref.id}` && r.platform === 'slack' && r.recipient.includes(HR),
    )!;
    const sent = JSON.parse(row.sentRef!) as { messageId: string; chatId: string };

    const press = payloads.blockActions({
      userId: HR,
      channelId: sent.chatId,
      messageTs: sent.messageId,
      actionId: button.action_id!,
      value: button.value!,
      responseUrl: emu.responseUrl(),
    });
    expect((await slack.interaction(press)).status).toBe(200);
    await vi.waitFor(() => expect(emu.callsTo('views.open')).toHaveLength(1));
    const open = emu.callsTo('views.open')[0]!;
    expect(open.args.trigger_id).toBe(press.trigger_id);
    const view = open.args.view as { blocks: Blk[]; private_metadata: string; submit: { text: string } };
    expect(view.submit.text).toBe('Submit anonymously');
    const ratings = view.blocks.filter((b) => b.type === 'input' && b.element?.type === 'static_select');
    expect(ratings.length).toBeGreaterThan(1);

    // Every rating answered but the first: the modal shows an error on exactly that field.
    const answer = (b: Blk) => ({
      v: { type: 'static_select', selected_option: { value: b.element!.options!.at(-1)!.value } },
    });
    const partial = Object.fromEntries(ratings.slice(1).map((b) => [b.block_id!, answer(b)]));
    const bad = await slack.interaction(
      payloads.viewSubmission({ userId: HR, view: open.args.view as Record<string, unknown>, values: partial }),
    );
    expect(bad.status).toBe(200);
    expect(bad.json()).toEqual({
      response_action: 'errors',
      errors: { [ratings[0]!.block_id!]: 'Please choose an answer.' },
    });

    expect(await h.sql.row('select count(*) as n from survey_pool')).toEqual({ n: 0 });

    // All answered: the modal closes (empty 200) and the invitation becomes the "recorded" card.
    const updates = emu.callsTo('chat.update').length;
    const callsBefore = emu.calls.length;
    const all = Object.fromEntries(ratings.map((b) => [b.block_id!, answer(b)]));
    const good = await slack.interaction(
      payloads.viewSubmission({ userId: HR, view: open.args.view as Record<string, unknown>, values: all }),
    );
    expect([good.status, good.text]).toEqual([200, '']);
    await vi.waitFor(() => expect(emu.callsTo('chat.update').length).toBeGreaterThan(updates));
    const update = emu
      .callsTo('chat.update')
      .slice(updates)
      .find((c) => c.args.ts === sent.messageId)!;
    expect(update.args).toMatchObject({
      channel: sent.chatId,
      text: expect.stringMatching(/^Thank you — your answers are in\n.*They are not repeated here/),
    });
    await settle();
    // Every answer was the top of its scale ("5 / 5", "10 / 10" on the old card): nothing Slack received
    // after the submission repeats one, nor a question.
    const questions = await questionTexts(h, Number(ref.id));
    for (const c of emu.calls.slice(callsBefore))
      expectNoAnswers(c.args, { what: `${c.method} after the submission`, questions });
    // Sealed in the pool until the wave closes: no response row while it is open.
    expect(await h.sql.row('select count(*) as n from survey_pool where wave_id = ?', Number(ref.id))).toEqual({
      n: 1,
    });
    expect(await h.sql.row('select count(*) as n from survey_responses')).toEqual({ n: 0 });
  });
});
