// The approval flow editor's diagram (issue 24). zh-CN has the same keys (./flow-diagram.zh-CN.ts).
export const flowDiagramEn = {
  'fd.title': 'The flow at a glance',
  'fd.hint': 'Updates as you edit. A dashed line is the way past a step whose condition does not hold.',
  'fd.start': 'The applicant submits',
  'fd.end': 'Approved',
  'fd.unnamed': 'Step {n} (no name yet)',
  'fd.by': 'Decided by {who}',
  'fd.onlyWhen': 'Only when {field} {op} {value}; otherwise skipped',
  'fd.rejectEnds': 'Reject ends the request',
  'fd.rejectReturns': 'Can be returned to the applicant for changes',
  'fd.then': 'Then: {step}',
  'fd.unreachable': 'Never reached: a step above jumps past it',
  'fd.broken': 'This flow does not reach an end as drawn: check each step’s “Next step”.',
  'fd.somePerson': 'a person not chosen yet',
  'fd.someUnit': 'a unit not chosen yet',
} as const;
