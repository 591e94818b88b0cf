// Feishu attendance in the emulator: contact/v3/users/batch (open_id → user_id, ≤ 50 ids) and
// attendance/v1/user_tasks/query (≤ 50 employee ids, check_date_from/to yyyyMMdd), in Feishu's answer shapes
// (the SDK's typings of user_task query: user_task_results[].records[] with check_in_result, check_out_result,
// their supplements, check_in_shift_time and check_in_record.check_time as second strings). A user with no
// tasks is simply absent from the results; ids Feishu does not know come back in invalid_user_ids.

export type FeishuCheckResult = 'NoNeedCheck' | 'SystemCheck' | 'Normal' | 'Early' | 'Late' | 'Lack' | 'Todo';

export interface EmuUserTask {
  /** The employee id (contact user_id). */
  user_id: string;
  day: string; // YYYY-MM-DD
  in: FeishuCheckResult;
  out: FeishuCheckResult;
  inSupplement?: 'Leave' | 'Travel' | 'None';
  outSupplement?: 'Leave' | 'Travel' | 'None';
  /** Epoch seconds: the shift's start and the clock-in, for a late arrival's minutes. */
  shiftStart?: number;
  checkIn?: number;
}

export interface EmuAttendanceAnswer {
  status: number;
  body: unknown;
}

export interface EmuAttendanceUsers {
  open_id: string;
  name: string;
}

const MAX_IDS = 50;
const tooMany = (field: string): EmuAttendanceAnswer => ({
  status: 400,
  body: {
    code: 99992402,
    msg: 'field validation failed',
    error: { field_violations: [{ field, description: `the max len is ${MAX_IDS}` }] },
  },
});
const ok = (data: unknown): EmuAttendanceAnswer => ({ status: 200, body: { code: 0, msg: 'success', data } });
/** The emulator's employee id of a user: its open_id without "ou_" (as the contact shape gives user_id). */
export const emuEmployeeId = (openId: string) => openId.replace('ou_', '');

export function feishuAttendanceRoute(
  method: string,
  url: URL,
  body: unknown,
  users: readonly EmuAttendanceUsers[],
  tasks: readonly EmuUserTask[],
): EmuAttendanceAnswer | undefined {
  if (method === 'GET' && url.pathname === '/open-apis/contact/v3/users/batch') {
    const ids = url.searchParams.getAll('user_ids');
    if (ids.length > MAX_IDS) return tooMany('user_ids');
    const idType = url.searchParams.get('user_id_type') ?? 'open_id';
    const items = ids.flatMap((id) => {
      const u = users.find((x) => (idType === 'user_id' ? emuEmployeeId(x.open_id) : x.open_id) === id);
      return u
        ? [{ open_id: u.open_id, user_id: emuEmployeeId(u.open_id), union_id: `on_${u.open_id}`, name: u.name }]
        : [];
    });
    return ok({ items });
  }
  if (method === 'POST' && url.pathname === '/open-apis/attendance/v1/user_tasks/query') {
    if (
      url.searchParams.get('employee_type') !== 'employee_id' &&
      url.searchParams.get('employee_type') !== 'employee_no'
    )
      return { status: 400, body: { code: 1220001, msg: 'param is invalid: employee_type' } };
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const ids = Array.isArray(b['user_ids']) ? b['user_ids'].filter((x): x is string => typeof x === 'string') : [];
    if (ids.length > MAX_IDS) return tooMany('user_ids');
    const from = Number(b['check_date_from']);
    const to = Number(b['check_date_to']);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from > to)
      return { status: 400, body: { code: 1220001, msg: 'param is invalid: check_date' } };
    const known = new Set(users.map((u) => emuEmployeeId(u.open_id)));
    const invalid = ids.filter((id) => !known.has(id));
    if (invalid.length && url.searchParams.get('ignore_invalid_users') !== 'true')
      return { status: 400, body: { code: 1220600, msg: 'invalid user ids' } };
    const asNumber = (day: string) => Number(day.replaceAll('-', ''));
    const user_task_results = tasks
      .filter((t) => ids.includes(t.user_id) && asNumber(t.day) >= from && asNumber(t.day) <= to)
      .map((t, i) => ({
        result_id: `r${i}`,
        user_id: t.user_id,
        employee_name: users.find((u) => emuEmployeeId(u.open_id) === t.user_id)?.name ?? '',
        day: asNumber(t.day),
        group_id: 'g1',
        shift_id: 's1',
        records: [
          {
            check_in_record_id: t.checkIn ? `in${i}` : '',
            ...(t.checkIn
              ? {
                  check_in_record: {
                    user_id: t.user_id,
                    creator_id: t.user_id,
                    location_name: 'Store',
                    check_time: String(t.checkIn),
                    comment: '',
                  },
                }
              : {}),
            check_out_record_id: '',
            check_in_result: t.in,
            check_out_result: t.out,
            check_in_result_supplement: t.inSupplement ?? 'None',
            check_out_result_supplement: t.outSupplement ?? 'None',
            ...(t.shiftStart ? { check_in_shift_time: String(t.shiftStart) } : {}),
          },
        ],
      }));
    return ok({ user_task_results, invalid_user_ids: invalid, unauthorized_user_ids: [] });
  }
  return undefined;
}
