// The mini-app API's refusals in a comment conversation (issue 23 item 1). zh-CN has the same keys
// (./conversation-web.zh-CN.ts).
export const conversationWebEn = {
  'conversation.error.unknown_comment': 'This comment no longer exists.',
  'conversation.error.no_reply_key':
    'This comment was published before conversations existed: its author cannot receive a reply.',
  'conversation.error.forbidden': 'You can answer comments of the units you lead only (HR: of every unit).',
  'conversation.error.below_threshold':
    "This comment's group has fewer comments than the wave's comment threshold: a conversation could point to its author.",
  'conversation.error.unknown_thread': 'This conversation does not exist.',
  'conversation.error.closed': 'This conversation is closed: nothing more can be added.',
  'conversation.error.unknown_key': 'This conversation link is not valid, or its comment was removed.',
  'conversation.error.no_thread': 'Nobody has answered your comment yet: you can write once the team has replied.',
  'conversation.field.body': 'Write between 1 and {max} characters.',
} as const;
