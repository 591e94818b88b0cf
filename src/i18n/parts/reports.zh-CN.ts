// issue 23 新增的聊天报告：跨批次趋势（/report trend [部门]）。与 ./reports.en.ts 键相同。
import type { reportsEn } from './reports.en.js';

export const reportsZhCN: Record<keyof typeof reportsEn, string> = {
  'reports.trend.title': '趋势',
  'reports.trend.unit': '组织',
  'reports.trend.waves': '批次',
  'reports.trend.participation': '参与率',
  'reports.trend.none': '该调研还没有哪一批次邀请过这个组织的成员。',
  'reports.trend.noneShown': '各批次均未展示',
  'reports.trend.legend': '最近 {n} 个批次，从早到晚；{gap} 表示未展示（尚未结束，或少于 {k} 份回答，以保护匿名）。',
  'reports.trend.unknownUnit': '没有名为「{unit}」的组织。请填写 /org 中的名称或路径，例如 /report trend 门店。',
  'audit.kind.settings.report_targets': '修改了报告目标',
  'audit.did.settings.report_targets': '修改了报告目标',
  'reports.targets.badInput': '目标未保存：参与率和跟进解决率为 0 到 1 之间的比例，满意度为 1 到 5 之间的平均分。',
  'reports.heatmap.level': '层级 {level}',
  'reports.heatmap.byKind': '按组织类型（仅计可展示的组织）',
  'reports.kind.department': '总部部门',
  'reports.kind.store': '门店',
  'reports.kind.mixed': '混合',
};
