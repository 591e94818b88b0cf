// English strings of the leave section of HR's org page (merged into ../en.ts). org-leave.zh-CN.ts has the same keys.
export const orgLeaveEn = {
  'orgLeave.title': 'Leave',
  'orgLeave.help':
    'People on leave get no survey cards or reminders, and a wave whose days overlap their leave leaves them out: not asked, not counted.',
  'orgLeave.search': 'Find a person (name or email)',
  'orgLeave.none': 'No one matches.',
  'orgLeave.pick': 'Choose',
  'orgLeave.for': 'Leave of {name}',
  'orgLeave.from': 'First day',
  'orgLeave.until': 'Last day',
  'orgLeave.save': 'Save leave',
  'orgLeave.clear': 'Clear leave',
  'orgLeave.saved': 'Leave of {name} saved: {from} – {until}.',
  'orgLeave.cleared': 'Leave of {name} cleared.',
  'orgLeave.list': 'On leave now or soon',
  'orgLeave.empty': 'No one is on leave.',
  'orgLeave.range': '{from} – {until}',
  'orgLeave.clearOf': 'Clear the leave of {name}',
};
