// 简体中文：积分申请上限、相似申请提示、按自然周期的排行榜（issue 24，积分）。
import type { pointRulesEn } from './point-rules.en.js';

export const pointRulesZhCN: Record<keyof typeof pointRulesEn, string> = {
  'points.cap.person_day': '未提交：每人每天最多提交 {limit} 个积分申请，你今天已达上限。{resets} 起可再次申请。',
  'points.cap.person_month': '未提交：每人每月最多提交 {limit} 个积分申请，你本月已达上限。{resets} 起可再次申请。',
  'points.cap.tag_day': '未提交：「{tag}」每人每天最多申请 {limit} 次，你今天已达上限。{resets} 起可再次申请。',
  'points.cap.tag_month': '未提交：「{tag}」每人每月最多申请 {limit} 次，你本月已达上限。{resets} 起可再次申请。',
  'points.caps.title': '积分申请上限',
  'points.caps.saved': '积分申请上限已保存',
  'points.caps.anyTag': '所有标签合计',
  'points.caps.limits': '每天 {day}，每月 {month}',
  'points.caps.noCap': '不限',
  'points.caps.usage':
    '/points caps — 查看上限 · /points caps 天|月 <1–{max}> — 每人申请数（所有标签合计） · /points caps <标签> 天|月 <1–{max}> — 每人某个标签的申请数 · 数字换成 - 即取消该上限',
  'points.caps.error.not_positive': '上限至少为 1。不设上限请留空。',
  'points.caps.error.invalid': '上限须为 1 到 {max} 之间的整数。不设上限请留空。',
  'points.caps.error.duplicate_tag': '这个标签出现了两次，每个标签只填一行。',
  'points.caps.error.unknown_tag': '没有编号为 #{id} 的价值标签。',
  'audit.kind.settings.point_caps': '更改积分申请上限',
  'audit.did.settings.point_caps': '更改了积分申请的上限',
  'points.similar.line': '⚠️ 与{name} {date} 的申请（{ref}）相似：“{text}”',
  'points.calendar.week': '本周（{label} 起）',
  'points.calendar.month': '本月（{label}）',
  'points.calendar.quarter': '本季度（{label}）',
  'points.calendar.year': '本年（{label}）',
  'cmd.leaderboard.summary': '按自然周期的积分排行榜：/leaderboard [本月|本季度|本年|本周|全部] [部门]',
  'points.calendar.all': '全部',
};
