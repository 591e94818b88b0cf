// Forms as modals, end to end on the Slack side: the real adapter (Bolt app + fastify receiver) against
// the Web API emulator, with a scripted core — no core command produces a form yet (the lead's core has
// `ActionDef.form` but no action defines one), so the core's answers are scripted here.
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdapter } from '../../../adapters/slack/index.js';
import { card, type CardView } from '../../../cards/view.js';
import { loadConfig } from '../../../src/config.js';
import type { ActionEvent, BotCore, CoreResponse, InboundEvent, PlatformAdapter } from '../../../src/bot/port.js';
import {
  payloads,
  slackSender,
  startSlackEmulator,
  type SlackEmulator,
  type SlackSender,
} from '../../emulators/slack/index.js';
import { slackEnv } from '../../support/platform-harness.js';

const SECRET = 'modal-secret';
const USER = 'U0MODAL';
let emu: SlackEmulator;
let server: FastifyInstance;
let adapter: PlatformAdapter;
let slack: SlackSender;
const seen: InboundEvent[] = [];

const pulseForm: CardView = card({
  header: { title: 'Weekly pulse' },
  blocks: [
    {
      type: 'form',
      id: 'pulse',
      fields: [
        { type: 'rating', id: 'q1', label: 'Workload', min: 1, max: 5 },
        { type: 'input', id: 'c', label: 'Comment' },
      ],
      submit: { label: 'Send', action: { k: 'survey.answer', id: 'w1' } },
    },
  ],
});
const followUp: CardView = card({
  header: { title: 'Tell us more' },
  blocks: [
    {
      type: 'form',
      id: 'more',
      fields: [{ type: 'input', id: 'why', label: 'Why?', required: true }],
      submit: { label: 'Send', action: { k: 'survey.more', id: 'w1' } },
    },
  ],
});
const thanks = card({
  header: { title: 'Thanks!', tone: 'success' },
  blocks: [{ type: 'text', markdown: 'Answer recorded.' }],
});

// What the real core does for forms (src/bot/core.ts): openForm → `form`; a submission is validated.
const core: BotCore = {
  async handle(event): Promise<CoreResponse> {
    seen.push(event);
    if (event.type !== 'action') return { outcome: 'handled' };
    if (event.openForm) return { outcome: 'handled', form: pulseForm };
    if (!event.values?.q1) return { outcome: 'handled', fieldErrors: { q1: 'Please choose a rating' } };
    if (event.values.q1 === '1') return { outcome: 'handled', form: followUp };
    if (event.values.q1 === '2')
      return { outcome: 'handled', toast: { text: 'You were not invited to this survey.', tone: 'warning' } };
    return { outcome: 'handled', card: thanks };
  },
};

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-modal' });
  emu.addUser({ id: USER, email: 'modal@qingyun.example', name: 'Modal' });
  const config = loadConfig(slackEnv(emu, 'xoxb-modal', SECRET));
  adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
  server = Fastify();
  await server.register(adapter.routes!);
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  slack = slackSender({ serverUrl: url, signingSecret: SECRET });
});
afterAll(async () => {
  await adapter?.stop();
  await server?.close();
  await emu?.close();
});

describe('Slack forms as modals', () => {
  it('answers 503 before the adapter is started', async () => {
    const res = await slack.event(payloads.appHomeOpened(USER));
    expect(res.status).toBe(503);
  });

  it('opens the form as a modal, shows field errors, and updates the card on a valid submission', async () => {
    await adapter.start(core);
    // 1. A card with a form is delivered: the form becomes a button.
    const ref = await adapter.send(
      { kind: 'user', platformUserId: USER },
      { kind: 'card', card: pulseForm },
      { idempotencyKey: 'k1' },
    );
    const posted = emu.callsTo('chat.postMessage').at(-1)!;
    const button = (posted.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'form:pulse')!;
    expect(JSON.parse(button.value)).toEqual({ k: 'survey.answer', id: 'w1' });

    // 2. Pressing it opens the modal with the interaction's trigger_id.
    const press = payloads.blockActions({
      userId: USER,
      channelId: ref.chatId!,
      messageTs: ref.messageId,
      actionId: button.action_id,
      value: button.value,
      responseUrl: emu.responseUrl(),
    });
    expect((await slack.interaction(press)).status).toBe(200);
    await vi.waitFor(() => expect(emu.callsTo('views.open')).toHaveLength(1));
    const open = emu.callsTo('views.open')[0]!;
    expect(open.args.trigger_id).toBe(press.trigger_id);
    const view = open.args.view as Record<string, unknown>;
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'vitality_form',
      submit: { type: 'plain_text', text: 'Send' },
    });
    expect((seen.at(-1) as ActionEvent).openForm).toBe(true);

    // 3. A submission without the required rating: the modal shows the error on that field.
    const comment = { c: { v: { type: 'plain_text_input', value: 'busy week' } } };
    const bad = await slack.interaction(
      payloads.viewSubmission({
        userId: USER,
        view,
        values: { ...comment, q1: { v: { type: 'static_select', selected_option: null } } },
      }),
    );
    expect(bad.status).toBe(200);
    expect(bad.json()).toEqual({ response_action: 'errors', errors: { q1: 'Please choose a rating' } });
    expect((seen.at(-1) as ActionEvent).values).toEqual({ c: 'busy week' });

    // 4. A valid submission closes the modal (empty 200) and updates the card it came from.
    const updates = emu.callsTo('chat.update').length;
    const good = await slack.interaction(
      payloads.viewSubmission({
        userId: USER,
        view,
        values: {
          ...comment,
          q1: {
            v: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '4' }, value: '4' } },
          },
        },
      }),
    );
    expect([good.status, good.text]).toEqual([200, '']);
    const submitted = seen.at(-1) as ActionEvent;
    expect(submitted).toMatchObject({
      action: { k: 'survey.answer', id: 'w1' },
      values: { q1: '4', c: 'busy week' },
      cardRef: { messageId: ref.messageId, chatId: ref.chatId },
    });
    await vi.waitFor(() => expect(emu.callsTo('chat.update')).toHaveLength(updates + 1));
    expect(emu.callsTo('chat.update').at(-1)!.args).toMatchObject({
      channel: ref.chatId,
      ts: ref.messageId,
      text: 'Thanks!\nAnswer recorded.',
    });
  });

  it('replaces the modal with a follow-up form when the core answers with one', async () => {
    const view = {
      callback_id: 'vitality_form',
      private_metadata: JSON.stringify({ a: { k: 'survey.answer', id: 'w1' }, c: `D${USER}`, m: '5.5' }),
    };
    const res = await slack.interaction(
      payloads.viewSubmission({
        userId: USER,
        view,
        values: { q1: { v: { type: 'static_select', selected_option: { value: '1' } } } },
      }),
    );
    const body = res.json() as {
      response_action: string;
      view: { type: string; title: { text: string }; private_metadata: string; blocks: { block_id?: string }[] };
    };
    expect(body.response_action).toBe('update');
    expect(body.view).toMatchObject({ type: 'modal', title: { text: 'Tell us more' } });
    expect(body.view.blocks.map((b) => b.block_id)).toEqual(['why']);
    expect(JSON.parse(body.view.private_metadata)).toEqual({
      a: { k: 'survey.more', id: 'w1' },
      c: `D${USER}`,
      m: '5.5',
    });
  });

  it('says why inside the modal when the core refuses with only a toast', async () => {
    const view = {
      callback_id: 'vitality_form',
      title: { type: 'plain_text', text: 'Weekly pulse' },
      private_metadata: JSON.stringify({ a: { k: 'survey.answer', id: 'w1' } }),
    };
    const res = await slack.interaction(
      payloads.viewSubmission({
        userId: USER,
        view,
        values: { q1: { v: { type: 'static_select', selected_option: { value: '2' } } } },
      }),
    );
    expect(res.json()).toEqual({
      response_action: 'update',
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Weekly pulse', emoji: true },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'You were not invited to this survey.' } }],
      },
    });
  });

  it('acks a link button without calling the core', async () => {
    const before = seen.length;
    const res = await slack.interaction(
      payloads.blockActions({
        userId: USER,
        channelId: `D${USER}`,
        messageTs: '1.1',
        actionId: 'u:0:0',
        responseUrl: emu.responseUrl(),
      }),
    );
    expect([res.status, res.text]).toEqual([200, '']);
    expect(seen.length).toBe(before);
  });
});
