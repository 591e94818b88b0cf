// 删除已离职人员个人信息的中文文案（并入 ../zh-CN.ts）。键与 privacy-erase.en.ts 相同。
import type { privacyEraseEn } from './privacy-erase.en.js';

export const privacyEraseZhCN: Record<keyof typeof privacyEraseEn, string> = {
  'privacy.erase': '删除此人的个人信息',
  'privacy.eraseOnlyLeavers': '只能删除已离职人员的个人信息。',
  'privacy.eraseConfirm':
    '删除 {name} 的个人信息？其姓名、邮箱和各平台账号将在各处替换为化名；积分和审批记录保留在化名下。此操作无法撤销。',
  'privacy.eraseYes': '确认删除',
  'privacy.erased': '已删除。此后显示为“{pseudonym}”。',
  'privacy.eraseRemaining': '仍有 {n} 条只可追加的记录（积分流水备注、审批意见）引用了原姓名或邮箱；这些记录不可修改。',
};
