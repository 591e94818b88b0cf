// Mini-app strings of the layout (issue 19 item 5): the header's account menu, the phone's bottom tab bar,
// the desktop sidebar's groups, the approvals centre's tabs and the audit log's table and pages
// (merged into ../en.ts).
export const layoutEn = {
  'layout.account': 'Account: {name}',
  'layout.nav': 'Main menu',
  'layout.tabbar': 'Sections',
  'layout.me': 'Me',
  'layout.manage': 'Manage',
  'layout.group.mine': 'For me',
  'layout.group.team': 'Teams',
  'layout.group.hr': 'HR',
  'layout.me.points': 'Points',
  'layout.manage.none': 'Nothing to manage with your roles.',

  'layout.approvals.tabs': 'Approval lists',
  'layout.approvals.tab.waiting': 'Waiting on me',
  'layout.approvals.tab.done': 'Decided by me',
  'layout.approvals.tab.mine': 'Sent by me',
  'layout.approvals.none.done': 'You have not decided any request yet.',
  'layout.approvals.none.mine': 'You have not sent any request yet.',
  'layout.approvals.list': 'Requests',
  'layout.approvals.pick': 'Choose a request in the list to see it here.',

  'layout.adjust.open': 'Adjust points…',
  'layout.adjust.points': 'Points ({min}–{max})',
  'layout.adjust.reason': 'Why the change',
  'layout.adjust.hint': 'Claimed: {points} points. The applicant sees the new figure and your reason.',
  'layout.adjust.confirm': 'Approve with these points',

  'layout.audit.when': 'When',
  'layout.audit.what': 'What happened',
  'layout.audit.details': 'Details',
  'layout.audit.range': '{from}–{to} of {total}',
  'layout.audit.pages': 'Pages of the audit log',
  'layout.audit.previous': 'Previous',
  'layout.audit.next': 'Next',
  'layout.demo.badge': 'Demo data',
  'layout.demo.hint':
    'A generated demo company: its people, answers, requests and history are made up, so you can look around.',
} as const;
