// 按组织与组织类型统计的人员流失（议题 25 §6）：聊天卡片、小程序页面与错误提示。与 ./turnover.en.ts 键相同。
import type { turnoverEn } from './turnover.en.js';

export const turnoverZhCN: Record<keyof typeof turnoverEn, string> = {
  'audit.kind.settings.turnover_threshold': '修改了人员流失提示门槛',
  'audit.did.settings.turnover_threshold': '修改了人员流失提示门槛',
  'turnover.title': '人员流失 · 最近 {days} 天',
  'turnover.row': '{flag}**{unit}** · {headcount} 人 · 离职 {leavers} 人 · 流失率 {rate}（年化 {annual}）',
  'turnover.moves': '调出 {out} · 调入 {in} · 新入职 {joined}',
  'turnover.flag': '⚠ ',
  'turnover.total': '{unit}整体：约 {headcount} 人中离职 {leavers} 人 · 年化 {annual}',
  'turnover.pulse': '调研（{wave}）：{dims} · {n} 份答卷',
  'turnover.pulseHidden': '调研（{wave}）：不展示（人数低于匿名门槛）',
  'turnover.flagged': '{n} 家门店年化流失率达到或超过 {threshold}：{units}',
  'turnover.none': '这一层级没有组织。',
  'turnover.note': '离职人员来自通讯录；组织间调动计为调动，不计入流失。调研数据遵循报告的匿名规则。',
  'turnover.error.days': '请以天数给出时间段（1 到 3650）。',
  'turnover.error.unit': '没有这个组织。',
  'turnover.error.threshold': '门槛是年化流失率，须大于 0% 且不超过 500%。',
  'turnover.error.forbidden': '只有 HR 可以查看人员流失。',
};
