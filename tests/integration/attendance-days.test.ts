// attendance_days on the real database (SQLite, and PostgreSQL in the PG run): a re-write of the same person
// and day replaces the row (idempotent re-sync), and attendanceWeeks — the one read the status page uses —
// sums each ISO week's statuses and late minutes, listing weeks without data as such.
import { describe, expect, it } from 'vitest';
import { attendanceWeeks, upsertAttendance } from '../../src/domain/attendance/index.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { useHarness, type Harness } from '../support/harness.js';

let h: Harness;
useHarness((started) => (h = started));
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

describe('attendance days', () => {
  it('writes one row per person and day, a re-write replaces it', async () => {
    const who = await id('zhang.wei');
    const at = new Date('2026-12-08T10:00:00Z');
    await unitOfWork(h.app.db, (tx) =>
      upsertAttendance(
        tx,
        [
          { personId: who, day: '2026-12-01', status: 'late', lateMinutes: 7, source: 'feishu' },
          { personId: who, day: '2026-12-02', status: 'on_time', lateMinutes: null, source: 'feishu' },
        ],
        at,
      ),
    );
    // The same days again, one of them changed (the platform corrected a result): still two rows.
    await unitOfWork(h.app.db, (tx) =>
      upsertAttendance(
        tx,
        [
          { personId: who, day: '2026-12-01', status: 'late', lateMinutes: 9, source: 'feishu' },
          { personId: who, day: '2026-12-02', status: 'on_time', lateMinutes: null, source: 'feishu' },
        ],
        at,
      ),
    );
    const rows = await h.sql.rows(
      'select day, status, late_minutes as m from attendance_days where person_id = ? order by day',
      who,
    );
    expect(rows).toEqual([
      { day: '2026-12-01', status: 'late', m: 9 },
      { day: '2026-12-02', status: 'on_time', m: null },
    ]);
  });

  it('attendanceWeeks: counts per ISO week, late minutes summed, empty weeks listed with no days', async () => {
    const who = await id('liu.yang');
    const row = (
      day: string,
      status: 'late' | 'on_time' | 'on_leave' | 'absent',
      lateMinutes: number | null = null,
    ) => ({
      personId: who,
      day,
      status,
      lateMinutes,
      source: 'csv' as const,
    });
    await unitOfWork(h.app.db, (tx) =>
      upsertAttendance(
        tx,
        [
          row('2026-11-16', 'late', 5), // W47
          row('2026-11-17', 'late', 15),
          row('2026-11-18', 'on_time'),
          row('2026-11-19', 'on_leave'),
          // W48: nothing
          row('2026-12-01', 'absent'), // W49
          row('2026-12-20', 'late', 30), // outside the range asked
        ],
        new Date(),
      ),
    );
    const weeks = await attendanceWeeks(h.app.db, who, { fromDay: '2026-11-18', toDay: '2026-12-06' });
    expect(weeks.map((w) => [w.week, w.weekStart, w.days, w.lateMinutes])).toEqual([
      ['2026-W47', '2026-11-16', 2, 0], // the 16th and 17th are before fromDay
      ['2026-W48', '2026-11-23', 0, 0],
      ['2026-W49', '2026-11-30', 1, 0],
    ]);
    expect(weeks[0]!.counts).toEqual({
      on_time: 1,
      late: 0,
      early_leave: 0,
      absent: 0,
      on_leave: 1,
      not_clocked_in: 0,
    });
    expect(weeks[2]!.counts.absent).toBe(1);
    const wider = await attendanceWeeks(h.app.db, who, { fromDay: '2026-11-16', toDay: '2026-11-22' });
    expect(wider).toHaveLength(1);
    expect(wider[0]).toMatchObject({ days: 4, lateMinutes: 20, counts: { late: 2, on_time: 1, on_leave: 1 } });
  });
});
