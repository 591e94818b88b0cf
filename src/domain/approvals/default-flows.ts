// The flows shipped by default. HR can replace them (validated, versioned). A default with form fields (hq-feedback)
// is a request kind people submit from /request or the app's "Other requests".
import type { FlowDefinition } from './flow-schema.js';

export const DEFAULT_FLOWS: FlowDefinition[] = [
  {
    key: 'point-claim',
    name: { 'zh-CN': '积分申请', en: 'Point claim' },
    steps: [
      {
        id: 'manager',
        name: { 'zh-CN': '直属上级审批', en: 'Manager review' },
        approver: { type: 'manager' },
        onReject: 'return',
      },
      {
        id: 'hr',
        name: { 'zh-CN': 'HR 复核', en: 'HR review' },
        approver: { type: 'role', role: 'hr' },
        when: { field: 'points', op: 'gte', value: 150 },
        onReject: 'return',
      },
    ],
  },
  {
    key: 'redemption',
    name: { 'zh-CN': '积分兑换', en: 'Reward redemption' },
    steps: [
      {
        id: 'hr',
        name: { 'zh-CN': 'HR 审批', en: 'HR approval' },
        approver: { type: 'role', role: 'hr' },
        onReject: 'end',
      },
    ],
  },
  {
    key: 'transfer',
    name: { 'zh-CN': '调岗申请', en: 'Transfer' },
    steps: [
      {
        id: 'current-head',
        name: { 'zh-CN': '现部门负责人', en: 'Current unit head' },
        approver: { type: 'unitHead', unit: 'applicant' },
        onReject: 'end',
      },
      {
        id: 'hr',
        name: { 'zh-CN': 'HR 审批', en: 'HR approval' },
        approver: { type: 'role', role: 'hr' },
        onReject: 'end',
      },
      {
        id: 'receiving-head',
        name: { 'zh-CN': '接收部门负责人', en: 'Receiving unit head' },
        approver: { type: 'unitHead', unit: 'target' },
        onReject: 'end',
      },
    ],
  },
  {
    key: 'training',
    name: { 'zh-CN': '培训报名', en: 'Training enrolment' },
    steps: [
      {
        id: 'manager',
        name: { 'zh-CN': '直属上级审批', en: 'Manager approval' },
        approver: { type: 'manager' },
        onReject: 'end',
      },
    ],
  },
  {
    // Feedback to HQ (seed 004, issue 24): a store employee raises an issue to an HQ department. Its head decides
    // (approve with a comment = resolved, reject with the reason = declined); the applicant's own unit head is
    // copied. `mode` makes a department with no head refuse the submission ("nobody can approve") instead of
    // falling back to HR: the issue is for that department.
    key: 'hq-feedback',
    name: { 'zh-CN': '向总部反馈', en: 'Feedback to HQ' },
    fields: [
      {
        key: 'department',
        label: { 'zh-CN': '总部部门', en: 'HQ department' },
        type: 'unit',
        required: true,
        unitKind: 'department',
      },
      { key: 'issue', label: { 'zh-CN': '问题', en: 'Issue' }, type: 'text', required: true },
      { key: 'details', label: { 'zh-CN': '详细说明', en: 'Details' }, type: 'text', required: false },
    ],
    steps: [
      {
        id: 'department-head',
        name: { 'zh-CN': '部门负责人处理', en: 'Department head resolves' },
        approver: { type: 'unitHead', unit: 'target' },
        mode: 'any',
        cc: [{ type: 'unitHead', unit: 'applicant' }],
        onReject: 'end',
      },
    ],
  },
];
