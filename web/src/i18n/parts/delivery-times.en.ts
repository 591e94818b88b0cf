// The settings page's delivery times (issue 23 item 5). zh-CN has the same keys (./delivery-times.zh-CN.ts).
export const deliveryTimesEn = {
  'deliveryTimes.title': 'When surveys reach people',
  'deliveryTimes.help':
    'Survey cards and reminders go out in each person’s own time zone (the company’s when they have none). People on leave are skipped and not counted in waves their leave overlaps.',
  'deliveryTimes.localHour': 'Local delivery hour',
  'deliveryTimes.whenDue': 'As soon as due',
  'deliveryTimes.quiet': 'Quiet hours: nothing is delivered then',
  'deliveryTimes.quietFrom': 'Quiet from',
  'deliveryTimes.quietTo': 'Quiet until',
  'deliveryTimes.weekends': 'Nothing on Saturdays and Sundays',
  'deliveryTimes.cap': 'Reminders a person gets at most in 7 days, across all open surveys (0–{max})',
  'deliveryTimes.zone': 'Company time zone',
  'deliveryTimes.zoneHelp': 'An IANA name, e.g. Asia/Shanghai or Europe/London.',
  'org.peopleRejected':
    'Time zone or leave not applied (a time zone that does not exist, or leave ending before it starts)',
  'deliveryTimes.launch.onLeave': '{count} on leave during the survey were left out: not asked, not counted.',
  'deliveryTimes.launch.held':
    '{count} cards wait for each person’s delivery time (local hour, quiet hours, weekends, leave).',
  'deliveryTimes.launch.notInTime': '{count} could not be reached at an allowed time before the close: not asked.',
} as const;
