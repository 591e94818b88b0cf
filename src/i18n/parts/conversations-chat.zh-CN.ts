// 调研留言的匿名对话在聊天中的文字（议题 23 第 1 项）：提交确认里的私人链接，以及批次时间发出的通知。
// 与 ./conversations-chat.en.ts 键相同。
export const conversationsChatZhCN = {
  'conversation.recorded.line': '如果团队回复了你的留言，你可以匿名作答。回复在 {hours} 送达。',
  'conversation.recorded.open': '打开我的留言对话',
  'conversation.recorded.keep': '这个链接只属于你，系统不会保存它：拿到链接的人都能阅读和回复，请勿转发。',
  'conversation.notice.team.title': '留言对话',
  'conversation.notice.team.body': '你参与的「{wave}」留言对话有了新回复。',
  'conversation.notice.team.open': '打开对话',
  'conversation.notice.author.title': '调研留言有了回复',
  'conversation.notice.author.body':
    '你们团队有人在「{wave}」中的调研留言收到了回复。如果是你的留言，请打开调研提交确认里的私人链接查看。',
  'conversation.notice.author.more':
    '你们团队有人在「{wave}」中的调研留言收到了回复（{n} 条留言）。如果其中有你的留言，请打开调研提交确认里的私人链接查看。',
} as const;
