// The flows shipped by default. HR can replace them (validated, versioned).
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
];
