// Feishu attendance (考勤) → the port's attendance days. Two calls per batch of up to 50 people:
// 1. contact/v3/users/batch (GET, user_ids ≤ 50, user_id_type=open_id): the attendance API speaks employee ids
//    ("employee_type: employee_id", the admin console's 用户 ID = contact's user_id), the directory speaks open_ids;
//    needs contact:user.employee_id:readonly.
// 2. attendance/v1/user_tasks/query (POST, user_ids ≤ 50, check_date_from/to as yyyyMMdd integers,
//    ignore_invalid_users so one unknown id does not fail the batch); scope attendance:task:readonly, 50 calls/s.
// https://open.feishu.cn/document/server-docs/attendance-v1/user_task/query
// A throttled call (HTTP 429 / code 99991400) waits x-ogw-ratelimit-reset and is retried (errors.ts, the same
// rules as the outbox); anything else throws, and the sync reports it.
import { z } from 'zod';
import type { AttendanceSource, PlatformAttendanceDay, PunchResult } from '../../src/bot/port.js';
import { retryWhenThrottled } from '../../src/bot/throttle-retry.js';
import type { FeishuClient } from './client.js';
import { checkBody, FeishuApiError, toDeliveryError } from './errors.js';

/** user_tasks/query and users/batch: "user_ids … 长度不超过 50". */
export const FEISHU_ATTENDANCE_BATCH = 50;
/** Our own window per query: a month, as user_stats allows ("起止跨度 ≤ 31 天"); the task query documents none. */
export const FEISHU_ATTENDANCE_DAYS = 31;

const usersBatchSchema = z.object({
  data: z.object({
    items: z.array(z.object({ open_id: z.string().optional(), user_id: z.string().optional() }).loose()).default([]),
  }),
});

const recordSchema = z
  .object({
    check_in_result: z.string().default(''),
    check_out_result: z.string().default(''),
    check_in_result_supplement: z.string().optional(),
    check_out_result_supplement: z.string().optional(),
    check_in_shift_time: z.string().optional(),
    check_in_record: z.object({ check_time: z.string().optional() }).loose().optional(),
  })
  .loose();
const tasksSchema = z.object({
  data: z
    .object({
      user_task_results: z
        .array(z.object({ user_id: z.string(), day: z.number(), records: z.array(recordSchema).default([]) }).loose())
        .default([]),
    })
    .loose(),
});

/** One punch's result in the port's words; a Leave supplement (approved leave) outranks the raw result. */
export function feishuPunch(result: string, supplement: string | undefined): PunchResult | undefined {
  if (supplement === 'Leave') return 'leave';
  // check_in_result / check_out_result: NoNeedCheck, SystemCheck, Normal, Early, Late, SeriousLate, Lack, Todo.
  switch (result) {
    case 'Normal':
    case 'SystemCheck': // punched by the system (e.g. a shift that needs no clock-in of its own)
      return 'normal';
    case 'Early':
      return 'early';
    case 'Late':
    case 'SeriousLate':
      return 'late';
    case 'Lack':
      return 'missing';
    case 'Todo':
      return 'pending';
    case 'NoNeedCheck':
      return 'not_required';
    default:
      return undefined;
  }
}

/** yyyyMMdd (the API's day) ↔ YYYY-MM-DD. */
export const toFeishuDay = (day: string): number => Number(day.replaceAll('-', ''));
export const fromFeishuDay = (n: number): string => {
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** A user's task results → one day each. With several shifts in a day, the first shift's clock-in is the
 *  arrival and the last shift's clock-out the departure. */
export function feishuDays(
  openIdOf: ReadonlyMap<string, string>,
  results: z.infer<typeof tasksSchema>['data']['user_task_results'],
): PlatformAttendanceDay[] {
  const out: PlatformAttendanceDay[] = [];
  for (const r of results) {
    const externalUserId = openIdOf.get(r.user_id);
    const first = r.records[0];
    const last = r.records[r.records.length - 1];
    if (!externalUserId || !first || !last) continue;
    const inResult = feishuPunch(first.check_in_result, first.check_in_result_supplement);
    const outResult = feishuPunch(last.check_out_result, last.check_out_result_supplement);
    const shift = Number(first.check_in_shift_time);
    const punched = Number(first.check_in_record?.check_time);
    const lateMinutes =
      inResult === 'late' && Number.isFinite(shift) && Number.isFinite(punched) && shift > 0 && punched > 0
        ? Math.max(0, Math.round((punched - shift) / 60))
        : null;
    out.push({
      externalUserId,
      day: fromFeishuDay(r.day),
      ...(inResult ? { in: inResult } : {}),
      ...(outResult ? { out: outResult } : {}),
      lateMinutes,
    });
  }
  return out;
}

export interface FeishuAttendanceOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Calls per request when throttled: the first and the retries. */
  maxAttempts?: number;
  /** A reset further away than this is not waited for: the sync fails and says so. */
  maxWaitMs?: number;
}

export function feishuAttendance(client: FeishuClient, opts: FeishuAttendanceOptions = {}): AttendanceSource {
  const retry = { maxAttempts: opts.maxAttempts ?? 5, maxWaitMs: opts.maxWaitMs ?? 60_000, sleep: opts.sleep };
  const call = async <T>(api: string, schema: z.ZodType<T>, run: () => Promise<unknown>): Promise<T> =>
    retryWhenThrottled(async () => {
      let body: unknown;
      try {
        body = await run();
        checkBody(api, body);
      } catch (e) {
        throw toDeliveryError(e, api);
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new FeishuApiError(api, 200, 0, 'unexpected answer shape');
      return parsed.data;
    }, retry);

  return {
    async fetchDays(people, fromDay, toDay) {
      const openIds = [...new Set(people.map((p) => p.externalUserId))];
      const days: PlatformAttendanceDay[] = [];
      for (let i = 0; i < openIds.length; i += FEISHU_ATTENDANCE_BATCH) {
        const chunk = openIds.slice(i, i + FEISHU_ATTENDANCE_BATCH);
        const users = await call('contact.v3.user.batch', usersBatchSchema, () =>
          client.sdk.contact.v3.user.batch({ params: { user_ids: chunk, user_id_type: 'open_id' } }),
        );
        const openIdOf = new Map<string, string>();
        for (const u of users.data.items) if (u.user_id && u.open_id) openIdOf.set(u.user_id, u.open_id);
        if (openIdOf.size === 0) continue;
        for (let from = fromDay; from <= toDay; from = addDays(from, FEISHU_ATTENDANCE_DAYS)) {
          const last = addDays(from, FEISHU_ATTENDANCE_DAYS - 1);
          const to = last < toDay ? last : toDay;
          const res = await call('attendance.v1.userTask.query', tasksSchema, () =>
            client.sdk.attendance.v1.userTask.query({
              params: { employee_type: 'employee_id', ignore_invalid_users: true },
              data: {
                user_ids: [...openIdOf.keys()],
                check_date_from: toFeishuDay(from),
                check_date_to: toFeishuDay(to),
              },
            }),
          );
          days.push(...feishuDays(openIdOf, res.data.user_task_results));
        }
      }
      return days;
    },
  };
}
