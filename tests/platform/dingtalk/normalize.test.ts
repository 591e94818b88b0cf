import { describe, expect, it } from 'vitest';
import { normalizeCardCallback, normalizeRobotMessage, stripMentions } from '../../../adapters/dingtalk/normalize.js';
import { stepCodec } from '../../../adapters/dingtalk/step-seal.js';
import { cardCallback, robotMessage } from '../../emulators/dingtalk/index.js';

const step = stepCodec('test-stepper-secret-of-32-characters!');
const deps = { lookupProfile: () => async () => ({ email: 'x@example.com' }), step };
const sealed = (answers: Record<string, string>) => step.seal(answers);

describe('dingtalk normalize', () => {
  it('turns a 1:1 "/help" into a command replying to the sender', () => {
    const n = normalizeRobotMessage(
      JSON.stringify(robotMessage({ userId: 'u1', nick: 'Li', text: '/Help now', msgId: 'm1', robotCode: 'r' })),
      deps,
    );
    expect(n.ok).toBe(true);
    if (!n.ok) return;
    expect(n.event).toMatchObject({
      platform: 'dingtalk',
      type: 'command',
      name: 'help',
      args: 'now',
      eventId: 'm1',
      replyTo: { kind: 'user', platformUserId: 'u1' },
    });
    expect(n.event.user.platformUserId).toBe('u1');
    expect(n.event.user.displayName).toBe('Li');
    expect(typeof n.event.user.lookupProfile).toBe('function');
  });

  it('strips the @mention in a group and replies to the group', () => {
    const n = normalizeRobotMessage(
      JSON.stringify(robotMessage({ userId: 'u1', text: '@Vitality\u2005/lang en', group: 'cidG1', robotCode: 'r' })),
      deps,
    );
    expect(n.ok && n.event).toMatchObject({
      type: 'command',
      name: 'lang',
      args: 'en',
      replyTo: { kind: 'chat', chatId: 'cidG1' },
    });
    expect(stripMentions(' @Bot @Other  hello')).toBe('hello');
  });

  it('turns plain text into a message event', () => {
    const n = normalizeRobotMessage(
      JSON.stringify(robotMessage({ userId: 'u1', text: 'hello', robotCode: 'r' })),
      deps,
    );
    expect(n.ok && n.event).toMatchObject({ type: 'message', text: 'hello' });
  });

  it('reports malformed data and unsupported message types', () => {
    expect(normalizeRobotMessage('{not json', deps)).toEqual({ ok: false, reason: 'malformed robot message' });
    expect(normalizeRobotMessage(JSON.stringify({ msgId: 'x' }), deps)).toEqual({
      ok: false,
      reason: 'malformed robot message',
    });
    const pic = { ...robotMessage({ userId: 'u1', text: '', robotCode: 'r' }), msgtype: 'picture', text: undefined };
    expect(normalizeRobotMessage(JSON.stringify(pic), deps)).toEqual({
      ok: false,
      reason: 'unsupported msgtype picture',
    });
  });

  it('turns a card callback into an action on that card, deduped by the frame id', () => {
    const data = cardCallback({ userId: 'u1', outTrackId: 'vt-1', params: { k: 'lang.set', v: 'en' } });
    const n = normalizeCardCallback(JSON.stringify(data), 'frame-9', deps);
    expect(n.ok && n.event).toMatchObject({
      type: 'action',
      eventId: 'card:frame-9',
      action: { k: 'lang.set', v: 'en' },
      cardRef: { messageId: 'vt-1', extra: { kind: 'card' } },
      replyTo: { kind: 'user', platformUserId: 'u1' },
    });
    expect(n.ok && n.event.type === 'action' && n.event.values).toBeUndefined();
  });

  it('carries a quick-form answer as form values and a group card replies to the group', () => {
    const data = cardCallback({
      userId: 'u1',
      outTrackId: 'vt-2',
      params: { k: 'survey.submit', id: 'w7', f: 'q1', fv: '4' },
      group: 'cidG',
    });
    const n = normalizeCardCallback(JSON.stringify(data), 'f', deps);
    expect(n.ok && n.event).toMatchObject({
      action: { k: 'survey.submit', id: 'w7' },
      values: { q1: '4' },
      replyTo: { kind: 'chat', chatId: 'cidG' },
    });
  });

  it('turns a middle stepper tap into an openForm action with the answers so far, and the last into a submit', () => {
    const mid = normalizeCardCallback(
      JSON.stringify(
        cardCallback({
          userId: 'u1',
          outTrackId: 't',
          params: { k: 's', id: 'w', v: '', f: 'q2', fv: '3', a: sealed({ q1: '5' }), n: '1' },
        }),
      ),
      'f1',
      deps,
    );
    expect(mid.ok && mid.event).toMatchObject({
      action: { k: 's', id: 'w' },
      values: { q1: '5', q2: '3' },
      openForm: true,
    });
    expect(mid.ok && mid.event.type === 'action' && mid.event.action.v).toBeUndefined();
    const last = normalizeCardCallback(
      JSON.stringify(
        cardCallback({
          userId: 'u1',
          outTrackId: 't',
          params: { k: 's', f: 'q3', fv: '1', a: sealed({ q1: '5', q2: '3' }), n: '' },
        }),
      ),
      'f2',
      deps,
    );
    expect(last.ok && last.event).toMatchObject({ values: { q1: '5', q2: '3', q3: '1' } });
    expect(last.ok && last.event.type === 'action' && last.event.openForm).toBeFalsy();
    // Someone else tapping a group card mid-way starts their own answers.
    const other = normalizeCardCallback(
      JSON.stringify(
        cardCallback({
          userId: 'u2',
          outTrackId: 't',
          params: { k: 's', f: 'q2', fv: '1', a: sealed({ q1: '5' }), u: 'u1', n: '1' },
          group: 'cidG',
        }),
      ),
      'f4',
      deps,
    );
    expect(other.ok && other.event.type === 'action' && other.event.values).toEqual({ q2: '1' });
    const own = normalizeCardCallback(
      JSON.stringify(
        cardCallback({
          userId: 'u1',
          outTrackId: 't',
          params: { k: 's', f: 'q2', fv: '1', a: sealed({ q1: '5' }), u: 'u1', n: '1' },
          group: 'cidG',
        }),
      ),
      'f5',
      deps,
    );
    expect(own.ok && own.event.type === 'action' && own.event.values).toEqual({ q1: '5', q2: '1' });
    // Earlier answers in the clear, or sealed with another key (forged), are refused.
    for (const a of ['[1,2]', '{"q1":"5"}', stepCodec('another-secret-of-at-least-32-chars').seal({ q1: '5' })]) {
      const bad = normalizeCardCallback(
        JSON.stringify(cardCallback({ userId: 'u1', outTrackId: 't', params: { k: 's', a } })),
        'f3',
        deps,
      );
      expect(bad).toEqual({ ok: false, reason: 'card callback with malformed stepper answers' });
    }
  });

  it('rejects card callbacks without an action reference', () => {
    expect(normalizeCardCallback('nope', 'f', deps)).toEqual({ ok: false, reason: 'malformed card callback' });
    const noParams = { ...cardCallback({ userId: 'u', outTrackId: 't', params: {} }) };
    expect(normalizeCardCallback(JSON.stringify(noParams), 'f', deps)).toEqual({
      ok: false,
      reason: 'card callback params are not an action reference',
    });
    const badContent = { ...noParams, content: '{"x":1}', value: undefined };
    expect(normalizeCardCallback(JSON.stringify(badContent), 'f', deps)).toEqual({
      ok: false,
      reason: 'card callback without cardPrivateData',
    });
  });
});
