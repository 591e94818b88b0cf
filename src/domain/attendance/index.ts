// Attendance (issue 25 §1): what other features may use. The status page reads only attendanceWeeks.
export { classifyDay, type AttendanceStatus, type PunchDay, type PunchResult } from './classify.js';
export {
  attendanceOn,
  attendanceWeeks,
  upsertAttendance,
  type AttendanceRow,
  type AttendanceOrigin,
  type AttendanceWeek,
} from './attendance-days.js';
export { applyPlatformAttendance, attendancePeople, type AttendanceSyncReport } from './attendance-sync.js';
export { importAttendanceCsv, type AttendanceCsvError, type AttendanceImportResult } from './attendance-csv.js';
export { mayOpenToday, todayView, type TodayView } from './today.js';
