// DingTalk with its per-API QPS limit switched on in the emulator (20 calls per second per API): a fan-out
// to 100 people, with DingTalk answering QpsLimitForApi for a moment mid-way, reaches each of them exactly
// once, and no call is refused by the limit we pace for (issue 17, item 3).
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/dingtalk/index.js';
import { DINGTALK_RATE } from '../../../adapters/dingtalk/limits.js';
import { loadConfig } from '../../../src/config.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { fanOut, scaleLimits, scaleRate, tally, withLimits } from '../delivery-kit.js';
import { useEmulator } from '../../support/platform-harness.js';
import { dingTalkEnv } from '../../support/platform-harness.js';

let emu: DingTalkEmulator;
const people = Array.from({ length: 100 }, (_, i) => `fanout${i}`);
/** Every rate ×4 on both sides, so the test takes about a second. */
const K = 4;

useEmulator(startDingTalkEmulator, (started) => (emu = started));

describe('DingTalk fan-out under the per-API QPS limit', () => {
  it('100 people each get the card once; nobody is dead; only the injected window is refused', async () => {
    const limits = emu.api.enforceRateLimits({ perApi: scaleRate({ ratePerSecond: 20, burst: 20 }, K) });
    const config = loadConfig({
      ...dingTalkEnv(emu),
      DINGTALK_ROBOT_CODE: emu.clientId,
    });
    const adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
    const { rows } = await fanOut(
      withLimits(adapter, scaleLimits(DINGTALK_RATE, K), (n) => n === 50 && limits.refuseNext(1, 200)),
      people,
    );
    expect(rows.map((r) => r.status)).toEqual(people.map(() => 'sent'));
    expect(
      tally(
        emu.api.robotMessages.filter((m) => m.kind === 'user').flatMap((m) => m.to),
        people,
      ),
    ).toEqual({ missing: [], duplicates: 0 });
    expect(limits.refused.get('closed')).toBeGreaterThan(0);
    expect(limits.refused.get('perApi') ?? 0).toBe(0);
    // The same card goes to up to 20 people per batchSend: a handful of calls, not 100.
    const accepted = emu.api.robotMessages.filter((m) => m.kind === 'user');
    expect(accepted.every((m) => m.to.length <= 20)).toBe(true);
    expect(accepted.length).toBeLessThan(15);
  });
});
