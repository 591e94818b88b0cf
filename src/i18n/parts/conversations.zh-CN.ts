// 调研评论的匿名对话(issue 23 第 1 项)的审计记录。键与 ./conversations.en.ts 相同。
// 作者的操作不单独记录:每个批次一行,只记数量。
export const conversationsZhCN = {
  'audit.kind.survey.conversation.start': '回复调研评论',
  'audit.did.survey.conversation.start': '就一条匿名调研评论发起了对话',
  'audit.kind.survey.conversation.reply': '在评论对话中回复',
  'audit.did.survey.conversation.reply': '在一条匿名调研评论的对话中回复',
  'audit.kind.survey.conversation.release': '发布评论对话消息',
  'audit.did.survey.conversation.release': '按批次发布了评论对话消息',
} as const;
