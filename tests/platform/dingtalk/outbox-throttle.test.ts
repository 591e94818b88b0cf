// DingTalk: 20 consecutive robot sends answered 403 Forbidden.AccessDenied.QpsLimitForApi (its QPS limit)
// lose nobody (issue 17).
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/dingtalk/index.js';
import { loadConfig } from '../../../src/config.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { expectNobodyLost, fanOutThroughThrottling, THROTTLED_ANSWERS } from '../outbox-throttle-kit.js';
import { useEmulator } from '../../support/platform-harness.js';
import { dingTalkEnv } from '../../support/platform-harness.js';

let emu: DingTalkEmulator;
const people = Array.from({ length: 6 }, (_, i) => `staff${i}`);

useEmulator(startDingTalkEmulator, (started) => (emu = started));

describe('DingTalk outbox under the QPS limit', () => {
  it('a window of 20 throttled answers delivers every card, each once, with no attempt spent', async () => {
    emu.api.throttleNext('/v1.0/robot/oToMessages/batchSend', 'qps', THROTTLED_ANSWERS);
    const config = loadConfig({
      ...dingTalkEnv(emu),
      DINGTALK_ROBOT_CODE: emu.clientId,
    });
    const rows = await fanOutThroughThrottling(createAdapter({ config, logger: pino({ level: 'silent' }) }), people);
    // The same card to six people goes out in one batchSend: each throttled call throttled all six rows.
    expectNobodyLost(rows, people.length, THROTTLED_ANSWERS * people.length);
    const sends = emu.callsTo('/v1.0/robot/oToMessages/batchSend');
    expect(sends.filter((c) => c.status === 403)).toHaveLength(THROTTLED_ANSWERS);
    expect(
      emu.api.robotMessages
        .filter((m) => m.kind === 'user')
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([...people].sort());
  });
});
