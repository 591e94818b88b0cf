// From a platform's clock-in results to one status per person and day (pure). The adapters translate their
// own words (Feishu Normal/Late/Early/Lack/Todo/NoNeedCheck…, DingTalk Normal/Late/SeriousLate/Early/
// Absenteeism/NotSigned) into PunchResult; this file decides what the day was.
import type { ATTENDANCE_STATUSES } from '../../db/schema.js';

export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** One punch (clock-in or clock-out) as the platform judged it, in the port's words. */
export type PunchResult =
  | 'normal'
  | 'late' // Feishu Late; DingTalk Late and SeriousLate
  | 'early' // left before the shift ended (Feishu Early, DingTalk Early on OffDuty)
  | 'missing' // a required punch that never came (Feishu Lack, DingTalk NotSigned)
  | 'absent' // the platform counts the day as absence (DingTalk Absenteeism)
  | 'leave' // covered by approved leave
  | 'pending' // not yet due, or not yet punched today (Feishu Todo)
  | 'not_required'; // no punch expected (rest day, NoNeedCheck)

export interface PunchDay {
  in?: PunchResult;
  out?: PunchResult;
  /** Minutes after the shift's start the person clocked in, when late. */
  lateMinutes?: number | null;
}

/** How bad each status is: the higher, the more a store head needs to see it. */
const SEVERITY: Record<AttendanceStatus, number> = {
  on_time: 0,
  on_leave: 1,
  early_leave: 2,
  late: 3,
  not_clocked_in: 4,
  absent: 5,
};

function ofClockIn(r: PunchResult | undefined): AttendanceStatus | undefined {
  switch (r) {
    case 'normal':
      return 'on_time';
    case 'late':
      return 'late';
    case 'early': // an early arrival is on time
      return 'on_time';
    case 'missing':
    case 'pending': // today, before or after the start: nobody has seen them clock in yet
      return 'not_clocked_in';
    case 'absent':
      return 'absent';
    case 'leave':
      return 'on_leave';
    default:
      return undefined;
  }
}

function ofClockOut(r: PunchResult | undefined): AttendanceStatus | undefined {
  switch (r) {
    case 'normal':
    case 'late': // staying on is not a fault
      return 'on_time';
    case 'early':
      return 'early_leave';
    case 'missing':
      return 'not_clocked_in';
    case 'absent':
      return 'absent';
    case 'leave':
      return 'on_leave';
    default: // pending: the shift has not ended yet; not_required: no punch expected
      return undefined;
  }
}

/**
 * The day's status: the worse of the clock-in and the clock-out. A day is one fact on the head's "today" view
 * and one count in a trend, and a late arrival is not made good by leaving on time (nor a missing clock-out by
 * an on-time arrival), so the punch that needs attention decides. Undefined when the day expected no punch at
 * all (a rest day): that is no row, not an "absent".
 */
export function classifyDay(day: PunchDay): { status: AttendanceStatus; lateMinutes: number | null } | undefined {
  const candidates = [ofClockIn(day.in), ofClockOut(day.out)].filter((s): s is AttendanceStatus => s !== undefined);
  if (candidates.length === 0) return undefined;
  const status = candidates.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a));
  // Kept whenever the arrival was late, even if a worse punch decides the day: the trend sums late minutes.
  const lateMinutes =
    day.in === 'late' && day.lateMinutes != null && day.lateMinutes >= 0 ? Math.round(day.lateMinutes) : null;
  return { status, lateMinutes };
}
