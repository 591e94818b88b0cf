// The "today" attendance page (issue 25 §1): a unit head's view of their units, HR's import and sync.
// zh-CN has the same keys (./attendance.zh-CN.ts).
export const attendanceEn = {
  'attendance.title': 'Today’s attendance',
  'attendance.unit': 'Unit',
  'attendance.summary': '{day} · {onTime} of {people} on time',
  'attendance.late': 'Late',
  'attendance.minutes': '{minutes} min',
  'attendance.notClockedIn': 'Not clocked in',
  'attendance.absent': 'Absent',
  'attendance.earlyLeave': 'Left early',
  'attendance.onLeave': 'On leave',
  'attendance.noRecord': 'No record yet',
  'attendance.nobody': 'Nobody',
  'attendance.note':
    'From the platform’s attendance (read every hour) or HR’s CSV import. Only the unit’s heads and HR see this page.',
  'attendance.sync.title': 'Read from the platforms now',
  'attendance.sync.help':
    'Reads yesterday and today from {platforms} for everyone linked there (it also runs every hour).',
  'attendance.sync.none': 'No platform with attendance is connected: use the CSV import below.',
  'attendance.sync.submit': 'Sync now',
  'attendance.import.title': 'Import from CSV',
  'attendance.import.help':
    'One line per person and day: employee (work e-mail or number), day (YYYY-MM-DD), status (on_time, late, early_leave, absent, on_leave, not_clocked_in) and, for a late day, the minutes. One bad line and nothing is imported.',
  'attendance.import.text': 'CSV',
  'attendance.import.submit': 'Import',
  'attendance.import.done': 'Imported {written} day(s) for {people} person(s).',
} as const;
