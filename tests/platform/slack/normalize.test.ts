import { describe, expect, it } from 'vitest';
import {
  formValuesFromState,
  normalizeBlockAction,
  normalizeCommand,
  normalizeEvent,
  normalizeViewSubmission,
  nextStepForm,
  slackLocale,
  type NormalizeContext,
} from '../../../adapters/slack/normalize.js';
import { parseSlackBody } from '../../../adapters/slack/receiver.js';
import { payloads } from '../../emulators/slack/index.js';

const ctx: NormalizeContext = { extraCommands: ['points', '/report'], lookupProfile: () => async () => ({}) };
const cmd = (command: string, text: string) =>
  normalizeCommand(payloads.slashCommand({ command, text, userId: 'U1', responseUrl: 'http://127.0.0.1:9/r' }), ctx);

describe('normalizeCommand', () => {
  it('splits /vitality <subcommand> args', () => {
    expect(cmd('/vitality', '  Help  me please ')).toMatchObject({
      type: 'command',
      platform: 'slack',
      name: 'help',
      args: 'me please',
      replyTo: { kind: 'user', platformUserId: 'U1' },
      user: { platformUserId: 'U1' },
      eventId: expect.stringMatching(/^cmd:/),
    });
    expect(cmd('/vitality', '/lang zh-CN')).toMatchObject({ name: 'lang', args: 'zh-CN' });
    // Slack escapes &, < and > in the text it sends.
    expect(cmd('/vitality', 'claim a &lt;b&gt; &amp;amp;')).toMatchObject({ name: 'claim', args: 'a <b> &amp;' });
  });
  it('gives a bare /vitality the empty name', () => {
    expect(cmd('/vitality', '')).toMatchObject({ name: '', args: '' });
  });
  it('routes configured extra commands to the command of that name', () => {
    expect(cmd('/points', 'top month')).toMatchObject({ name: 'points', args: 'top month' });
    expect(cmd('/REPORT', '')).toMatchObject({ name: 'report', args: '' });
  });
  it('rejects a body without a user', () => {
    expect(normalizeCommand({ command: '/vitality', text: 'help', trigger_id: 't' }, ctx)).toBeUndefined();
  });
});

describe('normalizeBlockAction', () => {
  const base = { userId: 'U1', channelId: 'D1', messageTs: '17.01', responseUrl: 'http://127.0.0.1:9/r' };
  it('turns a button into an action on the card it sits on', () => {
    const n = normalizeBlockAction(
      payloads.blockActions({ ...base, actionId: 'a:2:0', value: '{"k":"approve","id":"9","v":"yes"}' }),
      ctx,
    )!;
    expect(n.kind).toBe('action');
    expect(n.event).toMatchObject({
      type: 'action',
      action: { k: 'approve', id: '9', v: 'yes' },
      cardRef: { messageId: '17.01', chatId: 'D1' },
      replyTo: { kind: 'chat', chatId: 'D1' },
      eventId: `act:${n.triggerId}`,
    });
    expect(n.event!.openForm).toBeUndefined();
  });
  it('says which forms the pressed message already offers; only a form it did not offer is the next step', () => {
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: 'Claim #9' } },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'a:1:0', value: '{"k":"approval.reject","id":"9"}' },
          { type: 'button', action_id: 'form:reason' },
        ],
      },
    ];
    const n = normalizeBlockAction(
      payloads.blockActions({ ...base, actionId: 'a:1:0', value: '{"k":"approval.reject","id":"9"}', blocks }),
      ctx,
    )!;
    expect(n.offeredForms).toEqual(['reason']);
    const formCard = (id: string) => ({
      blocks: [{ type: 'form' as const, id, fields: [], submit: { label: 'Send', action: { k: 'x' } } }],
    });
    expect(nextStepForm(formCard('reason'), n.offeredForms)).toBeUndefined();
    expect(nextStepForm(formCard('claim'), n.offeredForms)).toEqual(formCard('claim'));
    expect(nextStepForm({ blocks: [{ type: 'text' as const, markdown: 'Rejected' }] }, [])).toBeUndefined();
    expect(nextStepForm(undefined, [])).toBeUndefined();
  });
  it('leaves out the card reference of an ephemeral message (it is replaced via response_url)', () => {
    const p = payloads.blockActions({ ...base, actionId: 'a:0:0', value: '{"k":"x"}' });
    (p.container as Record<string, unknown>).is_ephemeral = true;
    expect(normalizeBlockAction(p, ctx)!.event!.cardRef).toBeUndefined();
  });
  it('marks a form button as openForm', () => {
    expect(
      normalizeBlockAction(payloads.blockActions({ ...base, actionId: 'form:f1', value: '{"k":"s"}' }), ctx)!.event!
        .openForm,
    ).toBe(true);
  });
  it('ignores link buttons and refuses values that are not ActionRefs', () => {
    const link = normalizeBlockAction(payloads.blockActions({ ...base, actionId: 'u:0:1' }), ctx)!;
    expect([link.kind, link.event]).toEqual(['url', undefined]);
    expect(
      normalizeBlockAction(payloads.blockActions({ ...base, actionId: 'a:0:0', value: 'not json' }), ctx),
    ).toBeUndefined();
    expect(
      normalizeBlockAction(payloads.blockActions({ ...base, actionId: 'a:0:0', value: '{"id":"no k"}' }), ctx),
    ).toBeUndefined();
  });
});

describe('normalizeViewSubmission', () => {
  const view = {
    callback_id: 'vitality_form',
    private_metadata: JSON.stringify({ a: { k: 'survey.answer', id: 'w' }, c: 'D1', m: '1.2' }),
  };
  it('maps the state to form values and carries the submit action and the card', () => {
    const n = normalizeViewSubmission(
      payloads.viewSubmission({
        userId: 'U1',
        view,
        values: {
          q1: { v: { type: 'radio_buttons', selected_option: { value: '3' } } },
          tags: { v: { type: 'checkboxes', selected_options: [{ value: 'a' }, { value: 'b' }] } },
          c: { v: { type: 'plain_text_input', value: 'ok' } },
          empty: { v: { type: 'plain_text_input', value: null } },
          other: { x: { type: 'plain_text_input', value: 'not ours' } },
        },
      }),
      ctx,
    )!;
    expect(n.event).toMatchObject({
      action: { k: 'survey.answer', id: 'w' },
      values: { q1: '3', tags: ['a', 'b'], c: 'ok' },
      cardRef: { messageId: '1.2', chatId: 'D1' },
    });
    expect(Object.keys(n.event.values!)).toEqual(['q1', 'tags', 'c']);
  });
  it('refuses a view whose private_metadata is not ours', () => {
    expect(
      normalizeViewSubmission(
        payloads.viewSubmission({ userId: 'U1', view: { private_metadata: 'x' }, values: {} }),
        ctx,
      ),
    ).toBeUndefined();
  });
  it('formValuesFromState skips unanswered fields', () => {
    expect(formValuesFromState({ a: { v: { type: 'static_select', selected_option: null } } })).toEqual({});
  });
});

describe('normalizeEvent', () => {
  it('maps app_home_opened and DMs, keeping Slack’s event id', () => {
    expect(normalizeEvent(payloads.appHomeOpened('U1', 'Ev1'), ctx)).toMatchObject({
      type: 'appHome',
      eventId: 'Ev1',
      replyTo: { kind: 'user', platformUserId: 'U1' },
    });
    expect(normalizeEvent(payloads.imMessage('U1', '/help', 'Ev2'), ctx)).toMatchObject({
      type: 'message',
      eventId: 'Ev2',
      text: '/help',
      replyTo: { kind: 'chat', chatId: 'DU1' },
    });
  });
  it('ignores bot messages, edits and the messages tab', () => {
    const bot = payloads.eventCallback({
      event: { type: 'message', user: 'U1', bot_id: 'B1', text: 'x', channel: 'D1', channel_type: 'im' },
    });
    const edit = payloads.eventCallback({
      event: { type: 'message', subtype: 'message_changed', user: 'U1', text: 'x', channel: 'D1', channel_type: 'im' },
    });
    const tab = payloads.eventCallback({ event: { type: 'app_home_opened', user: 'U1', tab: 'messages' } });
    expect([bot, edit, tab].map((b) => normalizeEvent(b, ctx))).toEqual([undefined, undefined, undefined]);
  });
});

describe('slackLocale', () => {
  it('maps Slack locales to ours', () => {
    expect(['zh-CN', 'zh-TW', 'en-US', 'ja-JP', undefined].map(slackLocale)).toEqual([
      'zh-CN',
      'zh-CN',
      'en',
      'en',
      undefined,
    ]);
  });
});

describe('parseSlackBody', () => {
  it('parses the three body kinds', () => {
    expect(parseSlackBody('application/json', '{"type":"url_verification","challenge":"c"}')).toEqual({
      kind: 'challenge',
      challenge: 'c',
    });
    expect(
      parseSlackBody(
        'application/x-www-form-urlencoded; charset=utf-8',
        'payload=%7B%22type%22%3A%22block_actions%22%7D',
      ),
    ).toEqual({ kind: 'body', body: { type: 'block_actions' } });
    expect(parseSlackBody('application/x-www-form-urlencoded', 'command=%2Fv&user_id=U1&trigger_id=t&text=')).toEqual({
      kind: 'body',
      body: { command: '/v', user_id: 'U1', trigger_id: 't', text: '' },
    });
    expect(parseSlackBody('application/x-www-form-urlencoded', 'ssl_check=1&token=x')).toEqual({ kind: 'ignore' });
  });
  it('throws on malformed bodies', () => {
    for (const [type, raw] of [
      ['application/json', '{'],
      ['application/json', '{"type":"event_callback"}'],
      ['application/x-www-form-urlencoded', 'payload=%7B'],
      ['application/x-www-form-urlencoded', 'payload=%7B%7D'],
      ['application/x-www-form-urlencoded', 'text=hi'],
      ['text/plain', 'hi'],
    ] as const) {
      expect(() => parseSlackBody(type, raw), raw).toThrow();
    }
  });
});
