// Mini-app strings for accessibility (issue 19): the skip link, survey scale anchors and progress, chart
// text equivalents and the eNPS explanation (merged into ../en.ts).
export const a11yEn = {
  'pa.fu.scope': 'Show',
  'role.employee': 'Employee',
  'role.manager': 'Manager',
  'role.hr': 'HR',
  'role.admin': 'Admin',
  'a11y.skip': 'Skip to main content',
  'survey.anchor.agree.low': 'Strongly disagree',
  'survey.anchor.agree.high': 'Strongly agree',
  'survey.anchor.likely.low': 'Not at all likely',
  'survey.anchor.likely.high': 'Extremely likely',
  'survey.progress': 'Answered {done} of {total}',
  'survey.question': 'Question {n} of {total}',
  'chart.values': 'Show the numbers',
  'chart.item': 'Item',
  'chart.value': 'Value',
  'chart.notShown': 'not shown',
  'chart.none': 'Nothing to chart yet.',
  'chart.allZero': 'Nothing to chart yet: every value is 0.',
  'chart.onePoint': 'Only one point so far ({point}); a line appears from the second.',
  'pulse.enpsNote':
    'eNPS runs from −100 to 100: the share of promoters (9–10) minus the share of detractors (0–6). Above 0, more people would recommend working here than not.',
  'pulse.enpsBreakdown': '{promoters} promoters · {passives} passives · {detractors} detractors',
} as const;
