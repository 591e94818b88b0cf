// End to end with an Encrypt Key: every push is {"encrypt": …} and signed. Real server (harness), real SDK
// outbound, the emulator's Open API answering 429 once to show the outbox honouring Feishu's rate limit.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { createSender, type FeishuSender } from '../../emulators/feishu/sender.js';

const TOKEN = 'vt-encrypted-e2e';
const KEY = 'encrypt-key-e2e';
const OPEN_ID = 'ou_enc_member';
let emu: FeishuEmulator;
let h: Harness;
let sender: FeishuSender;
let email: string;

const count = (sql: string) => (h.sqlite.prepare(sql).get() as { n: number }).n;
const messagesTo = (id: string) => [...emu.messages.values()].filter((m) => m.receive_id === id);

/** drainOutbox() returns once nothing is 'pending'; wait for deliveries in flight ('sending') too. */
async function settle(): Promise<void> {
  await h.drainOutbox();
  await vi.waitFor(() => expect(h.outbox().filter((r) => r.status === 'pending' || r.status === 'sending')).toEqual([]), { timeout: 10_000, interval: 20 });
}

beforeAll(async () => {
  emu = await startFeishuEmulator();
  h = await startHarness({
    env: {
      FEISHU_APP_ID: emu.appId,
      FEISHU_APP_SECRET: emu.appSecret,
      FEISHU_VERIFICATION_TOKEN: TOKEN,
      FEISHU_ENCRYPT_KEY: KEY,
      FEISHU_DOMAIN: emu.url,
    },
  });
  sender = createSender({ url: h.url, appId: emu.appId, verificationToken: TOKEN, encryptKey: KEY });
  email = (h.sqlite.prepare("select email from employees where email like 'olivia.brown@%'").get() as { email: string }).email;
  emu.users.push({ open_id: OPEN_ID, name: 'Olivia Brown', email, department_ids: [] });
});

afterAll(async () => {
  await h?.stop();
  await emu?.close();
});

describe('feishu encrypted webhook e2e', () => {
  it('answers the encrypted URL verification', async () => {
    await expect(sender.urlVerification('enc-1')).resolves.toEqual({ status: 200, json: { challenge: 'enc-1' } });
  });

  it('handles an encrypted, signed /help; a 429 from Feishu is retried after x-ogw-ratelimit-reset', async () => {
    emu.rateLimitNext(/^\/open-apis\/im\/v1\/messages$/, 1, 1);
    const res = await sender.message({ openId: OPEN_ID, text: '/help' });
    expect(res).toEqual({ status: 200, json: {} });
    await settle();
    expect(messagesTo(OPEN_ID)).toHaveLength(1);
    const row = h.outbox().find((r) => r.platform === 'feishu')!;
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    // Both attempts carried the same uuid: Feishu would have dropped a copy had the first one landed.
    const posts = emu.callsTo('/open-apis/im/v1/messages').filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect((posts[0]!.body as { uuid: string }).uuid).toBe((posts[1]!.body as { uuid: string }).uuid);
  });

  it('a card callback round-trip works encrypted', async () => {
    const msg = messagesTo(OPEN_ID)[0]!;
    const res = await sender.cardAction({ openId: OPEN_ID, value: { k: 'lang.set', v: 'zh-CN' }, messageId: msg.message_id });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw', data: { schema: '2.0' } } });
    expect(h.employeeByEmail(email)!.locale).toBe('zh-CN');
  });

  it('a bad, missing or stale signature is rejected (401), an undecryptable body is 400; nothing is recorded', async () => {
    const events = count('select count(*) as n from inbound_events');
    const rows = count('select count(*) as n from outbox');
    for (const signing of ['bad', 'none', 'stale'] as const) {
      expect((await sender.message({ openId: OPEN_ID, text: '/help' }, { signing })).status).toBe(401);
      expect((await sender.cardAction({ openId: OPEN_ID, value: { k: 'lang.set', v: 'en' }, messageId: 'om_x' }, { signing })).status).toBe(401);
    }
    expect((await sender.message({ openId: OPEN_ID, text: '/help' }, { token: 'forged' })).status).toBe(401);
    expect((await sender.post(undefined, { rawBody: JSON.stringify({ encrypt: 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTAxMjM0NTY=' }) })).status).toBe(400);
    expect(count('select count(*) as n from inbound_events')).toBe(events);
    expect(count('select count(*) as n from outbox')).toBe(rows);
    // The rejected callbacks asked for English: the locale is unchanged.
    expect(h.employeeByEmail(email)!.locale).toBe('zh-CN');
  });
});
