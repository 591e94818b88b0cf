// Feishu with message create's limits switched on in the emulator (per app 1000/min and 50/s; 5 QPS per
// user): a fan-out to 100 people, with the gateway shedding load (99991400) for a moment mid-way, reaches
// each of them exactly once, and no call is refused by the limits we pace for (issue 17, item 3).
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/feishu/index.js';
import { FEISHU_RATE } from '../../../adapters/feishu/limits.js';
import { loadConfig } from '../../../src/config.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { fanOut, scaleLimits, scaleRate, tally, withLimits } from '../delivery-kit.js';
import { useEmulator } from '../../support/platform-harness.js';
import { feishuEnv } from '../../support/platform-harness.js';

let emu: FeishuEmulator;
const people = Array.from({ length: 100 }, (_, i) => `ou_fanout_${i}`);
/** Every rate ×4 on both sides, so the test takes about a second. */
const K = 4;

useEmulator(startFeishuEmulator, (started) => (emu = started));

describe('Feishu fan-out under its per-app and per-user limits', () => {
  it('100 people each get the card once; nobody is dead; only the injected window is refused', async () => {
    const limits = emu.enforceRateLimits({
      app: scaleRate({ ratePerSecond: 1000 / 60, burst: 50 }, K),
      perReceiver: scaleRate({ ratePerSecond: 5, burst: 5 }, K),
    });
    const config = loadConfig(feishuEnv(emu));
    const adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
    const { rows } = await fanOut(
      withLimits(adapter, scaleLimits(FEISHU_RATE, K), (n) => n === 50 && limits.closeFor(500)),
      people,
    );
    expect(rows.map((r) => r.status)).toEqual(people.map(() => 'sent'));
    expect(
      tally(
        [...emu.messages.values()].map((m) => m.receive_id),
        people,
      ),
    ).toEqual({ missing: [], duplicates: 0 });
    expect(limits.refused.get('closed')).toBeGreaterThan(0);
    expect([limits.refused.get('app') ?? 0, limits.refused.get('perReceiver') ?? 0]).toEqual([0, 0]);
  });
});
