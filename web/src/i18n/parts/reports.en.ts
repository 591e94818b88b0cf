// The report page's heatmap controls and its summary by unit kind (issue 23). zh-CN has the same keys
// (./reports.zh-CN.ts).
export const reportsEn = {
  'reports.level': 'Level',
  'reports.levelN': 'Level {n}',
  'reports.levelTeams': 'Level {n} (every team)',
  'reports.kind': 'Kind',
  'reports.kindAll': 'All kinds',
  'reports.kind.department': 'HQ departments',
  'reports.kind.store': 'Stores',
  'reports.kind.mixed': 'Mixed',
  'reports.byKind': 'By kind of unit',
  'reports.kindShown': '{shown} of {units} units shown · {n} responses',
  'reports.kindNoneShown': 'None of its {units} units can be shown',
  'reports.responses': 'Responses',
} as const;
