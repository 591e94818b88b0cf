import { describe, expect, it } from 'vitest';
import { normalizeCardAction, normalizeMenu, normalizeMessage, parseText } from '../../../adapters/feishu/normalize.js';
import { pageCodec } from '../../../adapters/feishu/page-seal.js';
import { joinParts } from '../../../adapters/feishu/render.js';

// The EventDispatcher hands handlers the v2 event flattened: header and event fields at the top level.
const msg = (text: string, extra: Record<string, unknown> = {}) => ({
  schema: '2.0',
  event_id: 'ev-1',
  event_type: 'im.message.receive_v1',
  token: 'vt',
  sender: { sender_id: { open_id: 'ou_1', union_id: 'on_1' }, sender_type: 'user' },
  message: {
    message_id: 'om_1',
    chat_id: 'oc_1',
    chat_type: 'p2p',
    message_type: 'text',
    content: JSON.stringify({ text }),
    ...extra,
  },
});

describe('feishu normalize', () => {
  it('a /command in a 1:1 chat', () => {
    expect(normalizeMessage(msg('/Lang  en'))).toEqual({
      ok: true,
      event: {
        platform: 'feishu',
        type: 'command',
        eventId: 'ev-1',
        user: { platformUserId: 'ou_1' },
        replyTo: { kind: 'user', platformUserId: 'ou_1' },
        name: 'lang',
        args: 'en',
      },
    });
  });

  it('a group @mention: mention stripped, answered in the chat', () => {
    const n = normalizeMessage(
      msg('@_user_1 /help', { chat_type: 'group', mentions: [{ key: '@_user_1', name: 'Vitality' }] }),
    );
    expect(n).toMatchObject({
      ok: true,
      event: { type: 'command', name: 'help', args: '', replyTo: { kind: 'chat', chatId: 'oc_1' } },
    });
  });

  it('plain text -> message; non-text and bot messages ignored; lookupProfile attached', () => {
    const lookup = () => async () => ({ email: 'a@b.c' });
    const n = normalizeMessage(msg('  hello there '), lookup);
    expect(n).toMatchObject({ ok: true, event: { type: 'message', text: 'hello there' } });
    expect(n.ok && typeof n.event.user.lookupProfile).toBe('function');
    expect(normalizeMessage(msg('x', { message_type: 'image', content: '{"image_key":"img"}' }))).toMatchObject({
      ok: false,
    });
    expect(
      normalizeMessage({ ...msg('/help'), sender: { sender_id: { open_id: 'ou_b' }, sender_type: 'app' } }),
    ).toMatchObject({ ok: false });
    expect(normalizeMessage({ nope: true })).toMatchObject({ ok: false });
  });

  it('parseText handles a bare slash and unknown mention keys', () => {
    expect(parseText('/', [])).toEqual({ command: { name: '', args: '' }, text: '/' });
    expect(parseText('@_user_2 hi', [])).toEqual({ text: 'hi' });
  });

  it('parseText keeps line breaks (multi-line messages) and squeezes spaces around them', () => {
    expect(parseText('/rating  import 7 \r\nemail,dimension,value\n  a@b.c,complaints,2  ', [])).toEqual({
      command: { name: 'rating', args: 'import 7\nemail,dimension,value\na@b.c,complaints,2' },
      text: '/rating import 7\nemail,dimension,value\na@b.c,complaints,2',
    });
    expect(
      normalizeMessage(
        msg('@_user_1 /rating import 7\nx,y,z', {
          chat_type: 'group',
          mentions: [{ key: '@_user_1', name: 'Vitality' }],
        }),
      ),
    ).toMatchObject({ ok: true, event: { name: 'rating', args: 'import 7\nx,y,z' } });
  });

  it('card.action.trigger: ActionRef, form values, card reference', () => {
    const n = normalizeCardAction({
      event_id: 'ev-2',
      operator: { open_id: 'ou_1' },
      action: {
        value: { k: 'points.claim', id: '7' },
        tag: 'button',
        form_value: { why: 'because', many: ['a', 'b'], n: 3 },
      },
      context: { open_message_id: 'om_9', open_chat_id: 'oc_9' },
    });
    expect(n).toEqual({
      ok: true,
      event: {
        platform: 'feishu',
        type: 'action',
        eventId: 'ev-2',
        user: { platformUserId: 'ou_1' },
        replyTo: { kind: 'user', platformUserId: 'ou_1' },
        action: { k: 'points.claim', id: '7' },
        values: { why: 'because', many: ['a', 'b'], n: '3' },
        cardRef: { messageId: 'om_9', chatId: 'oc_9' },
      },
    });
    expect(normalizeCardAction({ event_id: 'e', operator: { open_id: 'ou_1' }, action: { value: 'forged' } })).toEqual({
      ok: false,
      reason: 'card action value is not ours',
      badAction: true,
    });
  });

  it('a form submission (name + form_value, no value) -> the ActionRef from the name; a page carries its sealed answers', () => {
    const codec = pageCodec('normalize-secret');
    const submit = (name: string, openId = 'ou_1') =>
      normalizeCardAction(
        {
          event_id: 'e1',
          operator: { open_id: openId },
          action: { tag: 'button', name, form_value: { q1: '4', tags: ['a'] } },
          context: { open_message_id: 'om_1' },
        },
        undefined,
        codec,
      );
    const whole = submit(codec.formName({ k: 'survey.answer', id: '7' }));
    expect(
      whole.ok && whole.event.type === 'action'
        ? { action: whole.event.action, values: whole.event.values, page: whole.page }
        : whole,
    ).toEqual({
      action: { k: 'survey.answer', id: '7' },
      values: { q1: '4', tags: ['a'] },
      page: undefined,
    });
    const page = submit(
      codec.pageName({ ref: { k: 'survey.answer', id: '7' }, page: 2, pages: 3, answers: { q0: '5' }, by: 'ou_1' }),
    );
    expect(page.ok && page.page).toEqual({
      ref: { k: 'survey.answer', id: '7' },
      page: 2,
      pages: 3,
      answers: { q0: '5' },
      by: 'ou_1',
    });
    // Someone else's sealed answers, another key's seal, a name we did not make: not ours.
    expect(
      submit(codec.pageName({ ref: { k: 'x' }, page: 1, pages: 2, answers: { q0: '5' }, by: 'ou_1' }), 'ou_2'),
    ).toMatchObject({ ok: false, badAction: true });
    expect(submit(pageCodec('other').pageName({ ref: { k: 'x' }, page: 1, pages: 2, answers: {} }))).toMatchObject({
      ok: false,
      badAction: true,
    });
    expect(submit('Button_m7ua2c0b')).toMatchObject({ ok: false, badAction: true });
    // A name that is not valid base32 or not an ActionRef.
    expect(submit('vf1_!!')).toMatchObject({ ok: false, badAction: true });
    expect(submit(`vf1_${'a'.repeat(20)}`)).toMatchObject({ ok: false, badAction: true });
  });

  it('joinParts: a choice list split over several selects comes back as one answer', () => {
    expect(joinParts({ tag__p1: '', tag__p2: 't150', other: 'x' })).toEqual({ tag: 't150', other: 'x' });
    expect(joinParts({ many__p1: ['a'], many__p2: ['b', 'c'] })).toEqual({ many: ['a', 'b', 'c'] });
    // Two single choices in two parts: both go to the core, which refuses the answer.
    expect(joinParts({ tag__p1: 't1', tag__p2: 't2' })).toEqual({ tag: ['t1', 't2'] });
  });

  it('bot menu event_key -> command', () => {
    const n = normalizeMenu({ event_id: 'ev-3', operator: { operator_id: { open_id: 'ou_1' } }, event_key: 'lang_en' });
    expect(n).toMatchObject({ ok: true, event: { type: 'command', name: 'lang', args: 'en', eventId: 'ev-3' } });
    expect(
      normalizeMenu({ event_id: 'ev-4', operator: { operator_id: { open_id: 'ou_1' } }, event_key: 'help' }),
    ).toMatchObject({
      ok: true,
      event: { name: 'help', args: '' },
    });
  });
});
