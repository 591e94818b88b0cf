// Delivery that respects people (issue 23 item 5): HR's delivery settings, leave, and their audit rows.
// zh-CN has the same keys (./delivery-time.zh-CN.ts).
export const deliveryTimeEn = {
  'csv.leaveIncomplete': 'Line {line}: leave needs both leave_start and leave_end (got "{start}" and "{end}").',
  'csv.leaveBadDate': 'Line {line}: leave dates must be real days as YYYY-MM-DD (got "{start}" and "{end}").',
  'csv.leaveEndsBeforeStart': 'Line {line}: the leave ends ({end}) before it starts ({start}).',
  'delivery.error.unknown_time_zone':
    'Unknown time zone "{value}": use an IANA name such as Asia/Shanghai or Europe/London. Nothing was changed.',
  'delivery.error.in_quiet_hours':
    'The delivery hour {value}:00 falls inside the quiet hours: choose another hour or other quiet hours. Nothing was changed.',
  'delivery.error.invalid':
    'The value of "{field}" is not valid (hours 0–23, at most 14 reminders a week). Nothing was changed.',
  'leave.error.unknown_employee': 'There is no such person.',
  'leave.error.leave_incomplete': 'Leave needs both a first and a last day. Nothing was changed.',
  'leave.error.leave_bad_date': 'Leave dates must be real days (YYYY-MM-DD). Nothing was changed.',
  'leave.error.leave_ends_before_start': 'The leave ends before it starts. Nothing was changed.',
  'audit.kind.settings.delivery': 'Changed survey delivery times',
  'audit.did.settings.delivery': 'changed when survey cards and reminders are delivered',
  'audit.kind.org.leave': 'Set leave',
  'audit.did.org.leave': 'set the leave of {subject}',
  'audit.field.localHour': 'Local delivery hour',
  'audit.field.quietFrom': 'Quiet from',
  'audit.field.quietTo': 'Quiet until',
  'audit.field.skipWeekends': 'Weekends skipped',
  'audit.field.weeklyReminderCap': 'Reminders a week at most',
  'audit.field.onLeave': 'Left out (on leave)',
  'audit.field.held': 'Cards waiting for local time',
  'audit.field.notInTime': 'Not asked (no delivery time before the close)',
  'audit.field.capped': 'Over the weekly reminder cap',
  'audit.field.cleared': 'Cleared',
  'audit.field.peopleRejected': 'Time zone or leave not applied',
  'survey.launched.onLeave': '{count} on leave during the survey were left out: not asked, not counted.',
  'survey.launched.held':
    '{count} cards wait for each person’s delivery time (local hour, quiet hours, weekends, leave).',
  'survey.launched.notInTime': '{count} could not be reached at an allowed time before the close: not asked.',
} as const;
