// End to end in long-connection mode: the real server with FEISHU_MODE=websocket, the SDK's WSClient
// connected to the emulator's gateway; /help arrives as a protobuf event frame and is answered through the
// outbox; the help card's language button arrives as a frame and is answered in the response frame.
import { describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../support/harness.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { cardActionEnvelope, messageEnvelope } from '../../emulators/feishu/sender.js';
import { useEmulatorAndHarness } from '../../support/platform-harness.js';

let emu: FeishuEmulator;
let h: Harness;
const OPEN_ID = 'ou_ws_member';

useEmulatorAndHarness(
  startFeishuEmulator,
  (e) => ({
    FEISHU_APP_ID: e.appId,
    FEISHU_APP_SECRET: e.appSecret,
    FEISHU_MODE: 'websocket',
    FEISHU_DOMAIN: e.url,
  }),
  async (started) => {
    ({ emu, h } = started);
    const email = (
      (await h.sql.row("select email from employees where email like 'emily.carter@%'")) as { email: string }
    ).email;
    emu.users.push({ open_id: OPEN_ID, name: 'Emily Carter', email, department_ids: [] });
  },
);

describe('feishu long connection e2e', () => {
  it('connects, and /help sent as an event frame is answered with a card', async () => {
    const adapter = h.app.adapters.get('feishu')!;
    await vi.waitFor(() => expect(adapter.health!()).toEqual({ ok: true }), { timeout: 10_000, interval: 50 });
    const ack = await emu.ws.push(messageEnvelope(emu.appId, '', { openId: OPEN_ID, text: '/help' }));
    expect(ack.code).toBe(200);
    await h.drainOutbox();
    await vi.waitFor(() => expect([...emu.messages.values()].filter((m) => m.receive_id === OPEN_ID)).toHaveLength(1), {
      timeout: 10_000,
      interval: 20,
    });
    const sent = [...emu.messages.values()].find((m) => m.receive_id === OPEN_ID)!;
    // Emily's locale is English: the language button offers Chinese.
    expect(sent.content).toContain('"value":{"k":"lang.set","v":"zh-CN"}');

    const answer = await emu.ws.push(
      cardActionEnvelope(emu.appId, '', {
        openId: OPEN_ID,
        value: { k: 'lang.set', v: 'zh-CN' },
        messageId: sent.message_id,
      }),
    );
    expect(answer).toMatchObject({
      code: 200,
      data: { toast: { type: 'success' }, card: { type: 'raw', data: { schema: '2.0' } } },
    });
    expect(JSON.stringify(answer.data)).toContain('"value":{"k":"lang.set","v":"en"}');
  });
});
