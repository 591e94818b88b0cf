// Turnover by unit and unit kind (issue 25 §6): the chat card, the mini-app page and their errors.
// zh-CN has the same keys (./turnover.zh-CN.ts).
export const turnoverEn = {
  'audit.kind.settings.turnover_threshold': 'Changed the turnover threshold',
  'audit.did.settings.turnover_threshold': 'changed the turnover threshold',
  'turnover.title': 'Turnover · last {days} days',
  'turnover.row': '{flag}**{unit}** · {headcount} people · {leavers} left · rate {rate} ({annual} a year)',
  'turnover.moves': 'moved out {out} · moved in {in} · joined {joined}',
  'turnover.flag': '⚠ ',
  'turnover.total': 'Whole {unit}: {leavers} left of about {headcount} people · {annual} a year',
  'turnover.pulse': 'Pulse ({wave}): {dims} · {n} answers',
  'turnover.pulseHidden': 'Pulse ({wave}): not shown (fewer than the anonymity threshold)',
  'turnover.flagged': '{n} store(s) at or over {threshold} a year: {units}',
  'turnover.none': 'No units at this level.',
  'turnover.note':
    'Leavers come from the directory; transfers between units are moves, not turnover. Pulse figures follow the report’s anonymity rules.',
  'turnover.error.days': 'Give the period in days, from 1 to 3650.',
  'turnover.error.unit': 'There is no such unit.',
  'turnover.error.threshold': 'The threshold is a yearly rate above 0% and at most 500%.',
  'turnover.error.forbidden': 'Only HR can see turnover.',
} as const;
