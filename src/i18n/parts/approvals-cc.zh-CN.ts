// Copying (抄送) colleagues from the approval card in chat (issue 24).
import type { approvalsCcEn } from './approvals-cc.en.js';

export const approvalsCcZhCN: Record<keyof typeof approvalsCcEn, string> = {
  'approval.more.cc': '抄送',
  'approval.more.people': '抄送给',
  'approval.more.peoplePlaceholder': '工作邮箱，多个用逗号分隔',
  'approval.error.too_many_cc': '一次最多抄送 {max} 人。',
};
