// 中文：报表下载控件与积分导出。键与 ./exports.en.ts 相同。
import type { exportsEn } from './exports.en.js';

export const exportsZhCN: Record<keyof typeof exportsEn, string> = {
  'x.export.group': '下载此报表',
  'x.export.csv': '导出 CSV',
  'x.export.xlsx': '导出 XLSX',
  'x.export.failed': '导出失败，请重试。',
  'x.export.points.title': '导出积分',
  'x.export.points.help': '一段时间的积分明细（每一条），或按组织、按价值标签汇总的积分。',
  'x.export.points.from': '开始日期',
  'x.export.points.to': '结束日期',
  'x.export.points.view': '内容',
  'x.export.points.ledger': '积分明细（每一条）',
  'x.export.points.units': '按组织',
  'x.export.points.tags': '按价值标签',
  'x.export.points.value': '价值来源（组织 × 标签）',
  'x.value.chart': '各组织获得的积分',
  'x.value.empty': '这段时间没有获批的积分申请。',
};
