// Feishu: 20 consecutive sends answered HTTP 429 / code 99991400 (the gateway's frequency limit) lose
// nobody (issue 17: about 11 s of throttling used to dead-letter 16 of 31 survey cards).
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/feishu/index.js';
import { loadConfig } from '../../../src/config.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { expectNobodyLost, fanOutThroughThrottling, THROTTLED_ANSWERS } from '../outbox-throttle-kit.js';

let emu: FeishuEmulator;
const people = Array.from({ length: 6 }, (_, i) => `ou_throttle_${i}`);

beforeAll(async () => {
  emu = await startFeishuEmulator();
});
afterAll(async () => emu.close());

describe('Feishu outbox under 99991400', () => {
  it('a window of 20 throttled answers delivers every card, each once, with no attempt spent', async () => {
    emu.rateLimitNext(/^\/open-apis\/im\/v1\/messages$/, THROTTLED_ANSWERS, 1);
    const config = loadConfig({
      FEISHU_APP_ID: emu.appId,
      FEISHU_APP_SECRET: emu.appSecret,
      FEISHU_VERIFICATION_TOKEN: 'vt',
      FEISHU_ENCRYPT_KEY: 'ek',
      FEISHU_DOMAIN: emu.url,
    });
    const rows = await fanOutThroughThrottling(createAdapter({ config, logger: pino({ level: 'silent' }) }), people);
    expectNobodyLost(rows, people.length);
    const sends = emu.callsTo('/im/v1/messages').filter((c) => c.method === 'POST');
    expect(sends).toHaveLength(THROTTLED_ANSWERS + people.length);
    const delivered = [...emu.messages.values()];
    expect(delivered.map((m) => m.receive_id).sort()).toEqual([...people].sort());
  });
});
