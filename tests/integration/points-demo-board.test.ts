// The demo company's leaderboard is filled for a newcomer (issue 24): whatever day the demo is seeded, this
// month's board (company time zone) has people on it, company-wide and in a department — even when the demo
// starts half an hour into a new year, month and quarter.
import { describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../../src/domain/demo/demo-history.js';
import { DEMO_DOMAIN, seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { findByEmail } from '../../src/domain/org/employees.js';
import { allUnits } from '../../src/domain/org/units.js';
import { calendarBoard, type BoardPeriod } from '../../src/domain/points/boards.js';
import { freshDb } from '../support/db.js';
import { TEST_SEAL } from '../support/pulse.js';

const SH = 'Asia/Shanghai';
const SLOW = { timeout: 120_000 };

async function boardsAt(now: Date) {
  const db = await freshDb();
  await seedDemoOrg(db);
  expect(await seedDemoHistory(db, { key: TEST_SEAL, now })).toMatchObject({ seeded: true });
  const units = await allUnits(db);
  const liuYang = (await findByEmail(db, `liu.yang@${DEMO_DOMAIN}`))!;
  const board = async (period: BoardPeriod, unitId?: number | null) =>
    await calendarBoard(db, {
      units,
      unit: unitId ? units.find((u) => u.id === unitId) : units.find((u) => u.parentId === null),
      self: liuYang.id,
      period,
      now,
      timeZone: SH,
      limit: 100,
    });
  return { board, liuYang };
}

describe('the demo leaderboard', () => {
  it(
    'a week into December: this month has at least 8 people company-wide, and Yang Liu in his department',
    async () => {
      const { board, liuYang } = await boardsAt(new Date('2026-12-07T05:00:00Z'));
      expect((await board('month')).rows.length).toBeGreaterThanOrEqual(8);
      expect((await board('month', liuYang.unitId)).rows.map((r) => r.employeeId)).toContain(liuYang.id);
      // The quarter and the year hold more than the month.
      const month = (await board('month')).rows.length;
      expect((await board('quarter')).rows.length).toBeGreaterThan(month);
      expect((await board('year')).rows.length).toBeGreaterThan(month);
    },
    SLOW,
  );

  it(
    'half an hour into a new year in Shanghai: the month, quarter and year boards are already filled',
    async () => {
      const { board } = await boardsAt(new Date('2026-12-31T16:30:00Z')); // 2027-01-01 00:30 in Shanghai
      for (const period of ['month', 'quarter', 'year'] as const) {
        const b = await board(period);
        expect(b.rows.length).toBeGreaterThanOrEqual(8);
      }
      expect((await board('year')).label).toBe('2027');
    },
    SLOW,
  );
});
