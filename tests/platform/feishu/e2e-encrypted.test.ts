// End to end with an Encrypt Key: every push is {"encrypt": …} and signed. Real server (harness), real SDK
// outbound, the emulator's Open API answering 429 once to show the outbox honouring Feishu's rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeishuE2E, openId, startFeishuE2E } from './e2e-kit.js';

const OLIVIA = 'olivia.brown';
let f: FeishuE2E;

beforeAll(async () => {
  f = await startFeishuE2E({ token: 'vt-encrypted-e2e', encryptKey: 'encrypt-key-e2e' });
  f.emu.users.push({
    open_id: openId(OLIVIA),
    name: 'Olivia Brown',
    email: `${OLIVIA}@qingyun.example`,
    department_ids: [],
  });
});

afterAll(async () => {
  await f?.stop();
});

describe('feishu encrypted webhook e2e', () => {
  it('answers the encrypted URL verification', async () => {
    await expect(f.sender.urlVerification('enc-1')).resolves.toEqual({ status: 200, json: { challenge: 'enc-1' } });
  });

  it('handles an encrypted, signed /help; a 429 from Feishu is retried after x-ogw-ratelimit-reset', async () => {
    f.emu.rateLimitNext(/^\/open-apis\/im\/v1\/messages$/, 1, 1);
    const res = await f.sender.message({ openId: openId(OLIVIA), text: '/help' });
    expect(res).toEqual({ status: 200, json: {} });
    await f.settle();
    expect(f.messagesTo(OLIVIA)).toHaveLength(1);
    const row = (await f.h.outbox()).find((r) => r.platform === 'feishu')!;
    // The throttled call spent no delivery attempt; it is counted apart (issue 17).
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await f.h.sql.row('select throttled from outbox where id = ?', row.id)).toEqual({ throttled: 1 });
    // Both attempts carried the same uuid: Feishu would have dropped a copy had the first one landed.
    const posts = f.emu.callsTo('/open-apis/im/v1/messages').filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect((posts[0]!.body as { uuid: string }).uuid).toBe((posts[1]!.body as { uuid: string }).uuid);
  });

  it('a card callback round-trip works encrypted', async () => {
    const msg = f.messagesTo(OLIVIA)[0]!;
    const res = await f.sender.cardAction({
      openId: openId(OLIVIA),
      value: { k: 'lang.set', v: 'zh-CN' },
      messageId: msg.message_id,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw', data: { schema: '2.0' } } });
    expect((await f.h.employeeByEmail(`${OLIVIA}@qingyun.example`))!.locale).toBe('zh-CN');
  });

  it('a bad, missing or stale signature is rejected (401), an undecryptable body is 400; nothing is recorded', async () => {
    const events = await f.count('select count(*) as n from inbound_events');
    const rows = await f.count('select count(*) as n from outbox');
    for (const signing of ['bad', 'none', 'stale'] as const) {
      expect((await f.sender.message({ openId: openId(OLIVIA), text: '/help' }, { signing })).status).toBe(401);
      expect(
        (
          await f.sender.cardAction(
            { openId: openId(OLIVIA), value: { k: 'lang.set', v: 'en' }, messageId: 'om_x' },
            { signing },
          )
        ).status,
      ).toBe(401);
    }
    expect((await f.sender.message({ openId: openId(OLIVIA), text: '/help' }, { token: 'forged' })).status).toBe(401);
    expect(
      (
        await f.sender.post(undefined, {
          rawBody: JSON.stringify({ encrypt: 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTAxMjM0NTY=' }),
        })
      ).status,
    ).toBe(400);
    expect(await f.count('select count(*) as n from inbound_events')).toBe(events);
    expect(await f.count('select count(*) as n from outbox')).toBe(rows);
    // The rejected callbacks asked for English: the locale is unchanged.
    expect((await f.h.employeeByEmail(`${OLIVIA}@qingyun.example`))!.locale).toBe('zh-CN');
  });
});
