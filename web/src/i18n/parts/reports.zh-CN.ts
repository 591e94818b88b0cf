// 报告页热力图的层级与类型筛选，以及按组织类型的汇总（issue 23）。与 ./reports.en.ts 键相同。
import type { reportsEn } from './reports.en.js';

export const reportsZhCN: Record<keyof typeof reportsEn, string> = {
  'reports.level': '层级',
  'reports.levelN': '第 {n} 层',
  'reports.levelTeams': '第 {n} 层（全部团队）',
  'reports.kind': '类型',
  'reports.kindAll': '全部类型',
  'reports.kind.department': '总部部门',
  'reports.kind.store': '门店',
  'reports.kind.mixed': '混合',
  'reports.byKind': '按组织类型',
  'reports.kindShown': '展示 {shown}/{units} 个组织 · {n} 份回答',
  'reports.kindNoneShown': '其 {units} 个组织均不能展示',
  'reports.responses': '回答数',
};
