// Reports in chat added by issue 23: the trend across waves (/report trend [unit]). zh-CN has the same keys
// (./reports.zh-CN.ts).
export const reportsEn = {
  'reports.trend.title': 'Trend',
  'reports.trend.unit': 'Unit',
  'reports.trend.waves': 'Waves',
  'reports.trend.participation': 'Participation',
  'reports.trend.none': 'No wave of this survey has asked anyone in this unit yet.',
  'reports.trend.noneShown': 'not shown in any wave',
  'reports.trend.legend':
    'The last {n} waves, oldest first; {gap} = not shown (still open, or fewer than {k} answers, to protect anonymity).',
  'reports.trend.unknownUnit':
    'There is no unit called "{unit}". Give its name or path as in /org, e.g. /report trend Stores.',
  'audit.kind.settings.report_targets': 'Changed the report targets',
  'audit.did.settings.report_targets': 'changed the report targets',
  'reports.targets.badInput':
    'Targets not saved: participation and follow-ups resolved are shares from 0 to 1, satisfaction an average from 1 to 5.',
  'reports.heatmap.level': 'level {level}',
  'reports.heatmap.byKind': 'By kind of unit (shown units only)',
  'reports.kind.department': 'HQ departments',
  'reports.kind.store': 'Stores',
  'reports.kind.mixed': 'Mixed',
} as const;
