import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeliveryError } from '../../../src/bot/port.js';
import { classifyAnswer, DingTalkApi } from '../../../adapters/dingtalk/api-client.js';
import { DingTalkOutbound, outTrackIdFor } from '../../../adapters/dingtalk/outbound.js';
import { stepCodec } from '../../../adapters/dingtalk/step-seal.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { useEmulator } from '../../support/platform-harness.js';

let emu: DingTalkEmulator;
const apiFor = (e: DingTalkEmulator) =>
  new DingTalkApi({ apiUrl: e.url, oapiUrl: e.url, appKey: e.clientId, appSecret: e.clientSecret });
const outboundFor = (api: DingTalkApi, cardTemplateId?: string) =>
  new DingTalkOutbound(api, {
    robotCode: emu.clientId,
    cardTemplateId,
    appUrl: 'https://v.example/app',
    step: stepCodec('test-stepper-secret-of-32-characters!'),
  });
const rejection = async (p: Promise<unknown>): Promise<DeliveryError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof DeliveryError) return err;
    throw err;
  }
  throw new Error('expected a DeliveryError');
};

useEmulator(startDingTalkEmulator, (started) => (emu = started));

describe('dingtalk api client', () => {
  it('classifies DingTalk answers', () => {
    expect(classifyAnswer('v1', 200, { processQueryKey: 'x' })).toEqual({ kind: 'ok' });
    expect(classifyAnswer('v1', 400, { code: 'InvalidAuthentication', message: '不合法的access_token' })).toEqual({
      kind: 'token',
    });
    const qps = classifyAnswer('v1', 403, { code: 'Forbidden.AccessDenied.QpsLimitForApi' });
    expect(qps.kind === 'error' && [qps.error.kind, qps.error.retryAfterMs]).toEqual(['rate_limited', 1000]);
    const perm = classifyAnswer('v1', 403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied' });
    expect(perm.kind === 'error' && perm.error.kind).toBe('permanent');
    const quota = classifyAnswer('oapi', 200, { errcode: 90020, errmsg: 'quota' });
    expect(quota.kind === 'error' && [quota.error.kind, quota.error.retryAfterMs]).toEqual(['rate_limited', 3_600_000]);
    for (const code of [90002, 90018, 90019]) {
      const c = classifyAnswer('oapi', 200, { errcode: code });
      expect(c.kind === 'error' && c.error.kind).toBe('rate_limited');
    }
    expect(classifyAnswer('oapi', 200, { errcode: 42001 })).toEqual({ kind: 'token' });
    const busy = classifyAnswer('oapi', 200, { errcode: -1 });
    expect(busy.kind === 'error' && busy.error.kind).toBe('transient');
    const ban = classifyAnswer('oapi', 200, { status: 1111, wait: 5, punish: 'deny' });
    expect(ban.kind === 'error' && [ban.error.kind, ban.error.retryAfterMs]).toEqual(['rate_limited', 300_000]);
    const h429 = classifyAnswer('v1', 429, undefined, new Headers({ 'retry-after': '7' }));
    expect(h429.kind === 'error' && [h429.error.kind, h429.error.retryAfterMs]).toEqual(['rate_limited', 7000]);
    const s503 = classifyAnswer('v1', 503, undefined);
    expect(s503.kind === 'error' && s503.error.kind).toBe('transient');
  });

  it('caches the access token and refreshes it once when DingTalk says it expired', async () => {
    const api = apiFor(emu);
    const out = outboundFor(api);
    const before = emu.api.tokensIssued;
    await out.send({ kind: 'user', platformUserId: 'u1' }, { kind: 'text', text: 'a' }, { idempotencyKey: 'k1' });
    await out.send({ kind: 'user', platformUserId: 'u1' }, { kind: 'text', text: 'b' }, { idempotencyKey: 'k2' });
    expect(emu.api.tokensIssued - before).toBe(1);

    emu.api.expireAllTokens();
    const calls = emu.callsTo('/v1.0/robot/oToMessages/batchSend').length;
    await out.send({ kind: 'user', platformUserId: 'u1' }, { kind: 'text', text: 'c' }, { idempotencyKey: 'k3' });
    expect(emu.api.tokensIssued - before).toBe(2);
    // The first attempt was answered HTTP 400 InvalidAuthentication, the retry with the new token succeeded.
    const sends = emu.callsTo('/v1.0/robot/oToMessages/batchSend').slice(calls);
    expect(sends.map((c) => c.status)).toEqual([400, 200]);
    expect(emu.api.robotMessages.at(-1)).toMatchObject({
      kind: 'user',
      to: ['u1'],
      msgKey: 'sampleText',
      msgParam: { content: 'c' },
    });
  });

  it('fetches a new token shortly before the cached one expires', async () => {
    let now = 1_000_000;
    const api = new DingTalkApi({
      apiUrl: emu.url,
      oapiUrl: emu.url,
      appKey: emu.clientId,
      appSecret: emu.clientSecret,
      now: () => now,
    });
    const first = await api.accessToken();
    now += (7200 - 301) * 1000; // still more than 5 minutes left
    expect(await api.accessToken()).toBe(first);
    now += 2_000; // inside the last 5 minutes
    expect(await api.accessToken()).not.toBe(first);
  });

  it('refreshes an expired token on oapi too', async () => {
    const api = apiFor(emu);
    await api.oapi('/topapi/v2/department/get', { dept_id: 1 }, z.object({ result: z.object({ name: z.string() }) }));
    emu.api.expireAllTokens();
    const res = await api.oapi(
      '/topapi/v2/department/get',
      { dept_id: 1 },
      z.object({ result: z.object({ name: z.string() }) }),
    );
    expect(res.result.name).toBe('Company');
  });

  it('turns throttling into rate_limited and 429 Retry-After into retryAfterMs', async () => {
    const out = outboundFor(apiFor(emu));
    emu.api.throttleNext('/v1.0/robot/groupMessages/send', 'qps');
    const e1 = await rejection(
      out.send({ kind: 'chat', chatId: 'cid1' }, { kind: 'text', text: 'x' }, { idempotencyKey: 'g1' }),
    );
    expect([e1.kind, e1.retryAfterMs]).toEqual(['rate_limited', 1000]);
    emu.api.throttleNext('/v1.0/robot/groupMessages/send', 'http429');
    const e2 = await rejection(
      out.send({ kind: 'chat', chatId: 'cid1' }, { kind: 'text', text: 'x' }, { idempotencyKey: 'g2' }),
    );
    expect([e2.kind, e2.retryAfterMs]).toEqual(['rate_limited', 2000]);
    emu.api.throttleNext('/topapi/v2/user/get', 'errcode90018');
    const e3 = await rejection(apiFor(emu).oapi('/topapi/v2/user/get', { userid: 'x' }, z.unknown()));
    expect(e3.kind).toBe('rate_limited');
    // …and the next call goes through.
    await out.send({ kind: 'chat', chatId: 'cid1' }, { kind: 'text', text: 'x' }, { idempotencyKey: 'g3' });
  });

  it('posts to a sessionWebhook only on the oapi host, and reports an expired session', async () => {
    const api = apiFor(emu);
    await api.session(emu.sessionWebhook('s1'), { msgtype: 'text', text: { content: 'hi' } });
    expect(emu.api.robotMessages.at(-1)).toEqual({
      kind: 'session',
      to: ['s1'],
      msgKey: 'text',
      msgParam: { content: 'hi' },
    });
    const calls = emu.calls.length;
    expect((await rejection(api.session('http://203.0.113.9/robot/sendBySession?session=s1', {}))).kind).toBe(
      'permanent',
    );
    expect(emu.calls.length).toBe(calls);
    emu.api.expiredSessions.add('s2');
    expect(
      (await rejection(api.session(emu.sessionWebhook('s2'), { msgtype: 'text', text: { content: 'x' } }))).kind,
    ).toBe('permanent');
  });

  it('reports a network failure as transient and bad credentials as permanent', async () => {
    const dead = new DingTalkApi({
      apiUrl: 'http://127.0.0.1:9',
      oapiUrl: 'http://127.0.0.1:9',
      appKey: 'a',
      appSecret: 'b',
    });
    expect((await rejection(dead.accessToken())).kind).toBe('transient');
    const wrong = new DingTalkApi({ apiUrl: emu.url, oapiUrl: emu.url, appKey: emu.clientId, appSecret: 'wrong' });
    expect((await rejection(wrong.accessToken())).kind).toBe('permanent');
  });

  it('delivers template cards with a deterministic outTrackId and updates them in place', async () => {
    const out = outboundFor(apiFor(emu), 'tpl-1.schema');
    const ref = await out.send(
      { kind: 'user', platformUserId: 'u1' },
      { kind: 'card', card: { header: { title: 'Hi', tone: 'neutral' }, blocks: [] } },
      { idempotencyKey: 'row-1' },
    );
    expect(ref).toEqual({ messageId: outTrackIdFor('row-1'), chatId: undefined, extra: { kind: 'card' } });
    const created = emu.api.cards.get(ref.messageId)!;
    expect(created).toMatchObject({
      cardTemplateId: 'tpl-1.schema',
      openSpaceId: 'dtv1.card//IM_ROBOT.u1',
      callbackType: 'STREAM',
      cardParamMap: { title: 'Hi' },
    });
    await out.update(ref, { kind: 'card', card: { header: { title: 'Bye', tone: 'neutral' }, blocks: [] } });
    expect(emu.api.cards.get(ref.messageId)).toMatchObject({ updates: 1, cardParamMap: { title: 'Bye' } });
    const gone = await rejection(
      out.update({ messageId: 'vt-missing', extra: { kind: 'card' } }, { kind: 'card', card: { blocks: [] } }),
    );
    expect(gone.kind).toBe('permanent');
  });

  it('without a template sends cards as robot action cards and "updates" by sending again', async () => {
    const out = outboundFor(apiFor(emu));
    const ref = await out.send(
      { kind: 'chat', chatId: 'cidX' },
      {
        kind: 'card',
        card: {
          header: { title: 'Hi', tone: 'neutral' },
          blocks: [{ type: 'actions', buttons: [{ label: 'Go', style: 'default', action: { k: 'x' } }] }],
        },
      },
      { idempotencyKey: 'r2' },
    );
    expect(emu.api.robotMessages.at(-1)).toMatchObject({
      kind: 'group',
      to: ['cidX'],
      msgKey: 'sampleActionCard',
      msgParam: { singleURL: 'https://v.example/app' },
    });
    await out.update(ref, { kind: 'text', text: 'done' });
    expect(emu.api.robotMessages.at(-1)).toMatchObject({
      kind: 'group',
      to: ['cidX'],
      msgKey: 'sampleText',
      msgParam: { content: 'done' },
    });
  });
});
