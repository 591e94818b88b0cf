// Feishu attendance through the real server and SDK against the emulator (SQLite, and PostgreSQL in the PG
// run): HR's "sync now" resolves the linked open_ids to employee ids, reads user_tasks for yesterday and today,
// waits out a 429 and goes on; a late arrival is written with its minutes, Feishu's Leave supplement as on leave;
// a leaver's day is refused by name and a person Feishu has nothing for is named, with nothing invented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDay } from '../../../src/domain/surveys/calendar-day.js';
import { emuEmployeeId } from '../../emulators/feishu/attendance.js';
import { startFeishuEmulator, type FeishuEmulator } from '../../emulators/feishu/open-api.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { feishuEnv } from '../../support/platform-harness.js';
import { call, sandboxSession } from '../../web/client.js';

let emu: FeishuEmulator;
let h: Harness;
const today = calendarDay(new Date(), 'Asia/Shanghai');
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const ids: Record<string, number> = {};
const PEOPLE = ['cao.yang', 'deng.hui', 'peng.bo', 'xie.ying', 'lin.xiaowen'];

beforeAll(async () => {
  emu = await startFeishuEmulator();
  h = await startHarness({ env: { ...feishuEnv(emu), DEFAULT_TIMEZONE: 'Asia/Shanghai' } });
  for (const u of PEOPLE) ids[u] = (await h.employeeByEmail(`${u}@qingyun.example`))!.id;
  for (const u of PEOPLE.slice(0, 4)) {
    const openId = `ou_${u.replace('.', '')}`;
    emu.users.push({ open_id: openId, name: u, department_ids: ['od-1'] });
    await h.sql.run(
      "insert into platform_identities (platform, platform_user_id, employee_id) values ('feishu', ?, ?)",
      openId,
      ids[u],
    );
  }
  await h.sql.run('update employees set active = false where id = ?', ids['xie.ying']);
  const shift = Math.floor(Date.parse(`${today}T09:00:00+08:00`) / 1000);
  emu.userTasks = [
    {
      user_id: emuEmployeeId('ou_caoyang'),
      day: today,
      in: 'Late',
      out: 'Todo',
      shiftStart: shift,
      checkIn: shift + 21 * 60,
    },
    { user_id: emuEmployeeId('ou_caoyang'), day: yesterday, in: 'Normal', out: 'Early' },
    {
      user_id: emuEmployeeId('ou_denghui'),
      day: today,
      in: 'Lack',
      out: 'Lack',
      inSupplement: 'Leave',
      outSupplement: 'Leave',
    },
    { user_id: emuEmployeeId('ou_xieying'), day: yesterday, in: 'Normal', out: 'Normal' },
  ];
});
afterAll(async () => {
  await h?.stop();
  await emu?.close();
});

describe('attendance sync from Feishu', () => {
  it('HR syncs now through a 429: late with minutes, leave, early leave; the leaver refused; no data named', async () => {
    emu.rateLimitNext(/user_tasks\/query/, 1, 1);
    const hr = await sandboxSession(h, ids['lin.xiaowen']!);
    const r = await call(h, 'POST', '/api/hr/attendance/sync', { session: hr });
    expect(r.status).toBe(200);
    expect(r.body.reports).toEqual([
      expect.objectContaining({
        platform: 'feishu',
        ok: true,
        written: 3,
        noData: ['彭博 Bo Peng'],
        skipped: [{ who: '谢颖 Ying Xie', day: yesterday, reason: 'left' }],
      }),
    ]);
    // The throttled query was asked again after the reset.
    const queries = emu.callsTo('/open-apis/attendance/v1/user_tasks/query');
    expect(queries).toHaveLength(2);
    expect(queries[1]!.body).toMatchObject({
      check_date_from: Number(yesterday.replaceAll('-', '')),
      check_date_to: Number(today.replaceAll('-', '')),
    });
    const rows = await h.sql.rows<{ person_id: number; day: string; status: string; late_minutes: number | null }>(
      "select person_id, day, status, late_minutes from attendance_days where source = 'feishu' order by person_id, day",
    );
    expect(rows).toEqual(
      [
        { person_id: ids['cao.yang'], day: yesterday, status: 'early_leave', late_minutes: null },
        { person_id: ids['cao.yang'], day: today, status: 'late', late_minutes: 21 },
        { person_id: ids['deng.hui'], day: today, status: 'on_leave', late_minutes: null },
      ].sort((a, b) => a.person_id! - b.person_id! || a.day.localeCompare(b.day)),
    );
  });
});
