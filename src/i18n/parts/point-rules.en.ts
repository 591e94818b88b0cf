// English: claim caps, the duplicate flag on a claim, leaderboards by calendar period (issue 24, points).
export const pointRulesEn = {
  'points.cap.person_day':
    'Not submitted: you can make at most {limit} point claims a day, and you have reached it. You can claim again from {resets}.',
  'points.cap.person_month':
    'Not submitted: you can make at most {limit} point claims a month, and you have reached it. You can claim again from {resets}.',
  'points.cap.tag_day':
    'Not submitted: you can make at most {limit} claims a day for “{tag}”, and you have reached it. You can claim it again from {resets}.',
  'points.cap.tag_month':
    'Not submitted: you can make at most {limit} claims a month for “{tag}”, and you have reached it. You can claim it again from {resets}.',
  'points.caps.title': 'Point claim caps',
  'points.caps.saved': 'Point claim caps saved',
  'points.caps.anyTag': 'Any tag',
  'points.caps.limits': '{day} a day, {month} a month',
  'points.caps.noCap': 'no cap',
  'points.caps.usage':
    '/points caps — show the caps · /points caps day|month <1–{max}> — claims per person, any tag · /points caps <tag> day|month <1–{max}> — claims per person for one tag · a dash instead of the number removes a cap',
  'points.caps.error.not_positive': 'A cap must be at least 1. Leave it empty for no cap.',
  'points.caps.error.invalid': 'A cap is a whole number from 1 to {max}. Leave it empty for no cap.',
  'points.caps.error.duplicate_tag': 'This tag is listed twice; give each tag one row.',
  'points.caps.error.unknown_tag': 'There is no value tag #{id}.',
  'audit.kind.settings.point_caps': 'Changed point claim caps',
  'audit.did.settings.point_caps': 'changed the caps on point claims',
  'points.similar.line': '⚠️ Similar to {name}’s claim of {date} ({ref}): “{text}”',
  'points.calendar.week': 'this week (from {label})',
  'points.calendar.month': 'this month ({label})',
  'points.calendar.quarter': 'this quarter ({label})',
  'points.calendar.year': 'this year ({label})',
  'cmd.leaderboard.summary': 'Leaderboard by calendar period: /leaderboard [month|quarter|year|week|all] [unit]',
  'points.calendar.all': 'all time',
} as const;
