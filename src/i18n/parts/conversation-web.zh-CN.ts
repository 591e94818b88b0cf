// 评论匿名对话(issue 23 第 1 项)在小程序接口中的拒绝说明。键与 ./conversation-web.en.ts 相同。
export const conversationWebZhCN = {
  'conversation.error.unknown_comment': '这条评论已不存在。',
  'conversation.error.no_reply_key': '这条评论发布于对话功能之前:无法把回复送达作者。',
  'conversation.error.forbidden': '你只能回复你负责的部门的评论(HR 可回复所有部门)。',
  'conversation.error.below_threshold': '该评论所在分组的评论数低于本轮的评论门槛:开启对话可能暴露作者。',
  'conversation.error.unknown_thread': '该对话不存在。',
  'conversation.error.closed': '该对话已关闭,不能再添加内容。',
  'conversation.error.unknown_key': '该对话链接无效,或对应的评论已被删除。',
  'conversation.error.no_thread': '还没有人回复你的评论:团队回复后你才能继续对话。',
  'conversation.field.body': '请输入 1 到 {max} 个字符。',
} as const;
