// English strings of the anonymous conversation on a comment (issue 23 item 1), both sides (merged into ../en.ts).
// conversations.zh-CN.ts has the same keys.
export const conversationsEn = {
  // On a comment in a report
  'conv.reply': 'Reply',
  'conv.replyTo': 'Reply to this comment',
  'conv.open': 'Open conversation',
  'conv.openClosed': 'Conversation (closed)',
  'conv.send': 'Send',
  'conv.replyHelp': 'The author is never named to you. Your message reaches them at the next delivery time.',
  // The team's thread page
  'conv.title': 'Conversation on a comment',
  'conv.comment': 'The comment',
  'conv.unit': 'Group: {unit}',
  'conv.messages': 'Messages',
  'conv.none': 'No messages yet.',
  'conv.author': 'Comment author',
  'conv.team': 'Team',
  'conv.you': 'You',
  'conv.delivered': 'Delivered at {when}',
  'conv.willDeliver': 'Will be delivered at {when}',
  'conv.yourMessage': 'Your message',
  'conv.closed': 'The author closed this conversation on {when}: nothing more can be added.',
  'conv.batches':
    'Messages both ways are delivered in batches at set times, so the time a reply appears says nothing about when it was written.',
  'conv.next': 'A message written now will be delivered at {when}.',
  'conv.sent': 'Sent. It will be delivered at {when}.',
  'conv.list': 'Conversations',
  'conv.back': 'Back to the report',
  'conv.listEmpty': 'No conversation yet. Answer a comment from a report to start one.',
  'conv.count': '{n} messages',
  'conv.last': 'last delivered {when}',
  'conv.statusClosed': 'closed',
  'conv.awaiting': 'The author wrote last: waiting for your answer',
  'conv.all': 'All conversations',
  // The author's page
  'conv.mine.title': 'Your comment',
  'conv.mine.intro':
    'Only you can open this page: the link holds a key that names no one, and it is kept on this device only. The team sees your answers, never your name.',
  'conv.mine.noThread': 'Nobody has answered your comment yet. You will be able to reply here once the team has.',
  'conv.mine.closedByYou': 'You closed this conversation. The team sees it from {when}.',
  'conv.mine.close': 'Close the conversation',
  'conv.mine.closeConfirm': 'Close this conversation? Neither side can add to it afterwards.',
  'conv.mine.list': 'Conversations on this device',
  'conv.mine.empty': 'No conversation is kept on this device. Open the link you received in chat.',
  'conv.mine.forget': 'Remove from this device',
  'conv.mine.unknown': 'This link no longer opens a conversation.',
  'conv.mine.others': 'Other conversations on this device',
  // After answering a survey with a comment
  'conv.survey.kept':
    'The team can answer your comment without knowing who wrote it. Your conversation is kept on this device:',
  'conv.survey.link': 'Open my conversation',
} as const;
