// Attendance end to end on the real server with DingTalk's emulator (SQLite, and PostgreSQL in the PG run):
// HR's "sync now" reads yesterday and today for everyone linked on DingTalk — a late arrival with its minutes,
// a missing clock-in, approved leave; a leaver's punches refused by name and nothing of theirs written; a
// person DingTalk has nothing for named as "no attendance data"; the audit row counts only. A second sync
// changes nothing. The store head's today view (API and /today in chat) shows their store only; HR any unit;
// everyone else 403. HR's CSV import refuses a file with bad lines whole (each line named, nothing written).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDay } from '../../../src/domain/surveys/calendar-day.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { dingTalkEnv } from '../../support/platform-harness.js';
import { sandboxClient, textOf } from '../../support/sandbox-client.js';
import { call, sandboxSession, type Session } from '../../web/client.js';

let emu: DingTalkEmulator;
let h: Harness;
const today = calendarDay(new Date(), 'Asia/Shanghai');
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const ids: Record<string, number> = {};
const STORE = ['liu.qiang', 'guo.na', 'song.tao', 'tang.li', 'han.bing', 'feng.xue'];

beforeAll(async () => {
  emu = await startDingTalkEmulator();
  h = await startHarness({ env: { ...dingTalkEnv(emu), DEFAULT_TIMEZONE: 'Asia/Shanghai' } });
  for (const u of [...STORE, 'lin.xiaowen', 'huang.jing'])
    ids[u] = (await h.employeeByEmail(`${u}@qingyun.example`))!.id;
  for (const u of STORE)
    await h.sql.run(
      "insert into platform_identities (platform, platform_user_id, employee_id) values ('dingtalk', ?, ?)",
      `dt-${u}`,
      ids[u],
    );
  // 冯雪 has left (the directory deactivated her) but DingTalk still reports her punches.
  await h.sql.run('update employees set active = false where id = ?', ids['feng.xue']);
  const day = (userId: string, d: string, on: string, off: string, offsetMinutes = 0) => [
    { userId, day: d, checkType: 'OnDuty' as const, timeResult: on as 'Normal', offsetMinutes },
    { userId, day: d, checkType: 'OffDuty' as const, timeResult: off as 'Normal' },
  ];
  emu.api.punches = [
    ...day('dt-guo.na', today, 'Late', 'Normal', 14),
    ...day('dt-guo.na', yesterday, 'Normal', 'Normal'),
    ...day('dt-song.tao', today, 'Normal', 'Normal'),
    ...day('dt-tang.li', today, 'NotSigned', 'Normal'),
    ...day('dt-liu.qiang', today, 'NotSigned', 'NotSigned'),
    ...day('dt-feng.xue', yesterday, 'Late', 'Normal', 30),
  ];
  // 刘强 is on approved leave today.
  const start = Date.parse(`${today}T00:00:00+08:00`);
  emu.api.users = [
    { userid: 'dt-liu.qiang', name: '刘强', dept_id_list: [1], leaves: [{ start, end: start + 86_400_000 }] },
  ];
});
afterAll(async () => {
  await h?.stop();
  await emu?.close();
});

const rows = async () =>
  await h.sql.rows<{ person_id: number; day: string; status: string; late_minutes: number | null; source: string }>(
    'select person_id, day, status, late_minutes, source from attendance_days order by person_id, day',
  );
const audits = async (action: string) =>
  await h.sql.rows<{ detail: string | null }>('select detail from audit_log where action = ? order by id', action);

describe('attendance sync from DingTalk', () => {
  let hr: Session;
  beforeAll(async () => {
    hr = await sandboxSession(h, ids['lin.xiaowen']!);
  });

  it('HR syncs now: days written, the leaver refused by name, a person without data named; the audit counts only', async () => {
    const r = await call(h, 'POST', '/api/hr/attendance/sync', { session: hr });
    expect(r.status).toBe(200);
    const [report] = r.body.reports as {
      platform: string;
      ok: boolean;
      written: number;
      noData: string[];
      skipped: { who: string; day: string; reason: string }[];
      lines: string[];
    }[];
    expect(report).toMatchObject({ platform: 'dingtalk', ok: true, written: 5 });
    expect(report!.noData).toEqual(['韩冰 Bing Han']);
    expect(report!.skipped).toEqual([{ who: '冯雪 Xue Feng', day: yesterday, reason: 'left' }]);
    expect(report!.lines.join('\n')).toContain(`冯雪 Xue Feng 已离职：${yesterday} 的考勤未记录`);
    expect(report!.lines.join('\n')).toContain('钉钉 上没有这些人的考勤数据：韩冰 Bing Han');

    const written = await rows();
    expect(written.filter((x) => x.person_id === ids['feng.xue'])).toEqual([]);
    expect(written.filter((x) => x.person_id === ids['han.bing'])).toEqual([]);
    const of = (u: string, d: string) => written.find((x) => x.person_id === ids[u] && x.day === d);
    expect(of('guo.na', today)).toMatchObject({ status: 'late', late_minutes: 14, source: 'dingtalk' });
    expect(of('guo.na', yesterday)).toMatchObject({ status: 'on_time' });
    expect(of('tang.li', today)).toMatchObject({ status: 'not_clocked_in' });
    expect(of('liu.qiang', today)).toMatchObject({ status: 'on_leave' });
    expect(of('song.tao', today)).toMatchObject({ status: 'on_time' });

    const [a] = await audits('attendance.sync');
    expect(JSON.parse(a!.detail!)).toEqual({ fromDay: yesterday, toDay: today, written: 5, noData: 1, skipped: 1 });
  });

  it('a second sync changes nothing but the rows it rewrites', async () => {
    const before = await rows();
    const r = await call(h, 'POST', '/api/hr/attendance/sync', { session: hr });
    expect(r.status).toBe(200);
    expect(await rows()).toEqual(before);
    expect(await audits('attendance.sync')).toHaveLength(2);
  });

  it('only HR may sync', async () => {
    const head = await sandboxSession(h, ids['liu.qiang']!);
    expect((await call(h, 'POST', '/api/hr/attendance/sync', { session: head })).status).toBe(403);
  });
});

describe('the today view', () => {
  it('the store head sees their store: late with minutes, not clocked in, on leave, no record; not the leaver', async () => {
    const head = await sandboxSession(h, ids['liu.qiang']!);
    const r = await call(h, 'GET', '/api/attendance/today', { session: head });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      day: today,
      unit: { name: '上海徐汇店' },
      people: 5,
      late: [{ id: ids['guo.na'], name: '郭娜 Na Guo', minutes: 14 }],
      notClockedIn: [{ id: ids['tang.li'], name: '唐莉 Li Tang' }],
      onLeave: [{ id: ids['liu.qiang'], name: '刘强 Qiang Liu' }],
      noRecord: [{ id: ids['han.bing'], name: '韩冰 Bing Han' }],
      onTime: 1,
      hr: false,
      platforms: ['dingtalk'],
    });
    expect(JSON.stringify(r.body)).not.toContain('冯雪');
    expect((r.body.units as { name: string }[]).map((u) => u.name)).toEqual(['上海徐汇店']);
  });

  it('a head asking for another store, and an employee, are refused (403); HR sees any unit; an unknown unit is 404', async () => {
    const head = await sandboxSession(h, ids['liu.qiang']!);
    const other = await call(h, 'GET', `/api/attendance/today?unit=${encodeURIComponent('杭州西湖店')}`, {
      session: head,
    });
    expect(other.status).toBe(403);
    expect(other.body.error).toBe('只有部门负责人（限其负责的部门）或 HR 可以查看考勤。');
    const employee = await sandboxSession(h, ids['guo.na']!);
    expect((await call(h, 'GET', '/api/attendance/today', { session: employee })).status).toBe(403);
    const hrSession = await sandboxSession(h, ids['lin.xiaowen']!);
    const hr = await call(h, 'GET', `/api/attendance/today?unit=${encodeURIComponent('上海徐汇店')}`, {
      session: hrSession,
    });
    expect(hr.status).toBe(200);
    expect(hr.body).toMatchObject({ unit: { name: '上海徐汇店' }, hr: true, late: [{ minutes: 14 }] });
    const whole = await call(h, 'GET', '/api/attendance/today', { session: hrSession });
    expect(whole.body.people).toBeGreaterThan(30); // the company
    expect((await call(h, 'GET', '/api/attendance/today?unit=Nowhere', { session: hrSession })).status).toBe(404);
  });

  it('/today in chat: the head gets the card in their language; an employee gets a refusal', async () => {
    const sb = sandboxClient(h);
    await sb.send(ids['liu.qiang']!, '/today');
    const text = textOf((await sb.lastBot(ids['liu.qiang']!)).html);
    expect(text).toContain('今日考勤 · 上海徐汇店');
    expect(text).toContain('郭娜 Na Guo（14 分钟）');
    expect(text).toContain('未打卡');
    expect(text).toContain('唐莉 Li Tang');
    expect(text).not.toContain('冯雪');
    await sb.send(ids['guo.na']!, '/today');
    expect(textOf((await sb.lastBot(ids['guo.na']!)).html)).toContain('只有部门负责人');
  });
});

describe('CSV import', () => {
  it('a file with bad lines is refused whole, each line named; nothing written, nothing audited', async () => {
    const hr = await sandboxSession(h, ids['lin.xiaowen']!);
    const before = await rows();
    const csv = [
      'employee,day,status,late_minutes',
      `huang.jing@qingyun.example,${yesterday},late,9`,
      `nobody@qingyun.example,${yesterday},late,5`,
      `feng.xue@qingyun.example,${yesterday},on_time,`,
      `${ids['song.tao']},2026-02-30,on_time,`,
      `song.tao@qingyun.example,${yesterday},sleeping,`,
    ].join('\n');
    const r = await call(h, 'POST', '/api/hr/attendance/import', { session: hr, body: { csv } });
    expect(r.status).toBe(400);
    expect(r.body.problems).toEqual([
      // In the reader's language (HR reads Chinese).
      { line: 3, message: '第 3 行：找不到“nobody@qingyun.example”。' },
      { line: 4, message: '第 4 行：冯雪 Xue Feng 已离职，离职后的考勤不予记录。' },
      { line: 5, message: '第 5 行：“2026-02-30”不是日期（YYYY-MM-DD）。' },
      {
        line: 6,
        message: '第 6 行：“sleeping”不是有效状态（on_time、late、early_leave、absent、on_leave、not_clocked_in）。',
      },
    ]);
    expect(await rows()).toEqual(before);
    expect(await audits('attendance.import')).toEqual([]);
  });

  it('a good file is written and audited; the same file again changes nothing; only HR may import', async () => {
    const hr = await sandboxSession(h, ids['lin.xiaowen']!);
    const csv = [
      'employee,day,status,late_minutes',
      `huang.jing@qingyun.example,${yesterday},迟到,9`,
      `${ids['song.tao']},${yesterday},on_leave,`,
    ].join('\n');
    const first = await call(h, 'POST', '/api/hr/attendance/import', { session: hr, body: { csv } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ written: 2, people: 2 });
    const after = await rows();
    expect(after.find((x) => x.person_id === ids['huang.jing'])).toMatchObject({
      day: yesterday,
      status: 'late',
      late_minutes: 9,
      source: 'csv',
    });
    const again = await call(h, 'POST', '/api/hr/attendance/import', { session: hr, body: { csv } });
    expect(again.status).toBe(200);
    expect(await rows()).toEqual(after);
    const audited = await audits('attendance.import');
    expect(audited.map((a) => JSON.parse(a.detail!))).toEqual([
      { rows: 2, people: 2 },
      { rows: 2, people: 2 },
    ]);
    const head = await sandboxSession(h, ids['liu.qiang']!);
    expect((await call(h, 'POST', '/api/hr/attendance/import', { session: head, body: { csv } })).status).toBe(403);
  });
});
