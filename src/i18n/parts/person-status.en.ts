// English: a person's status page (issue 25 §1) and the CSV paste of indicator values.
export const personStatusEn = {
  'status.error.forbidden':
    'Only HR and the managers above this person (their manager, and the heads of their units) may open their status page.',
  'status.error.self':
    'Your status page is for your managers and HR. Your own ratings, points and training are on your pages in the app.',
  'status.error.not_found': 'There is nobody with this number in the organisation.',
  'status.error.no_signal':
    'Nothing on this page calls for that conversation now: the facts behind the signal have changed. Reload the page.',
  'status.error.no_manager': 'This person has no manager and there is no HR to hold the conversation.',
  'status.signal.rating_and_late':
    '{dimension} fell in two cycles in a row ({scores}), and late arrivals rose three weeks running ({late} late arrivals, weeks {from} to {to}).',
  'status.signal.rating_and_tasks':
    '{dimension} fell in two cycles in a row ({scores}), and task completion fell two months running ({values}, {from} to {to}).',
  'status.training.requested': 'Requested',
  'status.training.enrolled': 'Enrolled',
  'status.training.attended': 'Attended',
  'status.training.completed': 'Completed',
  'cmd.status.summary': 'the status page of a person you manage (managers and HR)',
  'status.chat.usage': 'Write /status and a colleague’s name, e.g. /status Qing Ye.',
  'status.chat.title': 'Status: {name}',
  'status.chat.body':
    'Ratings, attendance, task completion, points, training and conversations for {name}, on one page. Anonymous survey answers are never part of it.',
  'status.chat.open': 'Open the status page',
  'status.chat.unknown': 'Nobody in the organisation is called “{name}”.',
  'status.chat.ambiguous': 'Several people match “{name}”: {names}. Write more of the name.',
  'indicators.csv.header': 'The first line must be the header {value}.',
  'indicators.csv.columns': 'Line {line}: write three values — employee, period, value (this line has “{value}”).',
  'indicators.csv.value': 'Line {line}: “{value}” is not a number.',
  'indicators.csv.empty': 'There are no lines below the header.',
  'indicators.csv.too_many': 'At most 5,000 lines at a time: paste the rest separately.',
  'indicators.csv.row': 'Line {line}: {message}',
  'audit.kind.person.status.view': 'Viewed a person’s status page',
  'audit.did.person.status.view': 'viewed the status page of {subject}',
  'audit.kind.talk.propose': 'Proposed a performance conversation',
  'audit.did.talk.propose': 'proposed {subject} from a status page signal',
  'audit.kind.indicator.csv.import': 'Imported indicator values from CSV',
  'audit.did.indicator.csv.import': 'imported values of {subject} from pasted CSV',
} as const;
