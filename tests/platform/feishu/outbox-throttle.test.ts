// Feishu: 20 consecutive sends answered HTTP 429 / code 99991400 (the gateway's frequency limit) lose
// nobody (issue 17: about 11 s of throttling used to dead-letter 16 of 31 survey cards).
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/feishu/index.js';
import { loadConfig } from '../../../src/config.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { expectNobodyLost, fanOutThroughThrottling, THROTTLED_ANSWERS } from '../outbox-throttle-kit.js';
import { useEmulator } from '../../support/platform-harness.js';
import { feishuEnv } from '../../support/platform-harness.js';

let emu: FeishuEmulator;
const people = Array.from({ length: 6 }, (_, i) => `ou_throttle_${i}`);

useEmulator(startFeishuEmulator, (started) => (emu = started));

describe('Feishu outbox under 99991400', () => {
  it('a window of 20 throttled answers delivers every card, each once, with no attempt spent', async () => {
    emu.rateLimitNext(/^\/open-apis\/im\/v1\/messages$/, THROTTLED_ANSWERS, 1);
    const config = loadConfig(feishuEnv(emu));
    const rows = await fanOutThroughThrottling(createAdapter({ config, logger: pino({ level: 'silent' }) }), people);
    expectNobodyLost(rows, people.length);
    const sends = emu.callsTo('/im/v1/messages').filter((c) => c.method === 'POST');
    expect(sends).toHaveLength(THROTTLED_ANSWERS + people.length);
    const delivered = [...emu.messages.values()];
    expect(delivered.map((m) => m.receive_id).sort()).toEqual([...people].sort());
  });
});
