// 审批（退回修改与驳回）和调岗表单的中文文案（并入 ../zh-CN.ts）。键与 approvals.en.ts 相同。
import type { approvalsEn } from './approvals.en.js';

export const approvalsZhCN: Record<keyof typeof approvalsEn, string> = {
  'request.return': '退回修改…',
  'request.confirmReturn': '退回修改',
  'request.returnHint': '申请会退回给申请人，修改后可以重新提交。',
  'request.rejectHint': '驳回后申请即结束，不能再修改提交。',
  'transfer.effectiveDate': '生效日期',
  'transfer.effectiveHint': '审批通过后，从这一天起调入新部门，直属上级和你的申请审批人随之变更。',
  'transfer.noTargets': '目前没有可以调入的部门。',
};
