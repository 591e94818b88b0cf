// DingTalk's attendance/list (打卡结果) in the emulator, with the documented bounds: userIdList ≤ 50,
// workDateFrom/workDateTo "yyyy-MM-dd HH:mm:ss" at most 7 days apart, limit ≤ 50 with offset, hasMore.
// Answers as the oapi does ({errcode, errmsg, hasMore, recordresult}); a punch record per OnDuty/OffDuty,
// epoch-ms times. A user with no punches has no records; that is not an error.

export type DingTalkTimeResult = 'Normal' | 'Early' | 'Late' | 'SeriousLate' | 'Absenteeism' | 'NotSigned';

export interface EmuPunch {
  userId: string;
  /** YYYY-MM-DD in Asia/Shanghai (the emulated company's zone). */
  day: string;
  checkType: 'OnDuty' | 'OffDuty';
  timeResult: DingTalkTimeResult;
  /** Minutes after (or before, negative) the shift's time the punch was made. */
  offsetMinutes?: number;
}

const ZONE_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai, no DST
const DAY_MS = 86_400_000;
const workDateMs = (day: string) => Date.parse(`${day}T00:00:00Z`) - ZONE_OFFSET_MS;
const parseWorkDate = (s: unknown) =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s)
    ? Date.parse(`${s.replace(' ', 'T')}Z`) - ZONE_OFFSET_MS
    : NaN;

export function attendanceList(
  body: Record<string, unknown>,
  punches: readonly EmuPunch[],
): { errcode: number; errmsg: string; [k: string]: unknown } {
  const ids = Array.isArray(body.userIdList) ? body.userIdList.filter((x): x is string => typeof x === 'string') : [];
  const from = parseWorkDate(body.workDateFrom);
  const to = parseWorkDate(body.workDateTo);
  const limit = Number(body.limit);
  const offset = Number(body.offset);
  if (ids.length === 0 || ids.length > 50) return { errcode: 400002, errmsg: 'userIdList 不能为空且不能超过50个' };
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to)
    return { errcode: 400002, errmsg: 'workDateFrom 或 workDateTo 不合法' };
  if (to - from > 7 * DAY_MS) return { errcode: 400002, errmsg: '查询的时间跨度不能超过7天' };
  if (!(limit >= 1 && limit <= 50) || !(offset >= 0)) return { errcode: 400002, errmsg: 'limit 不合法' };
  const all = punches
    .filter((p) => ids.includes(p.userId))
    .filter((p) => workDateMs(p.day) >= from && workDateMs(p.day) <= to)
    .map((p, i) => {
      const base = workDateMs(p.day) + (p.checkType === 'OnDuty' ? 9 : 18) * 3_600_000;
      return {
        id: 1000 + i,
        groupId: 1,
        planId: 2000 + i,
        recordId: 3000 + i,
        workDate: workDateMs(p.day),
        userId: p.userId,
        checkType: p.checkType,
        timeResult: p.timeResult,
        locationResult: p.timeResult === 'NotSigned' ? 'NotSigned' : 'Normal',
        baseCheckTime: base,
        userCheckTime: base + (p.offsetMinutes ?? 0) * 60_000,
        sourceType: p.timeResult === 'NotSigned' ? 'SYSTEM' : 'USER',
      };
    });
  const page = all.slice(offset, offset + limit);
  return { errcode: 0, errmsg: 'ok', hasMore: offset + limit < all.length, recordresult: page };
}
