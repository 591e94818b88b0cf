// Attendance (issue 25 §1): what other features may use. The status page reads only attendanceWeeks.
export { classifyDay, type AttendanceStatus, type PunchDay, type PunchResult } from './classify.js';
export {
  attendanceOn,
  attendanceWeeks,
  upsertAttendance,
  type AttendanceRow,
  type AttendanceSource,
  type AttendanceWeek,
} from './attendance-days.js';
