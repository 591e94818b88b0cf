// DingTalk attendance (考勤) → the port's attendance days.
// - POST oapi /attendance/list (打卡结果): workDateFrom/workDateTo "yyyy-MM-dd HH:mm:ss" at most 7 days apart,
//   userIdList ≤ 50, offset/limit (limit ≤ 50) paged while hasMore. Each record is one punch: checkType
//   OnDuty/OffDuty, timeResult Normal, Early, Late, SeriousLate, Absenteeism (旷工迟到), NotSigned (未打卡);
//   baseCheckTime (the shift's time) and userCheckTime (the punch), workDate, all epoch ms.
// - POST oapi /topapi/attendance/getleavestatus (the call the directory already makes): approved leave over
//   the window, so a day on leave reads "on leave" rather than "not clocked in". Skipped when the app may not
//   read it (as the directory does).
// Throttling (HTTP 429, errcode 90002/90018/90019, the IP ban) is waited out as api-client.ts classifies it.
import { z } from 'zod';
import type { AttendanceSource, PlatformAttendanceDay, PunchResult } from '../../src/bot/port.js';
import { DeliveryError } from '../../src/bot/port.js';
import { retryWhenThrottled } from '../../src/bot/throttle-retry.js';
import type { DingTalkApi } from './api-client.js';

/** attendance/list: "userIdList … 最多不能超过50个". */
export const DINGTALK_ATTENDANCE_USERS = 50;
/** attendance/list: "limit … 最大50". */
export const DINGTALK_ATTENDANCE_PAGE = 50;
/** attendance/list: "workDateFrom和workDateTo的间隔不能超过7天" — a window of 7 days counted from its first. */
export const DINGTALK_ATTENDANCE_WINDOW_DAYS = 7;
const LEAVE_USERS = 100; // getleavestatus: "userid_list … 最多100个"
const LEAVE_PAGE = 20; // getleavestatus: "size … 最大20"

const recordSchema = z
  .object({
    userId: z.string(),
    workDate: z.number(),
    checkType: z.string(),
    timeResult: z.string(),
    baseCheckTime: z.number().optional(),
    userCheckTime: z.number().optional(),
  })
  .loose();
const listSchema = z.object({ hasMore: z.boolean().default(false), recordresult: z.array(recordSchema).default([]) });
const leaveSchema = z.object({
  result: z.object({
    has_more: z.boolean(),
    leave_status: z
      .array(z.object({ userid: z.string(), start_time: z.number(), end_time: z.number() }).loose())
      .default([]),
  }),
});

export function dingtalkPunch(timeResult: string): PunchResult | undefined {
  switch (timeResult) {
    case 'Normal':
      return 'normal';
    case 'Early':
      return 'early';
    case 'Late':
    case 'SeriousLate':
      return 'late';
    case 'Absenteeism':
      return 'absent';
    case 'NotSigned':
      return 'missing';
    default:
      return undefined;
  }
}

function dayIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(ms);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (
    Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(ms / 1000) * 1000
  );
}

/** The instant a calendar day starts in the zone (getleavestatus takes instants). */
function startOf(day: string, timeZone: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  return utc - offsetAt(utc - offsetAt(utc, timeZone), timeZone);
}

/** Punch records → days: OnDuty is the arrival (the first of the day), OffDuty the departure (the last). */
export function dingtalkDays(
  records: readonly z.infer<typeof recordSchema>[],
  timeZone: string,
): Map<string, PlatformAttendanceDay> {
  const days = new Map<string, PlatformAttendanceDay>();
  const sorted = [...records].sort((a, b) => (a.baseCheckTime ?? 0) - (b.baseCheckTime ?? 0));
  for (const r of sorted) {
    const day = dayIn(r.workDate, timeZone);
    const key = `${r.userId} ${day}`;
    const d = days.get(key) ?? { externalUserId: r.userId, day, lateMinutes: null };
    const punch = dingtalkPunch(r.timeResult);
    if (r.checkType === 'OnDuty' && d.in === undefined && punch) {
      d.in = punch;
      if (punch === 'late' && r.userCheckTime !== undefined && r.baseCheckTime !== undefined)
        d.lateMinutes = Math.max(0, Math.round((r.userCheckTime - r.baseCheckTime) / 60_000));
    }
    if (r.checkType === 'OffDuty' && punch) d.out = punch;
    days.set(key, d);
  }
  return days;
}

export interface DingTalkAttendanceOptions {
  timeZone: string;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  maxWaitMs?: number;
}

export function dingtalkAttendance(api: DingTalkApi, opts: DingTalkAttendanceOptions): AttendanceSource {
  const retry = { maxAttempts: opts.maxAttempts ?? 5, maxWaitMs: opts.maxWaitMs ?? 60_000, sleep: opts.sleep };
  const oapi = <S extends z.ZodType>(path: string, payload: unknown, schema: S) =>
    retryWhenThrottled(() => api.oapi(path, payload, schema), retry);

  async function leaves(userIds: string[], fromDay: string, toDay: string) {
    const out: { userid: string; start_time: number; end_time: number }[] = [];
    const start_time = startOf(fromDay, opts.timeZone);
    const end_time = startOf(addDays(toDay, 1), opts.timeZone);
    try {
      for (let i = 0; i < userIds.length; i += LEAVE_USERS) {
        const userid_list = userIds.slice(i, i + LEAVE_USERS).join(',');
        for (let offset = 0; ; offset += LEAVE_PAGE) {
          const { result } = await oapi(
            '/topapi/attendance/getleavestatus',
            { userid_list, start_time, end_time, offset, size: LEAVE_PAGE },
            leaveSchema,
          );
          out.push(...result.leave_status);
          if (!result.has_more) break;
        }
      }
    } catch (e) {
      // No permission to read leave: the days stand as punched. Throttling beyond the bounds is a failure.
      if (e instanceof DeliveryError && e.kind === 'permanent') return [];
      throw e;
    }
    return out;
  }

  return {
    async fetchDays(people, fromDay, toDay) {
      const userIds = [...new Set(people.map((p) => p.externalUserId))];
      const records: z.infer<typeof recordSchema>[] = [];
      for (let i = 0; i < userIds.length; i += DINGTALK_ATTENDANCE_USERS) {
        const userIdList = userIds.slice(i, i + DINGTALK_ATTENDANCE_USERS);
        for (let from = fromDay; from <= toDay; from = addDays(from, DINGTALK_ATTENDANCE_WINDOW_DAYS)) {
          const last = addDays(from, DINGTALK_ATTENDANCE_WINDOW_DAYS - 1);
          const to = last < toDay ? last : toDay;
          for (let offset = 0; ; offset += DINGTALK_ATTENDANCE_PAGE) {
            const page = await oapi(
              '/attendance/list',
              {
                workDateFrom: `${from} 00:00:00`,
                workDateTo: `${to} 00:00:00`,
                userIdList,
                offset,
                limit: DINGTALK_ATTENDANCE_PAGE,
                isI18n: false,
              },
              listSchema,
            );
            records.push(...page.recordresult);
            if (!page.hasMore) break;
          }
        }
      }
      const days = dingtalkDays(records, opts.timeZone);
      // Approved leave: a day it covers reads "on leave" for punches that were not made.
      for (const l of await leaves(userIds, fromDay, toDay)) {
        const first = dayIn(l.start_time, opts.timeZone);
        const last = dayIn(l.end_time - 1, opts.timeZone);
        for (let day = first < fromDay ? fromDay : first; day <= last && day <= toDay; day = addDays(day, 1)) {
          const key = `${l.userid} ${day}`;
          const d = days.get(key) ?? { externalUserId: l.userid, day, lateMinutes: null };
          const covered = (p: PunchResult | undefined) =>
            p === undefined || p === 'missing' || p === 'absent' ? 'leave' : p;
          d.in = covered(d.in);
          d.out = covered(d.out);
          days.set(key, d);
        }
      }
      return [...days.values()];
    },
  };
}
