// Anonymous conversations on a survey comment (issue 23 item 1): their audit rows. zh-CN has the same keys
// (./conversations.zh-CN.ts). The author's actions have no row of their own: a batch row counts them.
export const conversationsEn = {
  'audit.kind.survey.conversation.start': 'Answered a survey comment',
  'audit.did.survey.conversation.start': 'started a conversation on an anonymous survey comment',
  'audit.kind.survey.conversation.reply': 'Replied in a comment conversation',
  'audit.did.survey.conversation.reply': 'replied in a conversation on an anonymous survey comment',
  'audit.kind.survey.conversation.release': 'Released comment conversation messages',
  'audit.did.survey.conversation.release': 'released a batch of comment conversation messages',
} as const;
