// 人员流失页面（HR，议题 25 §6）：筛选、列名、提示门槛。与 ./turnover.en.ts 键相同。
import type { turnoverEn } from './turnover.en.js';

export const turnoverZhCN: Record<keyof typeof turnoverEn, string> = {
  'turnover.page.title': '人员流失',
  'turnover.page.period': '时间段',
  'turnover.page.days': '最近 {days} 天',
  'turnover.page.unit': '组织',
  'turnover.page.level': '层级',
  'turnover.page.kind': '类型',
  'turnover.page.allKinds': '全部',
  'turnover.page.kind.department': '总部部门',
  'turnover.page.kind.store': '门店',
  'turnover.page.kind.mixed': '混合',
  'turnover.col.unit': '组织',
  'turnover.col.headcount': '人数（期初 → 期末）',
  'turnover.col.leavers': '离职',
  'turnover.col.moves': '调出 / 调入',
  'turnover.col.joined': '入职',
  'turnover.col.rate': '流失率（年化）',
  'turnover.col.pulse': '调研',
  'turnover.hidden': '不展示',
  'turnover.noPulse': '—',
  'turnover.flaggedBadge': '超过门槛',
  'turnover.threshold': '门店年化流失率提示门槛（%）',
  'turnover.thresholdSave': '保存',
  'turnover.thresholdSaved': '已保存：年化流失率达到或超过 {threshold} 的门店会被标出。',
};
