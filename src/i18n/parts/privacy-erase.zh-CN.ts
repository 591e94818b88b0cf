// 中文文案：删除已离职人员的个人信息（《个人信息保护法》第四十七条，GDPR 第十七条）。键与 ./privacy-erase.en.ts 相同。
import type { privacyEraseEn } from './privacy-erase.en.js';

export const privacyEraseZhCN: Record<keyof typeof privacyEraseEn, string> = {
  'privacy.erase.usage':
    '用法：/privacy erase <邮箱或姓名> —— 将已离职人员在各处替换为化名。加上 “confirm” 可跳过确认卡片。',
  'privacy.erase.confirmTitle': '删除此人的个人信息？',
  'privacy.erase.confirmBody':
    '删除 **{name}**（#{id}）？其姓名、邮箱和各平台账号将在各处替换为“{pseudonym}”；积分和审批记录保留在该化名下。此操作无法撤销。',
  'privacy.erase.confirm': '删除',
  'privacy.erase.doneTitle': '已删除个人信息',
  'privacy.erase.doneBody':
    '#{id} 在元气中已全部替换为“{pseudonym}”。审计日志记录了由你执行删除，但不记录被删除的内容。',
  'privacy.erase.remaining':
    '仍有 {n} 条只可追加的记录（积分流水备注、审批意见）引用了原姓名或邮箱；这些记录按设计不可修改。',
  'privacy.erase.stillActive': '{name} 仍在职 —— 请先将其停用，例如通过通讯录同步或组织架构 CSV。未做任何更改。',
  'privacy.erase.alreadyErased': '#{id} 的个人信息已被删除过。未做任何更改。',
  'privacy.erase.forbidden': '只有 HR 和管理员可以删除个人信息。',
};
