// 中文文案：导出某人的全部数据（《个人信息保护法》第四十五条，GDPR 查阅与可携权）。键与 ./privacy.en.ts 相同。
import type { privacyEn } from './privacy.en.js';

export const privacyZhCN: Record<keyof typeof privacyEn, string> = {
  'cmd.privacy.summary': '导出某人的全部数据，或删除已离职人员的个人信息（HR）：/privacy export|erase <邮箱或姓名>',
  'privacy.usage':
    '用法：/privacy export <邮箱或姓名> —— 将元气保存的该人全部数据打包成一个 zip。/privacy erase <邮箱或姓名> —— 将已离职人员在各处替换为化名。',
  'privacy.error.unknownPerson': '组织中没有与“{person}”匹配的人。请使用邮箱，或只匹配一个人的姓名。',
  'privacy.error.ambiguous': '“{person}”匹配到 {n} 个人。请改用邮箱。',
  'privacy.export.title': '个人数据导出已就绪',
  'privacy.export.body':
    '元气保存的 **{name}**（#{id}）的全部数据已打包为一个 zip：person.json、每类记录一个 CSV，以及一份说明。链接 24 小时内有效，需由你或其他已登录的 HR 下载；每次下载都会记入审计日志。',
  'privacy.export.download': '下载 zip',

  'privacy.readme.title': '元气 —— 个人数据导出',
  'privacy.readme.person': '本人：{name}（员工 #{id}）',
  'privacy.readme.generated': '生成时间：{at}',
  'privacy.readme.files':
    '文件：person.json 以结构化形式包含全部记录；每个 CSV 包含一类记录（UTF-8 带 BOM，可直接用 Excel 打开）。',
  'privacy.readme.anonymous':
    '未包含：脉搏调研中的回答与留言。它们在设计上就是匿名的——存储时不带任何人、消息或时间——因此任何回答都无法与任何人（包括本人）关联。调研参与情况（被邀请参加了哪些批次、是否已作答）属于个人信息，已包含在内。',
  'privacy.readme.others':
    '他人针对本人所作的记录（对其申请的审批决定、其收到的评分与反馈）会写明对方，与本人在元气中看到的一致。',
};
