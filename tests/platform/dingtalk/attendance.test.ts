// DingTalk attendance through the adapter's HTTP client against the emulator: attendance/list in batches of
// ≤ 50 users, windows of ≤ 7 days and pages of ≤ 50 records (hasMore), OnDuty/OffDuty punches made into
// days (late minutes from baseCheckTime and userCheckTime), approved leave from getleavestatus, a 429
// waited out, and a person with no punches returning no days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkApi } from '../../../adapters/dingtalk/api-client.js';
import { dingtalkAttendance } from '../../../adapters/dingtalk/attendance.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import type { EmuPunch } from '../../emulators/dingtalk/attendance.js';

let emu: DingTalkEmulator;
let api: DingTalkApi;
const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);
const source = () => dingtalkAttendance(api, { timeZone: 'Asia/Shanghai', sleep });

const days = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );

beforeAll(async () => {
  emu = await startDingTalkEmulator();
  api = new DingTalkApi({ apiUrl: emu.url, oapiUrl: emu.url, appKey: emu.clientId, appSecret: emu.clientSecret });
  // 60 users (two batches), 10 days (two windows): everyone but u59 punched in and out each day.
  const punches: EmuPunch[] = [];
  for (let u = 0; u < 59; u++)
    for (const day of days('2026-11-28', 10)) {
      punches.push({ userId: `u${u}`, day, checkType: 'OnDuty', timeResult: 'Normal', offsetMinutes: -5 });
      punches.push({ userId: `u${u}`, day, checkType: 'OffDuty', timeResult: 'Normal' });
    }
  const set = (userId: string, day: string, checkType: 'OnDuty' | 'OffDuty', p: Partial<EmuPunch>) =>
    Object.assign(
      punches.find((x) => x.userId === userId && x.day === day && x.checkType === checkType)!,
      p,
    );
  set('u1', '2026-12-01', 'OnDuty', { timeResult: 'Late', offsetMinutes: 12 });
  set('u2', '2026-12-01', 'OnDuty', { timeResult: 'SeriousLate', offsetMinutes: 65 });
  set('u3', '2026-12-01', 'OffDuty', { timeResult: 'Early', offsetMinutes: -30 });
  set('u4', '2026-12-01', 'OnDuty', { timeResult: 'NotSigned' });
  set('u5', '2026-12-01', 'OnDuty', { timeResult: 'Absenteeism' });
  set('u6', '2026-12-02', 'OnDuty', { timeResult: 'NotSigned' });
  set('u6', '2026-12-02', 'OffDuty', { timeResult: 'NotSigned' });
  emu.api.punches = punches;
  // u6 was on approved leave on 2 December (Shanghai day).
  emu.api.users = [
    {
      userid: 'u6',
      name: 'Six',
      dept_id_list: [1],
      leaves: [{ start: Date.parse('2026-12-02T00:00:00+08:00'), end: Date.parse('2026-12-03T00:00:00+08:00') }],
    },
  ];
});
afterAll(async () => emu.close());

describe('dingtalk attendance', () => {
  it('pages through batches of 50 users and 7-day windows; punches become days; no days for someone without punches', async () => {
    emu.calls.length = 0;
    const people = Array.from({ length: 60 }, (_, u) => ({ externalUserId: `u${u}` }));
    const result = await source().fetchDays(people, '2026-11-28', '2026-12-07');
    const calls = emu.callsTo('/attendance/list').map((c) => c.body as Record<string, unknown>);
    // Every call inside DingTalk's bounds.
    for (const c of calls) {
      expect((c.userIdList as string[]).length).toBeLessThanOrEqual(50);
      expect(c.limit).toBe(50);
    }
    expect(new Set(calls.map((c) => `${c.workDateFrom}→${c.workDateTo}`))).toEqual(
      new Set(['2026-11-28 00:00:00→2026-12-04 00:00:00', '2026-12-05 00:00:00→2026-12-07 00:00:00']),
    );
    // Batch 1 (50 users) × window 1 (7 days) = 700 records: 14 pages of 50, the last with hasMore false.
    const firstWindow = calls.filter(
      (c) => (c.userIdList as string[]).length === 50 && c.workDateFrom === '2026-11-28 00:00:00',
    );
    expect(firstWindow.map((c) => c.offset)).toEqual(Array.from({ length: 14 }, (_, i) => i * 50));
    expect(emu.callsTo('/attendance/list').every((c) => (c.body as object) && c.status === 200)).toBe(true);

    const byKey = new Map(result.map((d) => [`${d.externalUserId} ${d.day}`, d]));
    expect(result).toHaveLength(59 * 10);
    expect(byKey.get('u0 2026-11-28')).toEqual({
      externalUserId: 'u0',
      day: '2026-11-28',
      in: 'normal',
      out: 'normal',
      lateMinutes: null,
    });
    expect(byKey.get('u1 2026-12-01')).toMatchObject({ in: 'late', out: 'normal', lateMinutes: 12 });
    expect(byKey.get('u2 2026-12-01')).toMatchObject({ in: 'late', lateMinutes: 65 });
    expect(byKey.get('u3 2026-12-01')).toMatchObject({ in: 'normal', out: 'early' });
    expect(byKey.get('u4 2026-12-01')).toMatchObject({ in: 'missing', out: 'normal' });
    expect(byKey.get('u5 2026-12-01')).toMatchObject({ in: 'absent' });
    // Not signed on a day of approved leave: on leave.
    expect(byKey.get('u6 2026-12-02')).toMatchObject({ in: 'leave', out: 'leave' });
    expect(byKey.get('u6 2026-12-03')).toMatchObject({ in: 'normal', out: 'normal' });
    expect(result.filter((d) => d.externalUserId === 'u59')).toEqual([]);
  });

  it('waits out a 429 (Retry-After) and an errcode 90018, then succeeds', async () => {
    waits.length = 0;
    emu.calls.length = 0;
    emu.api.throttleNext('/attendance/list', 'http429');
    emu.api.throttleNext('/attendance/list', 'errcode90018');
    const result = await source().fetchDays([{ externalUserId: 'u1' }], '2026-12-01', '2026-12-01');
    expect(waits).toEqual([2000, 1000]);
    expect(emu.callsTo('/attendance/list').map((c) => c.status)).toEqual([429, 200, 200]);
    expect(result).toEqual([{ externalUserId: 'u1', day: '2026-12-01', in: 'late', out: 'normal', lateMinutes: 12 }]);
  });

  it('without permission to read leave, the punches stand as they are', async () => {
    emu.api.deniedApis.add('/topapi/attendance/getleavestatus');
    try {
      const result = await source().fetchDays([{ externalUserId: 'u6' }], '2026-12-02', '2026-12-02');
      expect(result).toEqual([
        { externalUserId: 'u6', day: '2026-12-02', in: 'missing', out: 'missing', lateMinutes: null },
      ]);
    } finally {
      emu.api.deniedApis.delete('/topapi/attendance/getleavestatus');
    }
  });
});
