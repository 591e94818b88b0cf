// Comment themes in the chat report (issue 23): the line beside a published comment list. The mini-app has its
// own names (web reports.theme.*). zh-CN has the same keys (./report-themes.zh-CN.ts).
export const reportThemesEn = {
  'report.themes': 'Themes',
  'report.theme.workload': 'Workload',
  'report.theme.schedule': 'Schedules and rest',
  'report.theme.pay': 'Pay and benefits',
  'report.theme.management': 'Management',
  'report.theme.communication': 'Communication',
  'report.theme.teamwork': 'Teamwork',
  'report.theme.growth': 'Training and growth',
  'report.theme.recognition': 'Recognition',
  'report.theme.tools': 'Tools and processes',
} as const;
