// Feishu attendance through the real SDK against the emulator: open_ids resolved to employee ids in batches of
// 50 (contact users/batch), user_tasks/query per batch with yyyyMMdd dates, Feishu's results turned into the
// port's punches (late minutes from the shift and the clock-in, Leave supplements), a 429 waited out, and a
// person Feishu has no results for returning no days at all.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feishuAttendance } from '../../../adapters/feishu/attendance.js';
import { FeishuClient } from '../../../adapters/feishu/client.js';
import { startFeishuEmulator, type FeishuEmulator } from '../../emulators/feishu/open-api.js';
import { emuEmployeeId } from '../../emulators/feishu/attendance.js';

let emu: FeishuEmulator;
let client: FeishuClient;
const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);

beforeAll(async () => {
  emu = await startFeishuEmulator();
  client = new FeishuClient({
    appId: emu.appId,
    appSecret: emu.appSecret,
    domain: emu.url,
    logger: pino({ level: 'silent' }),
  });
  // 120 people: three batches of ≤ 50. Everyone but ou_p119 has results on 2026-12-07.
  emu.users = Array.from({ length: 120 }, (_, i) => ({ open_id: `ou_p${i}`, name: `P${i}`, department_ids: ['od-1'] }));
  const shift = Date.parse('2026-12-07T01:00:00Z') / 1000; // 09:00 in Shanghai
  emu.userTasks = emu.users
    .filter((u) => u.open_id !== 'ou_p119')
    .map((u, i) => ({
      user_id: emuEmployeeId(u.open_id),
      day: '2026-12-07',
      in: i % 10 === 3 ? ('Late' as const) : ('Normal' as const),
      out: 'Todo' as const,
      ...(i % 10 === 3 ? { shiftStart: shift, checkIn: shift + 17 * 60 } : {}),
    }));
  emu.userTasks.push(
    {
      user_id: emuEmployeeId('ou_p1'),
      day: '2026-12-06',
      in: 'Lack',
      out: 'Lack',
      inSupplement: 'Leave',
      outSupplement: 'Leave',
    },
    { user_id: emuEmployeeId('ou_p2'), day: '2026-12-06', in: 'Normal', out: 'Early' },
    { user_id: emuEmployeeId('ou_p4'), day: '2026-12-06', in: 'NoNeedCheck', out: 'NoNeedCheck' },
  );
});
afterAll(async () => emu.close());

describe('feishu attendance', () => {
  it('reads everyone in batches of 50, with late minutes, leave and early leave, and no days for a person without data', async () => {
    emu.calls.length = 0;
    const people = emu.users.map((u) => ({ externalUserId: u.open_id }));
    const days = await feishuAttendance(client, { sleep }).fetchDays(people, '2026-12-06', '2026-12-07');
    const batches = emu.callsTo('/open-apis/contact/v3/users/batch');
    const queries = emu.callsTo('/open-apis/attendance/v1/user_tasks/query');
    expect(batches).toHaveLength(3);
    expect(queries.map((q) => (q.body as { user_ids: string[] }).user_ids.length)).toEqual([50, 50, 20]);
    expect(queries[0]!.body).toMatchObject({ check_date_from: 20261206, check_date_to: 20261207 });
    expect(queries[0]!.query).toMatchObject({ employee_type: 'employee_id', ignore_invalid_users: 'true' });

    const byKey = new Map(days.map((d) => [`${d.externalUserId} ${d.day}`, d]));
    expect(byKey.get('ou_p3 2026-12-07')).toEqual({
      externalUserId: 'ou_p3',
      day: '2026-12-07',
      in: 'late',
      out: 'pending',
      lateMinutes: 17,
    });
    expect(byKey.get('ou_p0 2026-12-07')).toMatchObject({ in: 'normal', out: 'pending', lateMinutes: null });
    expect(byKey.get('ou_p1 2026-12-06')).toMatchObject({ in: 'leave', out: 'leave' });
    expect(byKey.get('ou_p2 2026-12-06')).toMatchObject({ in: 'normal', out: 'early' });
    expect(byKey.get('ou_p4 2026-12-06')).toMatchObject({ in: 'not_required', out: 'not_required' });
    // ou_p119: Feishu has nothing — no day at all, not an invented absence.
    expect(days.filter((d) => d.externalUserId === 'ou_p119')).toEqual([]);
    expect(days.filter((d) => d.day === '2026-12-07')).toHaveLength(119);
  });

  it('waits out a 429 for the time Feishu names, then succeeds', async () => {
    waits.length = 0;
    emu.calls.length = 0;
    emu.rateLimitNext(/user_tasks\/query/, 1, 3);
    const days = await feishuAttendance(client, { sleep }).fetchDays(
      [{ externalUserId: 'ou_p3' }],
      '2026-12-07',
      '2026-12-07',
    );
    expect(waits).toEqual([3000]);
    expect(emu.callsTo('/open-apis/attendance/v1/user_tasks/query')).toHaveLength(2);
    expect(days).toEqual([{ externalUserId: 'ou_p3', day: '2026-12-07', in: 'late', out: 'pending', lateMinutes: 17 }]);
  });

  it('a longer range is asked in windows of 31 days', async () => {
    emu.calls.length = 0;
    await feishuAttendance(client, { sleep }).fetchDays([{ externalUserId: 'ou_p0' }], '2026-11-01', '2026-12-07');
    const q = emu.callsTo('/open-apis/attendance/v1/user_tasks/query').map((c) => c.body);
    expect(q).toEqual([
      expect.objectContaining({ check_date_from: 20261101, check_date_to: 20261201 }),
      expect.objectContaining({ check_date_from: 20261202, check_date_to: 20261207 }),
    ]);
  });

  it('a refusal other than throttling is thrown, not swallowed', async () => {
    emu.failNext(
      /user_tasks\/query/,
      400,
      99991672,
      'Access denied. One of the following scopes is required: [attendance:task:readonly]',
    );
    await expect(
      feishuAttendance(client, { sleep }).fetchDays([{ externalUserId: 'ou_p0' }], '2026-12-07', '2026-12-07'),
    ).rejects.toThrow(/99991672/);
  });
});
