// The demo company's development path (issue 25 §4): after the demo history, HR's store staff path exists and two
// store people are on it — a cook who finished the basics and is on store management, a server one course in.
import { describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../../src/domain/demo/demo-history.js';
import { progressOf } from '../../src/domain/growth/path-enrolments.js';
import { DEMO_DOMAIN, seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { findByEmail } from '../../src/domain/org/employees.js';
import { freshDb } from '../support/db.js';
import { TEST_SEAL } from '../support/pulse.js';

const NOW = new Date('2026-12-06T07:30:00Z');

describe('the demo development path', () => {
  it('puts a cook and a server on the store staff path, at their own stages', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    expect(await seedDemoHistory(db, { key: TEST_SEAL, now: NOW })).toMatchObject({ seeded: true });
    const at = async (user: string) =>
      await progressOf(db, (await findByEmail(db, `${user}@${DEMO_DOMAIN}`))!.id, '2026-12-06');
    const cook = await at('song.tao');
    expect(cook?.path.nameEn).toBe('Store staff growth path');
    expect(cook?.path.stages.map((s) => [s.nameEn, s.fromMonth, s.toMonth])).toEqual([
      ['Basics', 1, 3],
      ['Store management', 3, 6],
      ['Operations', 6, 12],
    ]);
    expect(cook?.status).toMatchObject({ stage: 1, done: 2, total: 4, behind: false, monthsElapsed: 4 });
    expect((await at('han.bing'))?.status).toMatchObject({ stage: 0, done: 1, stageDone: 1, stageTotal: 2 });
    expect(await at('guo.na')).toBeUndefined();
  }, 120_000);
});
