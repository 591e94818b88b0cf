// Comment conversations in chat (issue 23 item 1): the private link on the survey confirmation and the notices
// sent at batch time. zh-CN has the same keys (./conversations-chat.zh-CN.ts).
export const conversationsChatEn = {
  'conversation.recorded.line':
    'If your team replies to your comment, you can answer anonymously. Replies arrive at {hours}.',
  'conversation.recorded.open': 'Open my comment conversation',
  'conversation.recorded.keep':
    'This link is yours alone and is not kept anywhere: whoever has it can read and answer. Do not forward it.',
  'conversation.notice.team.title': 'Comment conversation',
  'conversation.notice.team.body': 'A reply to your conversation on a comment in {wave}.',
  'conversation.notice.team.open': 'Open the conversation',
  'conversation.notice.author.title': 'A reply to a survey comment',
  'conversation.notice.author.body':
    'Someone on your team got a reply to a survey comment in {wave}. If it was yours, open the private link in your survey confirmation.',
  'conversation.notice.author.more':
    'Someone on your team got a reply to a survey comment in {wave} ({n} comments). If one was yours, open the private link in your survey confirmation.',
} as const;
