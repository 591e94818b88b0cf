// The generated demo company says so: /api/me and the sign-in options carry `demo`, true only where the demo
// history was seeded (npm start's default), never for an organisation loaded for real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession } from './client.js';

describe('demo marker in the API', () => {
  let demo: Harness;
  let plain: Harness;
  beforeAll(async () => {
    demo = await startHarness({ env: { DEMO_SEED: 'auto' } });
    plain = await startHarness();
  }, 120_000);
  afterAll(async () => {
    await demo?.stop();
    await plain?.stop();
  });

  it('is true with the seeded demo history, false without it', async () => {
    for (const [h, expected] of [
      [demo, true],
      [plain, false],
    ] as const) {
      const options = await call(h, 'GET', '/api/auth/options');
      expect(options.status).toBe(200);
      expect((options.body as { demo: boolean }).demo).toBe(expected);
      const someone = await h.employeeByEmail('lin.xiaowen@qingyun.example');
      expect(someone).toBeDefined();
      const me = await call(h, 'GET', '/api/me', { session: await sandboxSession(h, someone!.id) });
      expect((me.body as { demo: boolean }).demo).toBe(expected);
    }
  });
});
